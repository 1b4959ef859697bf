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
    # The analysis copy of `image` (long side ~1000 px) and the factor back to `image` pixels,
    # for later steps that decide on a small copy too (rules, orientation).
    small: np.ndarray | None = None
    factor: float = 1.0
    # Ruling lines removed before OCR, as segments in fractions of `image` (table borders:
    # the judging finds a table's cells from them).
    rules: list[tuple[float, float, float, float]] = field(default_factory=list)
    # Rows of letter boxes ("satu kotak satu huruf") whose walls were removed, inside the
    # boxes, in fractions of `image`: their letters are read again closed up.
    letter_rows: list[tuple[float, float, float, float]] = field(default_factory=list)


def prepare(gray: np.ndarray, *, photo_hint: bool = False) -> Prepared:
    """Straighten and clean one page image for OCR; steps not needed are skipped.

    Everything is decided on a downscaled copy (milliseconds) and applied once at full size:
    "perspective" (a photo of a page: the page is cut out and flattened at the resolution it
    has in the photo), "upscale" (letters too small, e.g. a 100 dpi scan or a distant photo:
    enlarged to ~300 dpi) and "deskew" (turned to level the lines) are one warp; "denoise"
    (salt-and-pepper speckle: 3x3 median) comes before it, "background" (grey paper, uneven light
    or a shadow: divided by the paper brightness estimated on the small copy) after it.
    `photo_hint` (the image came from a camera) lets the page search accept pages that fill
    more of the frame or stand out less from the surface.
    """
    image = _as_gray(gray)
    if min(image.shape) < _MIN_SIDE:
        return Prepared(image=image)
    steps: list[str] = []
    noisy = _is_noisy(image)
    small, factor = _analysis_copy(image)
    height, width = image.shape

    # Geometry, as one matrix from `image` pixels to output pixels, and the output size.
    matrix = np.eye(3)
    size = (width, height)
    view = small  # a small copy of the output as decided so far
    quad = _find_page(small, photo_hint=photo_hint)
    if quad is not None:
        matrix, size = _page_transform(quad * factor)
        view = _warp_small(small, matrix, size, factor)
        steps.insert(0, "perspective")
    scale = _upscale_factor(_cap_height(image, view, factor) if quad is None
                            else _letter_height(view, factor))
    if scale > 1.0:
        matrix = np.diag([scale, scale, 1.0]) @ matrix
        size = (round(size[0] * scale), round(size[1] * scale))
        factor *= scale
        steps.append("upscale")
    if noisy and scale == 1.0:  # at low resolution only after enlarging: it eats thin strokes
        image = cv2.medianBlur(image, 3)
    view_background = _estimate_background(view)
    if _needs_background(view_background):  # else uneven light spoils the ink mask
        view = _divide_background(view, view_background)
    angle = _estimate_skew(_ink_mask(view))
    deskew = 0.0
    if abs(angle) > _SKEW_MIN:
        turn = cv2.getRotationMatrix2D((size[0] / 2, size[1] / 2), -angle, 1.0)
        matrix = np.vstack([turn, [0.0, 0.0, 1.0]]) @ matrix
        deskew = round(angle, 2)
    if quad is not None or scale > 1.0 or deskew:
        image = _warp(image, matrix, size, perspective=quad is not None, enlarge=scale > 1.0)
    if noisy and scale > 1.0:
        image = cv2.medianBlur(image, 3)
    if noisy:
        steps.append("denoise")
    background = view_background
    if quad is not None or scale > 1.0 or deskew or noisy:
        small, factor = _analysis_copy(image)
        background = _estimate_background(small)
    if _needs_background(background):
        image = _divide_background(image, background)
        small = _divide_background(small, background)
        steps.append("background")
    if deskew:
        steps.append("deskew")
    return Prepared(image=image, deskew=deskew, cleanup=steps, small=small, factor=factor)


