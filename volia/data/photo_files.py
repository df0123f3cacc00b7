"""Portraits: check a contributed photo, and make the only copy the site ever publishes.

(Which records' photos are published is the public cut's business; volia/outputs/photos.py
hands them to the site.)

A photo from a phone or a camera carries far more than the face: GPS coordinates, the camera's
serial number, the time it was taken, editing software, colour profiles. None of that may reach
the site. So the site never copies the contributed file: it decodes the pixels, turns them
upright (the EXIF orientation is the one piece of metadata that changes what the picture shows),
scales them down, and encodes a new JPEG from a fresh image that has no metadata to carry over.
Pillow would otherwise keep XMP and other `info` from the source when saving.

Validation and the build share one cached result per file, so each photo is decoded once per
process even though every language build publishes its own copy.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

from volia.data.files import PHOTO_DIR

MAX_SIDE = 480  # pixels, the longer side of the published photo
BUDGET = 60 * 1024  # bytes, the most a published photo may weigh
QUALITIES = (85, 78, 70, 62, 55, 48, 40)  # JPEG qualities tried in turn until the photo fits the budget
MIN_SIDE = 96  # never shrink below this to meet the budget; such a photo is refused instead
MAX_PIXELS = 40_000_000  # a bigger source is an accident or a decompression bomb
MAX_FILE_BYTES = 25 * 1024 * 1024
FORMATS = {"JPEG": (".jpg", ".jpeg"), "PNG": (".png",)}


class PhotoError(ValueError):
    """A photo that cannot be published; the message says why, for a contributor."""


@dataclass(frozen=True)
class Processed:
    data: bytes  # the JPEG the site publishes
    width: int
    height: int


# ---- Entry points ----

def process(src: Path | bytes) -> bytes:
    """A contributed JPEG or PNG → a new, small JPEG without any metadata."""
    raw = src if isinstance(src, bytes) else _read(src)
    return _process(raw, suffix=None if isinstance(src, bytes) else src.suffix.lower()).data


def processed(path: Path) -> Processed:
    """process() with the size of the result, cached per file version (path, size, mtime)."""
    try:
        stat = path.stat()
    except OSError:
        raise PhotoError(f"the file {_shown(path)} is missing; put the photo there or fix the name") from None
    return _cached(path.resolve(), stat.st_size, stat.st_mtime_ns)


def problem_with(name: str, photos_dir: Path) -> str | None:
    """Why the photo `name` (a file name in `photos_dir`) cannot be published, or None when it can."""
    path = photos_dir / name
    if path.is_symlink() and "/" not in name:
        return f"{_shown(path)} is a symbolic link; expected the photo file itself"
    if "/" in name or "\\" in name or name in ("", ".", "..") or photos_dir.resolve() not in path.resolve().parents:
        return (f"climbs out of {PHOTO_DIR}/ (a path, not a file name); expected the name of a file "
                f"directly in data/{PHOTO_DIR}/, such as ales-testovich.jpg")
    try:
        processed(path)
    except PhotoError as error:
        return str(error)
    return None


# ---- Helpers ----

@lru_cache(maxsize=2048)
def _cached(path: Path, size: int, mtime_ns: int) -> Processed:
    return _process(_read(path), suffix=path.suffix.lower())


def _read(path: Path) -> bytes:
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise PhotoError(f"the file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB; "
                             "expected a portrait of a few megabytes at most")
        return path.read_bytes()
    except OSError as error:
        raise PhotoError(f"cannot read {_shown(path)} ({error.strerror})") from None


def _process(raw: bytes, suffix: str | None) -> Processed:
    image = _open(raw, suffix)
    image = ImageOps.exif_transpose(image) or image
    image = _flatten(image)
    side = MAX_SIDE
    while True:
        scaled = image.copy()
        scaled.thumbnail((side, side), Image.Resampling.LANCZOS)
        # A fresh image holds pixels only: nothing from the source's `info` can be written out.
        clean = Image.new("RGB", scaled.size)
        clean.paste(scaled)
        for quality in QUALITIES:
            out = io.BytesIO()
            clean.save(out, "JPEG", quality=quality, optimize=True, progressive=True)
            if out.tell() <= BUDGET:
                return Processed(out.getvalue(), clean.width, clean.height)
        side = int(side * 0.8)
        if side < MIN_SIDE:
            raise PhotoError(f"cannot fit the photo into {BUDGET // 1024} KB; expected an ordinary portrait")


def _open(raw: bytes, suffix: str | None) -> Image.Image:
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            # Only these two decoders ever see contributed bytes: Pillow knows dozens of formats.
            image = Image.open(io.BytesIO(raw), formats=list(FORMATS))
            # Always one of FORMATS (Image.open was limited to them), or MPO: a phone's JPEG that
            # carries a second picture (a depth map, a preview) after the first. Only the first is read.
            kind = "JPEG" if image.format == "MPO" else image.format or ""
            if suffix is not None and suffix not in FORMATS[kind]:
                raise PhotoError(f"the file is a {kind} but its name ends in {suffix}; "
                                 f"expected a name ending in {' or '.join(FORMATS[kind])}")
            width, height = image.size
            if width * height > MAX_PIXELS:
                raise _too_large()
            if kind == "JPEG":
                image.draft("RGB", (MAX_SIDE * 2, MAX_SIDE * 2))  # decode at a reduced scale: much faster
            image.load()
            return image
        except PhotoError:
            raise
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise _too_large() from None  # Pillow's own, higher limit: refused before any decoding
        except UnidentifiedImageError:
            raise PhotoError("the file is not a JPEG or PNG image; expected a JPEG or PNG photo") from None
        except (OSError, SyntaxError, ValueError) as error:
            raise PhotoError(f"the image is damaged or incomplete ({error}); expected a whole JPEG or PNG file") \
                from None


def _too_large() -> PhotoError:
    return PhotoError(f"the image is larger than {MAX_PIXELS // 1_000_000} megapixels; "
                      "expected an ordinary portrait")


def _flatten(image: Image.Image) -> Image.Image:
    """Any mode (palette, greyscale, CMYK, with transparency) → RGB on a white background."""
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        background = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        return Image.alpha_composite(background, rgba).convert("RGB")
    return image.convert("RGB")


def _shown(path: Path) -> str:
    return f"{PHOTO_DIR}/{path.name}"
