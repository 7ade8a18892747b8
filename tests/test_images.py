"""Image I/O: every bad file is a one-line GenlabError; every mode converts right; writes are atomic.

All test images are made here with Pillow, a few pixels in size.
"""

import io
import struct
import warnings
import zlib

import numpy as np
import pytest
from PIL import Image, ImageFile

from genlab import images
from genlab.errors import GenlabError


def write(path, image, **options):
    image.save(path, **options)
    return path


def png_header(width, height):
    """A PNG that claims ``width``×``height`` 8-bit RGB pixels but holds no pixel data."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", b"") + chunk(b"IEND", b""))


# Bad input


def test_missing_file(tmp_path):
    with pytest.raises(GenlabError, match="image not found: .*nothing.png"):
        images.load_image(tmp_path / "nothing.png")


def test_folder(tmp_path):
    with pytest.raises(GenlabError, match="is a folder"):
        images.load_image(tmp_path)


def test_empty_file(tmp_path):
    (tmp_path / "empty.jpg").write_bytes(b"")
    with pytest.raises(GenlabError, match=r"empty.jpg is empty \(0 bytes\)"):
        images.load_image(tmp_path / "empty.jpg")


def test_text_file_named_jpg(tmp_path):
    (tmp_path / "notes.jpg").write_text("shopping list: eggs, milk\n")
    with pytest.raises(GenlabError, match="notes.jpg is not an image"):
        images.load_image(tmp_path / "notes.jpg")


@pytest.mark.parametrize("suffix", [".png", ".jpg"])
def test_truncated_file_fails_on_decode(tmp_path, suffix):
    pixels = np.random.default_rng(0).integers(0, 256, (64, 64, 3), dtype=np.uint8)
    buffer = io.BytesIO()
    Image.fromarray(pixels).save(buffer, format=Image.registered_extensions()[suffix])
    path = tmp_path / f"cut{suffix}"
    path.write_bytes(buffer.getvalue()[: len(buffer.getvalue()) // 2])
    with Image.open(path) as image:
        assert image.size == (64, 64)  # the header is intact: only a full decode finds the damage
    with pytest.raises(GenlabError, match=f"cut{suffix} is truncated or damaged"):
        images.load_image(path)


@pytest.mark.parametrize("error", [NotImplementedError("Unimplemented pixel format 0"), struct.error("unpack"),
                                   IndexError("tile index out of range"), KeyError("XYZ")])
def test_whatever_a_decoder_raises_is_one_line_naming_the_file(tmp_path, monkeypatch, error):
    path = write(tmp_path / "odd.png", Image.new("RGB", (4, 4)))

    def load(image):
        raise error

    monkeypatch.setattr(ImageFile.ImageFile, "load", load)
    with pytest.raises(GenlabError, match="odd.png") as raised:
        images.load_image(path)
    assert "\n" not in str(raised.value)


def test_a_header_that_asks_for_more_memory_than_there_is_is_one_line(tmp_path, monkeypatch):
    # Pillow's PSD reader allocates what the header claims (psd-large-bytecounts.psd asks for 25 GB): whether
    # that fails depends on the machine's memory, and where it does, the file is to blame, not the machine
    path = write(tmp_path / "claims.png", Image.new("RGB", (4, 4)))

    def open_header(*args, **kwargs):
        raise MemoryError

    monkeypatch.setattr(Image, "open", open_header)
    with pytest.raises(GenlabError, match=r"claims.png is truncated or damaged: its header asks for more memory"):
        images.load_image(path)


def test_running_out_of_memory_while_decoding_an_image_within_the_limit_is_not_blamed_on_the_file(tmp_path,
                                                                                                    monkeypatch):
    path = write(tmp_path / "fine.png", Image.new("RGB", (4, 4)))

    def load(image):
        raise MemoryError

    monkeypatch.setattr(ImageFile.ImageFile, "load", load)
    with pytest.raises(MemoryError):
        images.load_image(path)


def test_a_format_that_cannot_be_decoded_here_is_not_called_damaged(tmp_path, monkeypatch):
    path = write(tmp_path / "drawing.png", Image.new("RGB", (4, 4)))

    def load(image):
        raise OSError(f"cannot find loader for this {image.format} file")

    monkeypatch.setattr(ImageFile.ImageFile, "load", load)
    with pytest.raises(GenlabError, match="drawing.png is a PNG file, a format genlab cannot decode here"):
        images.load_image(path)


def test_huge_dimensions_are_refused_from_the_header(tmp_path):
    path = tmp_path / "bomb.png"
    path.write_bytes(png_header(12_000, 8_000))  # 96 megapixels: over our limit, and Pillow warns
    with warnings.catch_warnings(), pytest.raises(
            GenlabError, match=r"bomb.png is 12000×8000 pixels \(96.0 megapixels\).*limit of 50 megapixels"):
        warnings.simplefilter("error")  # Pillow's own warning must not leak out as a second message
        images.load_image(path)
    with warnings.catch_warnings(), pytest.raises(GenlabError, match="bomb.png is truncated or damaged"):
        warnings.simplefilter("error")
        images.load_image(path, max_pixels=100_000_000)  # allowed, so decoding starts and finds no pixels


def test_pillow_decompression_bomb_error_is_a_genlab_error(tmp_path):
    path = tmp_path / "bomb.png"
    path.write_bytes(png_header(20_000, 20_000))  # 400 megapixels: Pillow itself refuses to open it
    with pytest.raises(GenlabError, match="bomb.png is too large to decode safely"):
        images.load_image(path, max_pixels=10**9)


def test_max_pixels_is_configurable(tmp_path):
    path = write(tmp_path / "small.png", Image.new("RGB", (40, 30)))
    assert images.load_image(path, max_pixels=1200).shape == (30, 40, 3)
    with pytest.raises(GenlabError, match="more than the limit of 0.0011 megapixels"):
        images.load_image(path, max_pixels=1100)


# Modes


def test_rgb_values_and_type(tmp_path):
    path = write(tmp_path / "rgb.png", Image.new("RGB", (3, 2), (10, 128, 250)))
    loaded = images.load_image(path)
    assert loaded.dtype == np.float32 and loaded.shape == (2, 3, 3)
    assert loaded[1, 2].tolist() == [10, 128, 250]


def test_gray_becomes_rgb_or_stays_gray(tmp_path):
    path = write(tmp_path / "gray.png", Image.new("L", (3, 2), 77))
    assert images.load_image(path)[0, 0].tolist() == [77, 77, 77]
    assert images.load_image(path, grayscale=True).shape == (2, 3, 1)


def test_color_to_grayscale_uses_luma(tmp_path):
    path = write(tmp_path / "colour.png", Image.new("RGB", (2, 2), (255, 0, 0)))
    assert images.load_image(path, grayscale=True)[0, 0, 0] == pytest.approx(0.299 * 255, abs=1e-3)


@pytest.mark.parametrize("suffix", [".png", ".tif"])
def test_16_bit_gray_is_scaled_not_clipped(tmp_path, suffix):
    values = np.array([[0, 257 * 100], [32896, 65535]], dtype=np.uint16)
    path = write(tmp_path / f"deep{suffix}", Image.fromarray(values))
    with Image.open(path) as image:
        assert image.mode == "I;16"
    loaded = images.load_image(path)
    np.testing.assert_allclose(loaded[..., 0], [[0, 100], [128, 255]])


def test_16_bit_pgm_read_as_mode_i_is_scaled(tmp_path):
    path = write(tmp_path / "deep.pgm", Image.fromarray(np.array([[65535, 257]], dtype=np.uint16)))
    with Image.open(path) as image:
        assert image.mode == "I"
    assert images.load_image(path, grayscale=True)[..., 0].tolist() == [[255, 1]]


def test_cmyk_jpeg_becomes_rgb(tmp_path):
    path = write(tmp_path / "cyan.jpg", Image.new("CMYK", (16, 16), (255, 0, 0, 0)))
    assert images.load_image(path)[8, 8] == pytest.approx([0, 255, 255], abs=3)


def test_palette_colour_and_transparency(tmp_path):
    image = Image.new("P", (2, 1), 1)
    image.putpalette([0, 0, 0, 10, 200, 30] + [0] * 762)
    image.putpixel((0, 0), 0)
    for suffix in (".png", ".gif"):
        loaded = images.load_image(write(tmp_path / f"palette{suffix}", image, transparency=0))
        assert loaded[0, 0].tolist() == [255, 255, 255]  # the transparent black is shown over white
        assert loaded[0, 1].tolist() == [10, 200, 30]


def test_alpha_is_composited_over_white(tmp_path):
    pixels = np.array([[[0, 0, 0, 0], [200, 100, 0, 255], [0, 0, 0, 128]]], dtype=np.uint8)
    loaded = images.load_image(write(tmp_path / "rgba.png", Image.fromarray(pixels)))
    assert loaded[0, 0].tolist() == [255, 255, 255]
    assert loaded[0, 1].tolist() == [200, 100, 0]
    assert loaded[0, 2] == pytest.approx([255 * 127 / 255] * 3)
    gray_alpha = write(tmp_path / "la.png", Image.fromarray(np.array([[[50, 0], [50, 255]]], dtype=np.uint8), "LA"))
    assert images.load_image(gray_alpha, grayscale=True)[0, :, 0].tolist() == pytest.approx([255, 50], abs=1e-3)


def test_one_bit(tmp_path):
    image = Image.new("1", (2, 1), 0)
    image.putpixel((1, 0), 1)
    assert images.load_image(write(tmp_path / "bits.png", image))[0].tolist() == [[0, 0, 0], [255, 255, 255]]


def test_exif_orientation_is_applied(tmp_path):
    image = Image.new("RGB", (40, 20), (0, 0, 255))
    image.paste((255, 0, 0), (0, 0, 10, 10))  # red in the stored top-left corner
    exif = Image.Exif()
    exif[0x0112] = 6  # "rotate 90° clockwise to display"
    loaded = images.load_image(write(tmp_path / "turned.jpg", image, exif=exif, quality=95))
    assert loaded.shape == (40, 20, 3)
    assert loaded[2, -3] == pytest.approx([255, 0, 0], abs=8)  # now the top-right corner
    assert loaded[2, 2] == pytest.approx([0, 0, 255], abs=8)


# Resizing


def test_resize_keeps_size_and_value_range():
    checkerboard = np.kron(np.indices((8, 8)).sum(0) % 2, np.ones((4, 4)))[..., None] * np.array([255, 0, 255])
    for scaled in (images.resize(checkerboard, scale=1 / 1.4), images.resize(checkerboard, (45, 50))):
        assert scaled.dtype == np.float32 and scaled.min() >= 0 and scaled.max() <= 255
        assert scaled[..., 1].max() == 0  # channels do not bleed into each other
    assert images.resize(checkerboard, scale=1 / 1.4).shape == (23, 23, 3)
    assert images.resize(checkerboard, (45, 50)).shape == (45, 50, 3)


def test_resize_of_a_smooth_image_is_close_to_the_truth():
    rows = np.linspace(-1, 1, 40, dtype=np.float32)[:, None, None] * np.ones((1, 30, 1), np.float32)
    small = images.resize(rows, (20, 15))
    assert small[:, 7, 0] == pytest.approx(np.linspace(-1, 1, 40)[1::2] - 1 / 39, abs=0.02)


def test_resize_to_height_keeps_the_aspect_ratio():
    assert images.resize_to_height(np.zeros((300, 451, 3), np.float32), 400).shape == (400, 601, 3)


def test_enlarge_makes_each_pixel_a_block():
    image = np.arange(6, dtype="float32").reshape(2, 3, 1)
    enlarged = images.enlarge(image, 3)
    assert enlarged.shape == (6, 9, 1)
    assert np.array_equal(enlarged[::3, ::3], image)
    assert np.all(enlarged[3:6, 6:9] == image[1, 2])


def test_resize_refuses_an_empty_size():
    with pytest.raises(GenlabError, match="must be positive"):
        images.resize(np.zeros((4, 4, 1), np.float32), (0, 4))


# Saving


def test_save_and_load_round_trip(tmp_path):
    pixels = np.random.default_rng(1).uniform(-20, 280, (7, 9, 3)).astype(np.float32)
    path = images.save_image(tmp_path / "new" / "folder" / "out.png", pixels)
    assert np.array_equal(images.load_image(path), np.clip(np.rint(pixels), 0, 255))
    gray = images.save_image(tmp_path / "gray.png", pixels[..., :1])
    with Image.open(gray) as image:
        assert image.mode == "L"


def test_save_by_suffix(tmp_path):
    flat = np.full((16, 16, 3), (200, 40, 90), np.float32)
    for suffix in (".jpg", ".JPEG", ".webp", ".bmp", ".tiff"):
        path = images.save_image(tmp_path / f"out{suffix}", flat)
        with Image.open(path) as image:
            assert image.format == images.formats.PILLOW_FORMATS[suffix.lower()]
        assert images.load_image(path)[8, 8] == pytest.approx([200, 40, 90], abs=3)
    with pytest.raises(GenlabError, match="out.txt: the name must end in one of .png"):
        images.save_image(tmp_path / "out.txt", flat)


def test_save_is_atomic_and_leaves_no_temporary_files(tmp_path, monkeypatch):
    path = images.save_image(tmp_path / "out.png", np.zeros((4, 4, 3)))
    assert [p.name for p in tmp_path.iterdir()] == ["out.png"]

    def fail(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Image.Image, "save", fail)
    with pytest.raises(GenlabError, match="cannot write .*out.png: No space left on device"):
        images.save_image(path, np.full((4, 4, 3), 255))
    assert [p.name for p in tmp_path.iterdir()] == ["out.png"]
    monkeypatch.undo()
    assert images.load_image(path).max() == 0  # the previous image is intact


def test_save_into_an_unwritable_place(tmp_path):
    (tmp_path / "file").write_text("")
    with pytest.raises(GenlabError, match="cannot write .*file/out.png"):
        images.save_image(tmp_path / "file" / "out.png", np.zeros((2, 2)))


def test_save_refuses_nan(tmp_path):
    with pytest.raises(ValueError, match="NaN"):
        images.save_image(tmp_path / "never.png", np.full((2, 2, 3), np.nan))
    assert not list(tmp_path.iterdir())


def test_gif_has_every_frame(tmp_path):
    frames = [np.full((8, 10, 3), (25 * i, 0, 255 - 25 * i), np.float32) for i in range(5)]
    path = images.save_gif(tmp_path / "anim" / "walk.gif", frames, duration_ms=80)
    with Image.open(path) as gif:
        assert (gif.n_frames, gif.size, gif.info["loop"], gif.info["duration"]) == (5, (10, 8), 0, 80)
        gif.seek(4)
        assert gif.convert("RGB").getpixel((0, 0)) == pytest.approx((100, 0, 155), abs=4)
    assert [p.name for p in path.parent.iterdir()] == ["walk.gif"]
    with pytest.raises(GenlabError, match="must end in .gif"):
        images.save_gif(tmp_path / "walk.png", frames)


# Contact sheets


def test_contact_sheet_layout():
    tiles = [np.full((28, 28), 10 * i, np.float32) for i in range(5)]
    sheet = images.contact_sheet(tiles, columns=3, padding=2, background=0)
    assert sheet.shape == (2 + 2 * 30, 2 + 3 * 30, 1)
    assert sheet[2, 2, 0] == 0 and sheet[2 + 30, 2 + 30, 0] == 40  # fifth tile: row 2, column 2
    assert sheet[-2, -2, 0] == 0  # the empty sixth cell is background


def test_contact_sheet_scales_mixed_sizes_and_channels():
    wide = np.full((50, 100, 3), (255, 0, 0), np.float32)
    small_gray = np.full((25, 20, 1), 80, np.float32)
    sheet = images.contact_sheet([wide, small_gray], padding=0, background=(0, 0, 255))
    assert sheet.shape == (50, 200, 3)  # both 50 rows high, in cells 100 wide
    assert sheet[25, 150].tolist() == pytest.approx([80, 80, 80])  # centred and made RGB
    assert sheet[25, 110].tolist() == [0, 0, 255]


def test_contact_sheet_titles_go_in_a_band_over_their_columns():
    tiles = [np.zeros((40, 40), np.float32)] * 4
    plain = images.contact_sheet(tiles, columns=2, padding=2, background=200)
    titled = images.contact_sheet(tiles, columns=2, padding=2, background=200, titles=["left", ""])
    band = titled.shape[0] - plain.shape[0]
    assert band > 8 and np.array_equal(titled[band:], plain)
    assert titled[:band, :42].min() < 100  # dark text on the light band over the first column…
    assert titled[:band, 42:].min() == 200  # …and nothing over the untitled second one


# Folders and sample photos


def test_list_images_sorted_recursive_and_case_insensitive(tmp_path):
    for name in ("b.PNG", "a.jpg", "sub/c.Jpeg", "sub/deeper/d.webp", "notes.txt", "._a.jpg", ".cache/e.png"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(b"x")
    found = [p.relative_to(tmp_path).as_posix() for p in images.list_images(tmp_path)]
    assert found == ["a.jpg", "b.PNG", "sub/c.Jpeg", "sub/deeper/d.webp"]


def test_list_images_errors(tmp_path):
    with pytest.raises(GenlabError, match="image folder not found"):
        images.list_images(tmp_path / "missing")
    (tmp_path / "readme.md").write_text("no images")
    with pytest.raises(GenlabError, match="no images in .*looked for .png, .jpg"):
        images.list_images(tmp_path)


def test_sample_photo_loads():
    pytest.importorskip("skimage")
    cat = images.load_image(images.sample_photo("chelsea"))
    assert cat.shape == (300, 451, 3) and 0 <= cat.min() and cat.max() <= 255 and cat.std() > 20
    assert "chelsea" in images.sample_photos()


def test_unknown_sample_photo_lists_the_installed_ones():
    with pytest.raises(GenlabError, match="no sample photo called 'mona_lisa'; installed ones: ") as raised:
        images.sample_photo("mona_lisa")
    assert all(name in str(raised.value) for name in images.sample_photos())


def test_sample_photo_of_a_missing_package_says_what_to_install(monkeypatch):
    monkeypatch.setattr("importlib.util.find_spec", lambda name: None)
    with pytest.raises(GenlabError, match=r"comes with scikit-learn, which is not installed \(pip install scikit-learn\)"):
        images.sample_photo("china")
