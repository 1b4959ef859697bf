"""Deterministic degradations of a clean page, like the scans and phone photos agencies send.

Every function takes a PIL image or a uint8 ndarray (grayscale; `jpeg` also RGB) and returns a
new PIL image: "L", except `photo`, which returns "RGB", and `jpeg`, which keeps the input's mode.
Randomness comes only from the `rng` argument (a seed or a numpy Generator), so a seed always gives
the same page.
"""

from __future__ import annotations

import io

import cv2
import numpy as np
from PIL import Image

Rng = int | np.random.Generator


def _gray(img: Image.Image | np.ndarray) -> np.ndarray:
    if isinstance(img, Image.Image):
        return np.asarray(img.convert("L"), dtype=np.uint8)
    if img.ndim == 3:
        return cv2.cvtColor(img, cv2.COLOR_RGB2GRAY)
    return img.astype(np.uint8, copy=False)


def _rng(rng: Rng) -> np.random.Generator:
    return rng if isinstance(rng, np.random.Generator) else np.random.default_rng(rng)


def _image(array: np.ndarray) -> Image.Image:
    return Image.fromarray(np.clip(array, 0, 255).astype(np.uint8))


def skew(img: Image.Image | np.ndarray, degrees: float) -> Image.Image:
    """The page scanned crooked: turned `degrees` counter-clockwise (negative: clockwise) on
    white, the canvas grown so that no text is cut off."""
    return Image.fromarray(_gray(img)).rotate(
        degrees, resample=Image.Resampling.BILINEAR, expand=True, fillcolor=255
    )


def rotate(img: Image.Image | np.ndarray, degrees: int) -> Image.Image:
    """The page fed in sideways or upside down: turned `degrees` (90, 180, 270) clockwise."""
    turns = {90: cv2.ROTATE_90_CLOCKWISE, 180: cv2.ROTATE_180, 270: cv2.ROTATE_90_COUNTERCLOCKWISE}
    return _image(cv2.rotate(_gray(img), turns[degrees]))


def noise(
    img: Image.Image | np.ndarray, amount: float, *, kind: str = "salt_pepper", rng: Rng = 0
) -> Image.Image:
    """`salt_pepper`: a fraction `amount` of the pixels turned black or white (a dirty scanner
    glass, fax lines). `gaussian`: sensor noise with a standard deviation of `amount` * 255."""
    gray = _gray(img)
    random = _rng(rng)
    if kind == "salt_pepper":
        out = gray.copy()
        hit = random.random(gray.shape) < amount
        out[hit] = np.where(random.random(int(hit.sum())) < 0.5, 0, 255)
        return _image(out)
    if kind == "gaussian":
        return _image(gray + random.normal(0.0, amount * 255, gray.shape))
    raise ValueError(f"unknown noise kind {kind!r}")


def grey_background(
    img: Image.Image | np.ndarray, level: int = 185, *, rng: Rng = 0
) -> Image.Image:
    """Recycled or tinted paper: white becomes grey `level` with a faint fibre texture; ink stays
    as dark as it was."""
    gray = _gray(img).astype(np.float32)
    texture = cv2.GaussianBlur(_rng(rng).normal(0, 6, gray.shape).astype(np.float32), (0, 0), 2)
    paper = level + texture
    return _image(paper * (gray / 255.0))


def uneven_light(img: Image.Image | np.ndarray, strength: float = 0.55) -> Image.Image:
    """A copier or desk lamp lighting the page unevenly: brightness falls off towards one corner
    to (1 - strength) of full, with a soft shadow band along the left edge (a book fold)."""
    gray = _gray(img).astype(np.float32)
    h, w = gray.shape
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    light = 1.0 - strength * ((xx / w) * 0.45 + (yy / h) * 0.55)
    fold = 1.0 - 0.35 * np.exp(-xx / (0.04 * w))
    return _image(gray * light * fold)


def low_res(img: Image.Image | np.ndarray, dpi: int = 150, *, source_dpi: int = 300) -> Image.Image:
    """The page scanned at `dpi` instead of `source_dpi` (area-averaged, as a scanner does)."""
    gray = _gray(img)
    scale = dpi / source_dpi
    size = (round(gray.shape[1] * scale), round(gray.shape[0] * scale))
    return _image(cv2.resize(gray, size, interpolation=cv2.INTER_AREA))


def jpeg(img: Image.Image | np.ndarray, quality: int = 25) -> Image.Image:
    """Saved as a JPEG of the given quality (ringing and blocks around the letters)."""
    image = img if isinstance(img, Image.Image) else Image.fromarray(img)
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=quality)
    buffer.seek(0)
    return Image.open(buffer).convert(image.mode)


