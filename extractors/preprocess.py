"""Make a scanned or photographed page readable for tesseract, touching it only where needed.

Works on uint8 grayscale ndarrays with numpy/OpenCV only (OpenCV releases the GIL, so the OCR step
can call this from worker threads). Every step is first detected on a cheap downscaled copy, and a
clean 300 dpi scan passes through unchanged in a few tens of milliseconds.

Angle conventions: `rotate_right_angle` and `Prepared.deskew` both count degrees *clockwise*,
the way the page was turned to make it upright (as `PageText.rotation` and `.deskew` report).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import cv2
import numpy as np

# The analysis copy: a whole page at about 1000 px is ~85 dpi, enough to see lines and the page.
_ANALYSIS_LONG_SIDE = 1000
_MIN_SIDE = 64  # anything narrower is no page; returned as it is

# Phone photo: the page is the bright quadrilateral covering this share of the frame.
_PAGE_COVERAGE = (0.20, 0.97)
_PAGE_COVERAGE_HINTED = (0.10, 0.995)
_PAGE_MIN_CONTRAST = 40  # grey levels between page and surroundings
# Output of the perspective correction: A4 short side at 300 dpi, long side capped.
_PAGE_SHORT_SIDE = 2480
_PAGE_MAX_LONG_SIDE = 4200

# Background: paper darker than this, or varying more than this across the page, is normalised.
_PAPER_WHITE = 225
_PAPER_SPREAD = 30

# Noise: share of lone pixels (grey levels apart from all 8 neighbours). Measured: clean, JPEG
# q20, 100-150 dpi and photo pages <0.005%; 0.5% salt-and-pepper 0.23%; 5% 2%.
_NOISE_PIXEL_SHARE = 0.001
_LONE_PIXEL_CONTRAST = 100
_RING = np.array([[1, 1, 1], [1, 0, 1], [1, 1, 1]], np.uint8)

# Skew: search range, and the smallest correction worth a rotation.
_SKEW_RANGE = 15.0
_SKEW_MIN = 0.3

# Low resolution: capital letters of 11 pt text are ~32 px high at 300 dpi. Measured (bench):
# below ~14 px (100 dpi) tesseract's CER drops from ~7% to ~0.5% once the page is enlarged to
# ~30 px; at 16 px (150 dpi) enlarging gained only 0.1 point of CER for 45% more OCR time.
_MIN_CAP_HEIGHT = 14.0
_TARGET_CAP_HEIGHT = 30.0
_MAX_UPSCALE = 3.0
_MIN_LETTERS = 50
_MAX_INK_SHARE = 0.3  # more "ink" than this is a picture, not a page of text


@dataclass(frozen=True)
class Prepared:
    image: np.ndarray
    deskew: float = 0.0  # degrees the page was turned clockwise to straighten it
    cleanup: list[str] = field(default_factory=list)  # steps applied, in order


def prepare(gray: np.ndarray, *, photo_hint: bool = False) -> Prepared:
    """Straighten and clean one page image for OCR; steps not needed are skipped.

    Steps, in order, each only when detected: "perspective" (a photo of a page: the page is cut
    out and flattened to ~300 dpi) or else "upscale" (letters too small, e.g. a 100 dpi scan:
    enlarged to ~300 dpi), "denoise" (salt-and-pepper speckle: 3x3 median), "background" (grey
    paper or uneven light: divided by the estimated paper brightness), "deskew" (turned to level
    the lines). `photo_hint` (the image came from a camera) lets the page search accept pages
    that fill more of the frame or stand out less from the surface.
    """
    image = _as_gray(gray)
    if min(image.shape) < _MIN_SIDE:
        return Prepared(image=image)
    steps: list[str] = []
    small, factor = _analysis_copy(image)

    quad = _find_page(small, photo_hint=photo_hint)
    if quad is not None:
        image = _flatten_page(image, quad * factor)
        small, factor = _analysis_copy(image)
        steps.append("perspective")
    else:
        # Before the median: at low resolution it would wipe out strokes one pixel wide.
        scale = _upscale_factor(_cap_height(image, small, factor))
        if scale > 1.0:
            image = _resize(image, scale)
            small, factor = _analysis_copy(image)
            steps.append("upscale")

    if _is_noisy(image):
        image = cv2.medianBlur(image, 3)
        small, factor = _analysis_copy(image)
        steps.append("denoise")

    background = _estimate_background(small)
    if _needs_background(background):
        image = _divide_background(image, background)
        small = _divide_background(small, background)
        steps.append("background")

    angle = _estimate_skew(_ink_mask(small))
    deskew = 0.0
    if abs(angle) > _SKEW_MIN:
        image = _rotate(image, angle)
        deskew = round(angle, 2)
        steps.append("deskew")

    return Prepared(image=image, deskew=deskew, cleanup=steps)


def rotate_right_angle(gray: np.ndarray, degrees: int) -> np.ndarray:
    """Turn the image `degrees` clockwise (0, 90, 180 or 270; any multiple of 90 is accepted)."""
    turn = degrees % 360
    if turn == 0:
        return gray
    if turn == 90:
        return cv2.rotate(gray, cv2.ROTATE_90_CLOCKWISE)
    if turn == 180:
        return cv2.rotate(gray, cv2.ROTATE_180)
    if turn == 270:
        return cv2.rotate(gray, cv2.ROTATE_90_COUNTERCLOCKWISE)
    raise ValueError(f"not a right angle: {degrees}")


def estimate_cap_height(gray: np.ndarray) -> float | None:
    """Typical height in pixels of the letters on the page (None: too little text to tell)."""
    image = _as_gray(gray)
    small, factor = _analysis_copy(image)
    return _cap_height(image, small, factor)


def upscale_if_low_res(gray: np.ndarray) -> tuple[np.ndarray, float]:
    """Enlarge a page whose letters are too small for tesseract (e.g. a 100 dpi scan) to about
    300 dpi; returns the image and the scale applied (1.0: left as it was)."""
    image = _as_gray(gray)
    scale = _upscale_factor(estimate_cap_height(image))
    return (_resize(image, scale), scale) if scale > 1.0 else (image, 1.0)


def _as_gray(image: np.ndarray) -> np.ndarray:
    if image.dtype == np.uint16:  # 16-bit scans (PNG, TIFF)
        image = (image >> 8).astype(np.uint8)
    if image.dtype != np.uint8:
        raise TypeError(f"expected a uint8 image, got {image.dtype}")
    if image.ndim == 3:
        code = cv2.COLOR_RGBA2GRAY if image.shape[2] == 4 else cv2.COLOR_RGB2GRAY
        image = cv2.cvtColor(image, code)
    return np.ascontiguousarray(image)


def _analysis_copy(image: np.ndarray) -> tuple[np.ndarray, float]:
    """A copy with the long side near 1000 px, and the factor back to `image` pixels."""
    step = -(-max(image.shape) // _ANALYSIS_LONG_SIDE)
    if step <= 1:
        return image, 1.0
    # An integer fx/fy takes OpenCV's fast area-averaging path (4x faster than a dsize).
    small = cv2.resize(image, None, fx=1 / step, fy=1 / step, interpolation=cv2.INTER_AREA)
    return small, image.shape[1] / small.shape[1]


def _resize(image: np.ndarray, scale: float) -> np.ndarray:
    h, w = image.shape
    return cv2.resize(image, (round(w * scale), round(h * scale)), interpolation=cv2.INTER_CUBIC)


# --- phone photo -------------------------------------------------------------------------------


def _find_page(small: np.ndarray, *, photo_hint: bool) -> np.ndarray | None:
    """Corners (tl, tr, br, bl) of a bright page lying on a darker surface, in `small` pixels.
    Found on a half-size copy (cheap, and letters vanish in it), then refined on `small`."""
    tiny = cv2.resize(small, None, fx=0.5, fy=0.5, interpolation=cv2.INTER_AREA)
    blurred = cv2.medianBlur(tiny, 5)
    threshold, mask = cv2.threshold(blurred, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    page_level = blurred[mask > 0]
    rest_level = blurred[mask == 0]
    if page_level.size == 0 or rest_level.size == 0:
        return None
    min_contrast = _PAGE_MIN_CONTRAST * (0.6 if photo_hint else 1.0)
    if float(np.median(page_level)) - float(np.median(rest_level)) < min_contrast:
        return None
    hull = _bright_hull(mask, 5)
    if hull is None:
        return None
    h, w = tiny.shape
    low, high = _PAGE_COVERAGE_HINTED if photo_hint else _PAGE_COVERAGE
    if not low <= cv2.contourArea(hull) / (h * w) <= high:
        return None
    quad = _quadrilateral(hull)
    if quad is None or _lies_on_frame_edge(quad, w, h):
        return None
    quad *= small.shape[1] / w

    _, mask = cv2.threshold(cv2.medianBlur(small, 5), threshold, 255, cv2.THRESH_BINARY)
    hull = _bright_hull(mask, 9)
    finer = _quadrilateral(hull) if hull is not None else None
    if finer is not None and np.abs(finer - quad).max() < 0.03 * max(small.shape):
        return finer
    return quad


def _bright_hull(mask: np.ndarray, close: int) -> np.ndarray | None:
    """Convex hull of the largest bright region, if that region is solid (a sheet of paper,
    not a ragged patch of light)."""
    mask = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, np.ones((close, close), np.uint8))
    contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    if not contours:
        return None
    contour = max(contours, key=cv2.contourArea)
    hull = cv2.convexHull(contour)
    if cv2.contourArea(contour) < 0.9 * cv2.contourArea(hull):
        return None
    return hull


def _quadrilateral(hull: np.ndarray) -> np.ndarray | None:
    perimeter = cv2.arcLength(hull, True)
    for epsilon in (0.02, 0.03, 0.05):
        approx = cv2.approxPolyDP(hull, epsilon * perimeter, True)
        if len(approx) == 4:
            return _order_corners(approx.reshape(4, 2).astype(np.float32))
    return None


def _order_corners(points: np.ndarray) -> np.ndarray:
    total = points.sum(axis=1)
    diff = points[:, 1] - points[:, 0]
    return np.array([points[total.argmin()], points[diff.argmin()],
                     points[total.argmax()], points[diff.argmax()]], dtype=np.float32)


def _lies_on_frame_edge(quad: np.ndarray, w: int, h: int) -> bool:
    """A page side along the frame border is the frame cutting the page (or a lighting gradient
    splitting a scan), not a page edge we can trust."""
    tolerance = 0.01 * max(w, h)
    for a, b in zip(quad, np.roll(quad, -1, axis=0), strict=True):
        for axis, limit in ((0, 0), (0, w - 1), (1, 0), (1, h - 1)):
            if abs(a[axis] - limit) < tolerance and abs(b[axis] - limit) < tolerance:
                return True
    return False


def _flatten_page(image: np.ndarray, quad: np.ndarray) -> np.ndarray:
    center = quad.mean(axis=0)
    quad = center + (quad - center) * 0.99  # stay clear of the page edge and its shadow
    tl, tr, br, bl = quad
    width = (np.linalg.norm(tr - tl) + np.linalg.norm(br - bl)) / 2
    height = (np.linalg.norm(bl - tl) + np.linalg.norm(br - tr)) / 2
    scale = _PAGE_SHORT_SIDE / min(width, height)
    scale = min(scale, _PAGE_MAX_LONG_SIDE / max(width, height))
    out_w, out_h = round(width * scale), round(height * scale)
    target = np.array([[0, 0], [out_w - 1, 0], [out_w - 1, out_h - 1], [0, out_h - 1]],
                      dtype=np.float32)
    matrix = cv2.getPerspectiveTransform(quad.astype(np.float32), target)
    return cv2.warpPerspective(image, matrix, (out_w, out_h), flags=cv2.INTER_LINEAR,
                               borderMode=cv2.BORDER_REPLICATE)


# --- noise -------------------------------------------------------------------------------------


def _is_noisy(image: np.ndarray) -> bool:
    """Salt-and-pepper speckle: lone pixels much darker (or lighter) than all eight neighbours,
    which letters, even at 100 dpi or after JPEG, almost never have. Counted on full-resolution
    bands (the analysis copy averages speckle away)."""
    h = image.shape[0]
    band = min(h, 96)
    lone = 0
    total = 0
    for centre in (0.3, 0.5, 0.7):
        top = min(max(int(h * centre) - band // 2, 0), h - band)
        strip = image[top : top + band]
        darker_than_all = cv2.subtract(cv2.erode(strip, _RING), strip)
        lighter_than_all = cv2.subtract(strip, cv2.dilate(strip, _RING))
        lone += int(np.count_nonzero(darker_than_all > _LONE_PIXEL_CONTRAST))
        lone += int(np.count_nonzero(lighter_than_all > _LONE_PIXEL_CONTRAST))
        total += strip.size
    return lone > _NOISE_PIXEL_SHARE * total


# --- background --------------------------------------------------------------------------------


def _estimate_background(small: np.ndarray) -> np.ndarray:
    """Paper brightness everywhere: a grey-level close removes the letters, a small median
    smooths. No wide blur: it would smear a page edge against the scanner lid into a dark band
    after division, which tesseract reads as "|"."""
    kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (11, 11))
    return cv2.medianBlur(cv2.morphologyEx(small, cv2.MORPH_CLOSE, kernel), 5)


def _needs_background(background: np.ndarray) -> bool:
    low, high = np.percentile(background, (5, 95))
    return high < _PAPER_WHITE or high - low > _PAPER_SPREAD


def _divide_background(image: np.ndarray, background: np.ndarray) -> np.ndarray:
    if background.shape != image.shape:
        background = cv2.resize(background, (image.shape[1], image.shape[0]),
                                interpolation=cv2.INTER_LINEAR)
    return cv2.divide(image, np.maximum(background, 1), scale=255)


# --- skew --------------------------------------------------------------------------------------


def _ink_mask(small: np.ndarray) -> np.ndarray:
    _, ink = cv2.threshold(small, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    return ink


def _estimate_skew(ink: np.ndarray) -> float:
    """Angle (degrees, clockwise turn that levels the text lines) maximising the variance of the
    row profile of the ink: coarse over +-15 degrees, then fine around the best."""
    ys, xs = np.nonzero(ink)
    if ys.size < 500 or ys.size > _MAX_INK_SHARE * ink.size:
        return 0.0  # (nearly) blank, or a picture rather than text
    step = max(ys.size // 60_000, 1)
    ys = ys[::step].astype(np.float32)
    xs = xs[::step].astype(np.float32)
    xs -= xs.mean()
    ys -= ys.mean()

    def sharpness(degrees: float, bin_size: float, every: int = 1) -> float:
        theta = np.deg2rad(degrees)
        rows = ys[::every] * np.cos(theta) + xs[::every] * np.sin(theta)
        counts = np.bincount(((rows - rows.min()) / bin_size).astype(np.int32))
        return float(np.dot(counts, counts.astype(np.float64)))

    coarse = np.arange(-_SKEW_RANGE, _SKEW_RANGE + 0.01, 0.5)
    scores = [sharpness(a, 2.0, every=4) for a in coarse]
    best = float(coarse[int(np.argmax(scores))])
    fine = np.arange(best - 0.5, best + 0.51, 0.05)
    scores = [sharpness(a, 1.0) for a in fine]
    best = float(fine[int(np.argmax(scores))])
    # A profile hardly sharper than the unturned one means no text lines to level.
    if max(scores) < 1.05 * sharpness(0.0, 1.0):
        return 0.0
    return best


def _rotate(image: np.ndarray, degrees: float) -> np.ndarray:
    """Turn `degrees` clockwise around the centre on a canvas of the same size, white filled.
    The same size on purpose: the text of a crooked scan lies within the scan, and on a grown
    canvas tesseract's layout analysis split a two-column form into columns (CER 0.4% -> 29%)."""
    h, w = image.shape
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), -degrees, 1.0)
    return cv2.warpAffine(image, matrix, (w, h), flags=cv2.INTER_LINEAR,
                          borderMode=cv2.BORDER_CONSTANT, borderValue=255)


