"""Type aliases shared by the public API's signatures."""

import os
from collections.abc import Callable

#: A file or folder name: a run folder, a ``.keras`` file, an image, an output file.
PathLike = str | os.PathLike
#: Where a function sends its progress lines (``print`` by default): anything that takes one line of text.
Report = Callable[[str], object]