def _desk_shade(shape: tuple[int, int], random: np.random.Generator) -> np.ndarray:
    """Brightness of a desk surface: wood-like grain plus blotches, around 1.0 (float32)."""
    h, w = shape
    grain = cv2.resize(random.normal(0, 1, (max(h // 40, 2), max(w // 3, 2))).astype(np.float32),
                       (w, h), interpolation=cv2.INTER_CUBIC)
    blotch = cv2.resize(random.normal(0, 1, (6, 6)).astype(np.float32), (w, h),
                        interpolation=cv2.INTER_CUBIC)
    return 1.0 + 0.08 * grain + 0.12 * blotch


def photo(img: Image.Image | np.ndarray, rng: Rng = 0) -> Image.Image:
    """A phone photo of the page lying on a desk: page seen at an angle (perspective), darker
    textured brown surface around it, light falling off across the frame, slightly out of focus,
    sensor noise and a warm colour cast. Returns RGB, larger than the page."""
    random = _rng(rng)
    page = _gray(img)
    ph, pw = page.shape
    margin = 0.12 + 0.06 * random.random()
    fh, fw = round(ph * (1 + 2 * margin)), round(pw * (1 + 2 * margin))
    mx, my = (fw - pw) / 2, (fh - ph) / 2
    jitter = 0.35 * min(mx, my)
    src = np.float32([[0, 0], [pw, 0], [pw, ph], [0, ph]])
    dst = np.float32([[mx, my], [mx + pw, my], [mx + pw, my + ph], [mx, my + ph]])
    dst += random.uniform(-jitter, jitter, (4, 2)).astype(np.float32)
    # Pull the top edge in: the camera looks at the page from below, as people hold phones.
    dst[0, 0] += 0.05 * pw
    dst[1, 0] -= 0.05 * pw
    matrix = cv2.getPerspectiveTransform(src, dst)
    paper = cv2.warpPerspective(page, matrix, (fw, fh), flags=cv2.INTER_LINEAR).astype(np.float32)
    inside = cv2.warpPerspective(np.full_like(page, 255), matrix, (fw, fh),
                                 flags=cv2.INTER_LINEAR).astype(np.float32) / 255
    desk = _desk_shade((fh, fw), random) * (1 - inside)
    # Light falls off with the distance from a spot in the upper part of the frame.
    gh, gw = 64, max(round(64 * fw / fh), 2)
    yy, xx = np.mgrid[0:gh, 0:gw].astype(np.float32)
    cx, cy = random.uniform(0.2, 0.8) * gw, random.uniform(0.1, 0.5) * gh
    light = 0.95 - 0.45 * np.hypot(xx - cx, yy - cy) / np.hypot(gw, gh)
    light = cv2.resize(light.astype(np.float32), (fw, fh), interpolation=cv2.INTER_LINEAR)
    paper *= inside * light
    desk *= light
    desk_colour = np.array([95, 72, 52]) * random.uniform(0.8, 1.15)
    channels = []
    for tint, surface in zip((1.0, 0.97, 0.9), desk_colour, strict=True):  # warm indoor light
        channel = cv2.GaussianBlur(paper * tint + desk * surface, (0, 0), 0.9)
        channel += random.standard_normal(channel.shape, dtype=np.float32) * 4
        channels.append(np.clip(channel, 0, 255).astype(np.uint8))
    return Image.fromarray(cv2.merge(channels), "RGB")


def shadow(img: Image.Image | np.ndarray, rng: Rng = 0, depth: float = 0.45) -> Image.Image:
    """The shadow of the hand or phone over part of a photographed page: one side of a slanted
    line across the frame darkened by `depth` (0..1), with a soft edge. Keeps the input's mode
    ("L" or "RGB")."""
    random = _rng(rng)
    array = np.asarray(img if isinstance(img, Image.Image) else Image.fromarray(img))
    h, w = array.shape[:2]
    # A line through a point in the lower half, at a shallow angle: the lower part is shaded.
    x0, y0 = random.uniform(0.2, 0.8) * w, random.uniform(0.35, 0.75) * h
    angle = np.deg2rad(random.uniform(-25, 25))
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    distance = (yy - y0) * np.cos(angle) - (xx - x0) * np.sin(angle)
    softness = 0.03 * max(h, w)
    shade = 1.0 - depth / (1.0 + np.exp(-distance / softness))
    if array.ndim == 3:
        shade = shade[..., None]
    return Image.fromarray(np.clip(array * shade, 0, 255).astype(np.uint8))


def long_side(img: Image.Image, pixels: int) -> Image.Image:
    """The image as a phone or messenger saves it: scaled so its longer side is `pixels`
    (e.g. 1600 for WhatsApp, 3000-4000 for a camera), area-averaged."""
    scale = pixels / max(img.size)
    size = (round(img.size[0] * scale), round(img.size[1] * scale))
    return img.resize(size, Image.Resampling.BOX if scale < 1 else Image.Resampling.BICUBIC)


def combined(img: Image.Image | np.ndarray, rng: Rng = 0) -> Image.Image:
    """A bad but readable office scan: grey paper, uneven light, 2.5 degrees skew, speckle and
    JPEG compression, all at once."""
    random = _rng(rng)
    out = grey_background(img, level=200, rng=random)
    out = uneven_light(out, strength=0.35)
    out = skew(out, float(random.choice([-1, 1])) * 2.5)
    out = noise(out, 0.02, rng=random)
    return jpeg(out, quality=50)