def _page_transform(quad: np.ndarray) -> tuple[np.ndarray, tuple[int, int]]:
    """The perspective matrix that flattens the page inside `quad` (image pixels) to a
    rectangle at the page's own resolution in the photo, and that rectangle's size."""
    center = quad.mean(axis=0)
    quad = center + (quad - center) * 0.99  # stay clear of the page edge and its shadow
    tl, tr, br, bl = quad
    width = max(tr[0] - tl[0], br[0] - bl[0], np.linalg.norm(tr - tl), np.linalg.norm(br - bl))
    height = max(np.linalg.norm(bl - tl), np.linalg.norm(br - tr))
    scale = min(1.0, _PAGE_MAX_LONG_SIDE / max(width, height))
    out_w, out_h = max(round(width * scale), 1), max(round(height * scale), 1)
    target = np.array([[0, 0], [out_w - 1, 0], [out_w - 1, out_h - 1], [0, out_h - 1]],
                      dtype=np.float32)
    return (cv2.getPerspectiveTransform(quad.astype(np.float32), target).astype(np.float64),
            (out_w, out_h))


def _warp_small(small: np.ndarray, matrix: np.ndarray, size: tuple[int, int],
                factor: float) -> np.ndarray:
    """`small` (the analysis copy, `factor` times smaller) warped as `matrix` warps the image."""
    down = np.diag([1 / factor, 1 / factor, 1.0])
    local = down @ matrix @ np.linalg.inv(down)
    out = (max(round(size[0] / factor), 1), max(round(size[1] / factor), 1))
    return cv2.warpPerspective(small, local, out, flags=cv2.INTER_LINEAR,
                               borderMode=cv2.BORDER_REPLICATE)


def _warp(image: np.ndarray, matrix: np.ndarray, size: tuple[int, int], *, perspective: bool,
          enlarge: bool) -> np.ndarray:
    """One resampling of the full image: perspective, enlargement and rotation together.
    Rotation alone keeps the canvas and fills white: the text of a crooked scan lies within
    the scan, and on a grown canvas tesseract's layout analysis split a two-column form into
    columns (CER 0.4% -> 29%)."""
    interpolation = cv2.INTER_CUBIC if enlarge else cv2.INTER_LINEAR
    if perspective:
        return cv2.warpPerspective(image, matrix, size, flags=interpolation,
                                   borderMode=cv2.BORDER_REPLICATE)
    return cv2.warpAffine(image, matrix[:2], size, flags=interpolation,
                          borderMode=cv2.BORDER_CONSTANT, borderValue=255)


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
    """Corners (tl, tr, br, bl) of a page lying on a surface, in `small` pixels: first by the
    page's edge (a sharp step all around, which the soft edge of a shadow across the page is
    not), else as the bright region standing out from a darker surface."""
    tiny = cv2.resize(small, None, fx=0.5, fy=0.5, interpolation=cv2.INTER_AREA)
    low, high = _PAGE_COVERAGE_HINTED if photo_hint else _PAGE_COVERAGE
    quad = _page_by_edges(tiny, low, high, _PAGE_MIN_CONTRAST * (0.6 if photo_hint else 1.0))
    if quad is not None:
        return quad * (small.shape[1] / tiny.shape[1])
    return _page_by_brightness(small, tiny, photo_hint=photo_hint)


def _page_by_edges(tiny: np.ndarray, low: float, high: float,
                   min_contrast: float) -> np.ndarray | None:
    """The largest closed edge that is a quadrilateral covering a page-like share of the frame,
    brighter inside than around it (paper on a surface; not a grey scan turned on a white
    canvas). Text, rules and table borders vanish in a grey-level close first (thin, dark)."""
    closed = cv2.morphologyEx(tiny, cv2.MORPH_CLOSE, np.ones((7, 7), np.uint8))
    edges = cv2.Canny(cv2.GaussianBlur(closed, (5, 5), 0), 20, 60)
    edges = cv2.dilate(edges, np.ones((3, 3), np.uint8))
    contours, _ = cv2.findContours(edges, cv2.RETR_LIST, cv2.CHAIN_APPROX_SIMPLE)
    h, w = tiny.shape
    for contour in sorted(contours, key=cv2.contourArea, reverse=True)[:5]:
        hull = cv2.convexHull(contour)
        if not low <= cv2.contourArea(hull) / (h * w) <= high:
            continue
        quad = _quadrilateral(hull)
        if quad is None or _lies_on_frame_edge(quad, w, h):
            continue
        inside = np.zeros_like(tiny)
        cv2.fillConvexPoly(inside, quad.astype(np.int32), 255)
        if float(np.median(closed[inside > 0])) - float(np.median(closed[inside == 0])) \
                >= min_contrast:
            return quad
    return None


