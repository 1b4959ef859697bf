"""Decoding image files (JPEG, PNG, multi-page TIFF, HEIC, …) into upright grayscale pages."""

from __future__ import annotations

import io
import warnings
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageOps, ImageSequence, UnidentifiedImageError

try:  # HEIC/HEIF from phones
    from pillow_heif import register_heif_opener

    register_heif_opener()
except ImportError:  # pragma: no cover - pillow-heif is a pinned dependency
    pass

# We enforce our own (configurable) pixel limit before decoding; Pillow's would raise a warning.
Image.MAX_IMAGE_PIXELS = None

_CAMERA_FORMATS = {"JPEG", "HEIF", "MPO", "WEBP"}


class ImageTooLarge(Exception):
    pass


class ImageUnreadable(Exception):
    pass


@dataclass(frozen=True)
class Frame:
    gray: np.ndarray
    exif_rotation: int  # degrees already turned from the EXIF orientation
    photo_hint: bool  # looks like a phone photo (camera EXIF, camera format)
    dpi: float | None


def open_frames(data: bytes, *, max_pixels: int, max_frames: int) -> Iterator[Frame]:
    """Yield every frame of an image file as uint8 grayscale, EXIF orientation applied."""
    try:
        image = Image.open(io.BytesIO(data))
    except (UnidentifiedImageError, OSError, ValueError) as exc:
        raise ImageUnreadable(str(exc)) from exc
    n_frames = getattr(image, "n_frames", 1)
    if n_frames > max_frames:
        raise ImageTooLarge(f"{n_frames} frames > {max_frames}")
    photo = image.format in _CAMERA_FORMATS and _has_camera_exif(image)
    for frame in ImageSequence.Iterator(image):
        width, height = frame.size
        if width * height > max_pixels:
            raise ImageTooLarge(f"{width}x{height} pixels > {max_pixels}")
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                rotation = _exif_rotation(frame)
                upright = ImageOps.exif_transpose(frame) if rotation else frame
                gray = _to_gray(upright)
        except (OSError, ValueError, SyntaxError) as exc:
            raise ImageUnreadable(str(exc)) from exc
        dpi = frame.info.get("dpi")
        yield Frame(
            gray=gray,
            exif_rotation=rotation,
            photo_hint=photo or image.format in {"HEIF", "MPO"},
            dpi=float(dpi[0]) if isinstance(dpi, tuple) and dpi and dpi[0] else None,
        )


def _to_gray(image: Image.Image) -> np.ndarray:
    if image.mode in {"RGBA", "LA", "PA"} or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        background = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        image = Image.alpha_composite(background, rgba)
    if image.mode == "I;16" or image.mode.startswith("I;16"):
        image = image.point(lambda v: v / 256)
    return np.asarray(image.convert("L"), dtype=np.uint8)


def _exif_rotation(image: Image.Image) -> int:
    try:
        orientation = image.getexif().get(0x0112, 1)
    except Exception:  # noqa: BLE001 - broken EXIF must not stop reading the pixels
        return 0
    return {3: 180, 6: 90, 8: 270}.get(orientation, 0)


def _has_camera_exif(image: Image.Image) -> bool:
    try:
        exif = image.getexif()
    except Exception:  # noqa: BLE001
        return False
    return bool(exif.get(0x010F) or exif.get(0x0110))  # Make, Model
