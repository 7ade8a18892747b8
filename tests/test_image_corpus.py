"""Hostile and unusual files from Pillow's own test set: each one loads as a correct image or fails with one
line naming it, and nothing else reaches the terminal (no Pillow warning, no libtiff message)."""

import logging
import shutil
import warnings
from pathlib import Path

import numpy as np
import PIL
import pytest
from PIL import Image

from genlab import assets
from genlab.errors import GenlabError
from genlab.images import load_image

SUBSET = Path(__file__).parent / "data" / "pillow"
FULL = assets.home() / "test-data" / f"pillow-{PIL.__version__}" / "images"
GHOSTSCRIPT = shutil.which("gs") is not None

#: What each file of the committed subset must give: None for an image, else words of its one-line error
#: (a tuple: any one of them, where it depends on what this machine's Pillow was built with).
EXPECTED = {
    "unimplemented_dxgi_format.dds": "is a DDS variant genlab cannot decode (Unimplemented DXGI format 93)",
    "unimplemented_pfflags.dds": "is a DDS variant genlab cannot decode (Unknown pixel format flags 8)",
    "unimplemented_pixel_format.dds": "is a DDS variant genlab cannot decode (Unimplemented pixel format 0)",
    "hopper_webp.tif": (None, "is a TIFF variant genlab cannot decode here (WEBP compression support is not "
                              "configured)"),
    "libtiff_segfault.tif": "not an image, or not in a format Pillow can read",
    "oom-225817ca0f8c663be7ab4b9e717b02c661e66834.tif": "not an image, or not in a format Pillow can read",
    "drawing.wmf": "is a WMF file, a format genlab cannot decode here",
    "drawing.emf": "is a WMF file, a format genlab cannot decode here",
    "reqd_showpage.eps": None if GHOSTSCRIPT else "is EPS, which genlab decodes only with Ghostscript",
    "pal2.bmp": "is a BMP variant genlab cannot decode (Unsupported BMP pixel depth (2))",
    "chunk_multi_actl.png": None,
    "hopper_unexpected.ico": None,
    "zero_width.gif": "not an image",
    "negative_size.ppm": "not an image",
    "fli_overrun.bin": "truncated or damaged",
    "pcx_overrun.bin": "truncated or damaged",
    "decompression_bomb.gif": "too large to decode safely",
    "decompression_bomb.ico": "too large to decode safely",
    "l2rgb_read.bmp": "more than the limit of 50 megapixels",
    "seek_too_large.tif": "truncated or damaged",
    "psd-large-bytecounts.psd": "truncated or damaged",
    "raw_negative_stride.bin": "truncated or damaged",
    "png_decompression_dos.png": "truncated or damaged",
    "crash-465703f71a0f0094873a3e0e82c9f798161171b8.sgi": "truncated or damaged",
    "timeout-52d106579505547091ef69b58341351a37c23e31.dds": "truncated or damaged",
    "hopper_bad.p7": "not an image",
}


def quiet_outcome(path, capfd):
    """The image at ``path`` or its error message; fails if anything was warned or printed meanwhile.

    Pillow also reports through the logging module; on the command line, where no handler is configured, an
    error record goes to standard error. pytest's own handlers are therefore set aside while the file loads.
    """
    handlers, logging.root.handlers = logging.root.handlers, []
    try:
        with warnings.catch_warnings(record=True) as warned:
            warnings.simplefilter("always")
            try:
                outcome = load_image(path)
            except GenlabError as error:
                outcome = str(error)
    finally:
        logging.root.handlers = handlers
    printed = capfd.readouterr()
    assert not warned and not printed.out and not printed.err, (path, [str(w.message) for w in warned], printed)
    return outcome


def assert_image_or_one_line(path, outcome):
    if isinstance(outcome, str):
        assert "\n" not in outcome and str(path) in outcome, outcome
        return
    assert outcome.dtype == np.float32 and outcome.ndim == 3 and outcome.shape[2] == 3
    assert np.isfinite(outcome).all() and outcome.min() >= 0 and outcome.max() <= 255
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with Image.open(path) as original:
            size = original.size
    assert outcome.shape[:2] in (size[::-1], size), (path, outcome.shape, size)


def test_the_subset_is_complete():
    assert sorted(EXPECTED) == sorted(p.name for p in SUBSET.iterdir() if p.name not in ("LICENSE", "README.md"))


@pytest.mark.parametrize("name", EXPECTED)
def test_each_hostile_file_gives_an_image_or_its_one_line(name, capfd):
    path = SUBSET / name
    outcome = quiet_outcome(path, capfd)
    assert_image_or_one_line(path, outcome)
    expected = EXPECTED[name] if isinstance(EXPECTED[name], tuple) else (EXPECTED[name],)
    if isinstance(outcome, str):
        assert any(words is not None and words in outcome for words in expected), outcome
    else:
        assert None in expected, f"{name} was expected to fail, but loaded"


@pytest.mark.skipif(not FULL.is_dir(), reason=f"Pillow's test images are not in {FULL}; "
                                              "scripts/fetch-pillow-images.sh puts them there")
def test_every_file_of_pillows_test_set_gives_an_image_or_one_line(capfd):
    for path in sorted(p for p in FULL.rglob("*") if p.is_file()):
        assert_image_or_one_line(path, quiet_outcome(path, capfd))
