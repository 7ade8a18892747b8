"""Image files in and out, for every technique: safe decoding, resampling, PNG/JPEG/GIF writing, contact sheets.

An image is a float32 NumPy array (height, width, channels) with values in [0, 255]; channels is 3 (RGB) or
1 (gray). Files the user names are read defensively (``load_image``): whatever is wrong with one is a one-line
GenlabError naming it. Files genlab writes appear atomically, complete or not at all. NumPy and Pillow only.
"""

from genlab.images.folders import list_images
from genlab.images.formats import IMAGE_SUFFIXES
from genlab.images.load import DEFAULT_MAX_PIXELS, load_image
from genlab.images.outputs import check_outputs, folder_output, gif_output, image_output, writable
from genlab.images.resize import enlarge, resize, resize_to_height
from genlab.images.samples import SAMPLE_PHOTOS, sample_photo, sample_photos
from genlab.images.save import save_batch, save_gif, save_image
from genlab.images.sheet import contact_sheet

__all__ = [
    "DEFAULT_MAX_PIXELS",
    "IMAGE_SUFFIXES",
    "SAMPLE_PHOTOS",
    "check_outputs",
    "contact_sheet",
    "enlarge",
    "folder_output",
    "gif_output",
    "image_output",
    "list_images",
    "load_image",
    "resize",
    "resize_to_height",
    "sample_photo",
    "sample_photos",
    "save_batch",
    "save_gif",
    "save_image",
    "writable",
]