# --- resolution --------------------------------------------------------------------------------


def _cap_height(image: np.ndarray, small: np.ndarray, factor: float) -> float | None:
    """Height of the taller letters (75th percentile of letter-sized ink blobs), in `image`
    pixels; None when the page does not look like text (a picture, nearly blank). Measured on
    `small` first, and when that is too coarse to decide (within 1.5 of its pixels of the
    upscaling threshold) again on `image`."""
    height = _letter_height(small, factor)
    if factor > 1.0 and height is not None and abs(height - _MIN_CAP_HEIGHT) < 1.5 * factor:
        height = _letter_height(image, 1.0)
    return height


def _letter_height(image: np.ndarray, factor: float) -> float | None:
    ink = _ink_mask(image)
    if np.count_nonzero(ink) > _MAX_INK_SHARE * ink.size:
        return None
    _, _, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    heights = stats[1:, cv2.CC_STAT_HEIGHT]
    widths = stats[1:, cv2.CC_STAT_WIDTH]
    letters = heights[(heights >= 3) & (heights <= 120 / factor) & (widths <= 6 * heights)]
    if letters.size < _MIN_LETTERS:
        return None
    return float(np.percentile(letters, 75)) * factor


def _upscale_factor(cap_height: float | None) -> float:
    if cap_height is None or cap_height >= _MIN_CAP_HEIGHT:
        return 1.0
    return min(_TARGET_CAP_HEIGHT / cap_height, _MAX_UPSCALE)