def _page_by_brightness(small: np.ndarray, tiny: np.ndarray, *,
                        photo_hint: bool) -> np.ndarray | None:
    """A bright page lying on a darker surface: found on a half-size copy (cheap, and letters
    vanish in it), then refined on `small`."""
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
    ys = ys.astype(np.float32)
    xs = xs.astype(np.float32)
    xs -= xs.mean()
    ys -= ys.mean()

    def points(count: int) -> tuple[np.ndarray, np.ndarray]:
        every = max(1, ys.size // count)
        return np.ascontiguousarray(ys[::every]), np.ascontiguousarray(xs[::every])

    def sharpness(degrees: float, bin_size: float, pts: tuple[np.ndarray, np.ndarray]) -> float:
        theta = np.deg2rad(degrees)
        rows = pts[0] * np.float32(np.cos(theta)) + pts[1] * np.float32(np.sin(theta))
        counts = np.bincount(((rows - rows.min()) / bin_size).astype(np.int32))
        return float(np.dot(counts, counts.astype(np.float64)))

    # Coarse over the whole range on few points, then fine around the best on more.
    sparse, dense = points(10_000), points(30_000)
    coarse = np.arange(-_SKEW_RANGE, _SKEW_RANGE + 0.01, 1.0)
    scores = [sharpness(a, 2.0, sparse) for a in coarse]
    best = float(coarse[int(np.argmax(scores))])
    fine = np.arange(best - 0.75, best + 0.76, 0.05)
    scores = [sharpness(a, 1.0, dense) for a in fine]
    best = float(fine[int(np.argmax(scores))])
    # A profile hardly sharper than the unturned one means no text lines to level.
    if max(scores) < 1.05 * sharpness(0.0, 1.0, dense):
        return 0.0
    return best


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


# --- orientation -------------------------------------------------------------------------------

_TURN_LONG_SIDE = 2000  # ascenders are 2-3 px here on an A4 page of 11 pt text
_TURN_MIN_LINES = 6
_TURN_MIN_SCORE = 0.12


def estimate_turn(gray: np.ndarray) -> int | None:
    """0 or 180: the clockwise turn that makes a straightened page upright, told by its text
    lines (Latin letters rise above the x-height far more often than they hang below it:
    capitals, b d f h k l t against g j p q y); None when the page cannot tell (lines running
    vertically: turned a quarter; too few lines; all capitals), which is the case for asking
    tesseract's orientation detection."""
    step = max(1, -(-max(gray.shape) // _TURN_LONG_SIDE))
    copy = cv2.resize(gray, None, fx=1 / step, fy=1 / step, interpolation=cv2.INTER_AREA) \
        if step > 1 else gray
    ink = _ink_mask(copy)
    if np.count_nonzero(ink) > _MAX_INK_SHARE * ink.size:
        return None
    rows = np.count_nonzero(ink, axis=1).astype(np.float64)
    cols = np.count_nonzero(ink, axis=0).astype(np.float64)
    if rows.sum() == 0 or _profile_sharpness(cols) > _profile_sharpness(rows):
        return None  # text lines run vertically (or no text)
    score, lines = _ascender_balance(rows)
    if lines < _TURN_MIN_LINES or abs(score) < _TURN_MIN_SCORE:
        return None
    return 0 if score > 0 else 180


def _profile_sharpness(profile: np.ndarray) -> float:
    """How much a projection profile alternates between lines and gaps."""
    total = profile.sum()
    return float(np.dot(profile, profile) * profile.size / (total * total)) if total else 0.0


def _ascender_balance(rows: np.ndarray) -> tuple[float, int]:
    """Over the text lines of a row profile: (ink above the x-height band - ink below it) /
    both, and the number of lines that had a band."""
    inked = rows > max(1.0, 0.02 * rows.max())
    edges = np.flatnonzero(np.diff(np.concatenate([[0], inked.astype(np.int8), [0]])))
    above = below = 0.0
    lines = 0
    for top, bottom in zip(edges[::2], edges[1::2], strict=True):
        line = rows[top:bottom]
        if line.size < 4:
            continue
        core = np.flatnonzero(line >= 0.5 * line.max())
        core_top, core_bottom = core[0], core[-1] + 1
        up, down = line[:core_top].sum(), line[core_bottom:].sum()
        if up + down == 0:
            continue
        above += up
        below += down
        lines += 1
    return ((above - below) / (above + below) if above + below else 0.0), lines
