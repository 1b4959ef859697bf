"""Turning rendered pages into scans, phone photos, TIFFs, protected and damaged files."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

import cv2
import numpy as np
import pypdfium2 as pdfium
from PIL import Image
from pypdf import PdfReader, PdfWriter


def render(pdf: bytes, index: int, dpi: int) -> Image.Image:
    doc = pdfium.PdfDocument(pdf)
    try:
        page = doc[index]
        img = page.render(scale=dpi / 72, fill_color=(255, 255, 255, 255)).to_pil()
        page.close()
    finally:
        doc.close()
    return img.convert("RGB")


def _rotate(arr: np.ndarray, deg: float, border) -> np.ndarray:
    h, w = arr.shape[:2]
    m = cv2.getRotationMatrix2D((w / 2, h / 2), deg, 1.0)
    return cv2.warpAffine(arr, m, (w, h), flags=cv2.INTER_LINEAR,
                          borderMode=cv2.BORDER_CONSTANT, borderValue=border)


def scan(img: Image.Image, rs: np.random.Generator, *, skew=0.0, rot=0, gray=True, noise=5.0,
         blur=0.0, contrast=1.0, bright=0, lid=False, dust=0, speckle=0.0, bilevel=False,
         unreadable=False) -> Image.Image:
    """A flatbed scan: skew, noise, low contrast, scanner-lid shadow, dust, bilevel."""
    a = np.asarray(img.convert("L") if gray else img).astype(np.float32)
    if unreadable:
        h, w = a.shape[:2]
        small = cv2.resize(a, (w // 7, h // 7), interpolation=cv2.INTER_AREA)
        a = cv2.resize(small, (w, h), interpolation=cv2.INTER_LINEAR)
        a = cv2.GaussianBlur(a, (0, 0), 5)
        a = 120 + (a - 128) * .18
        a += rs.normal(0, 26, a.shape)
    if contrast != 1.0 or bright:
        a = 255 - (255 - a) * contrast + bright
    if blur:
        a = cv2.GaussianBlur(a, (0, 0), blur)
    if lid:
        h, w = a.shape[:2]
        side = int(rs.integers(0, 2))
        band = np.linspace(.35, 1, int(w * .06)).astype(np.float32)
        prof = np.ones(w, np.float32)
        if side == 0:
            prof[:len(band)] = band
        else:
            prof[-len(band):] = band[::-1]
        a = a * (prof[None, :, None] if a.ndim == 3 else prof[None, :])
    border = (250, 250, 250) if a.ndim == 3 else 250
    if skew:
        a = _rotate(a, skew, border)
    if noise:
        a = a + rs.normal(0, noise, a.shape)
    if dust:
        h, w = a.shape[:2]
        for _ in range(dust):
            y, x = int(rs.integers(0, h)), int(rs.integers(0, w))
            r = int(rs.integers(1, 4))
            cv2.circle(a, (x, y), r, (40, 40, 40) if a.ndim == 3 else 40, -1)
    if speckle:
        m = rs.random(a.shape[:2]) < speckle
        a[m] = 0
    a = np.clip(a, 0, 255).astype(np.uint8)
    if rot:
        a = np.ascontiguousarray(np.rot90(a, k=rot // 90))
    im = Image.fromarray(a)
    if bilevel:
        g = np.asarray(im.convert("L"))
        th = cv2.adaptiveThreshold(g, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY, 41, 18)
        im = Image.fromarray(th).convert("1")
    return im


def _background(rs: np.random.Generator, h: int, w: int, kind: str) -> np.ndarray:
    if kind == "wood":
        base = np.array([118, 84, 52], np.float32)
        yy = np.arange(h)[:, None].astype(np.float32)
        xx = np.arange(w)[None, :].astype(np.float32)
        grain = 18 * np.sin(xx / 23 + 3 * np.sin(yy / 140)) + 10 * np.sin(xx / 7.3)
        bg = base[None, None, :] + grain[..., None]
    elif kind == "cloth":
        base = np.array([52, 70, 96], np.float32)
        bg = np.ones((h, w, 3), np.float32) * base
    else:  # grey desk
        base = np.array([150, 150, 146], np.float32)
        bg = np.ones((h, w, 3), np.float32) * base
    bg = bg + rs.normal(0, 9, (h, w, 3))
    return cv2.GaussianBlur(bg, (0, 0), 1.2)


def photo(img: Image.Image, rs: np.random.Generator, *, long_side=2200, persp=0.07,
          angle=0.0, bg="wood", light=0.35, shadow=True, landscape=False, blur=0.6,
          warm=True) -> Image.Image:
    """A phone photo of a page on a table: perspective, uneven light, a hand/phone shadow."""
    page = np.asarray(img.convert("RGB")).astype(np.float32)
    ph, pw = page.shape[:2]
    H, W = int(ph * 1.22), int(pw * 1.3)
    canvas = _background(rs, H, W, bg)
    cx, cy = W / 2 + rs.uniform(-.03, .03) * W, H / 2 + rs.uniform(-.03, .03) * H
    ca, sa = np.cos(np.radians(angle)), np.sin(np.radians(angle))
    corners = []
    for dx, dy in ((-pw / 2, -ph / 2), (pw / 2, -ph / 2), (pw / 2, ph / 2), (-pw / 2, ph / 2)):
        jx, jy = rs.uniform(-persp, persp) * pw, rs.uniform(-persp, persp) * ph * .6
        x = cx + (dx * ca - dy * sa) * .93 + jx
        y = cy + (dx * sa + dy * ca) * .93 + jy
        corners.append((x, y))
    # farther edge (top) narrower: camera held at an angle
    k = rs.uniform(.02, persp)
    corners[0] = (corners[0][0] + k * pw, corners[0][1])
    corners[1] = (corners[1][0] - k * pw, corners[1][1])
    src = np.float32([(0, 0), (pw, 0), (pw, ph), (0, ph)])
    dst = np.float32(corners)
    m = cv2.getPerspectiveTransform(src, dst)
    warped = cv2.warpPerspective(page, m, (W, H), flags=cv2.INTER_LINEAR)
    mask = cv2.warpPerspective(np.ones((ph, pw), np.float32), m, (W, H))
    # drop shadow of the sheet
    sh = cv2.GaussianBlur(np.roll(mask, (14, 10), (0, 1)), (0, 0), 12)
    canvas = canvas * (1 - .45 * sh[..., None])
    out = canvas * (1 - mask[..., None]) + warped * mask[..., None]
    # uneven light: a plane plus a soft highlight
    yy, xx = np.mgrid[0:H, 0:W].astype(np.float32)
    gx, gy = rs.uniform(-1, 1), rs.uniform(-1, 1)
    plane = 1 - light * ((gx * (xx / W - .5) + gy * (yy / H - .5)) + .5)
    hx, hy = rs.uniform(.2, .8) * W, rs.uniform(.2, .8) * H
    hl = .12 * np.exp(-(((xx - hx) / (W * .35)) ** 2 + ((yy - hy) / (H * .35)) ** 2))
    out = out * (plane + hl)[..., None]
    if shadow:
        poly = np.zeros((H, W), np.float32)
        x0 = int(rs.uniform(.55, .85) * W)
        pts = np.int32([(x0, H), (W, int(H * rs.uniform(.35, .6))), (W, H)])
        if rs.random() < .5:
            pts = np.int32([(0, int(H * rs.uniform(.6, .8))), (int(W * rs.uniform(.35, .5)), H),
                            (0, H)])
        cv2.fillPoly(poly, [pts], 1.0)
        poly = cv2.GaussianBlur(poly, (0, 0), 40)
        out = out * (1 - .42 * poly[..., None])
    if warm:
        out = out * np.array([1.04, 1.0, .9], np.float32)[None, None, :]
    if blur:
        out = cv2.GaussianBlur(out, (0, 0), blur)
    out = out + rs.normal(0, 3.5, out.shape)
    out = np.clip(out, 0, 255).astype(np.uint8)
    im = Image.fromarray(out)
    s = long_side / max(im.size)
    im = im.resize((int(im.size[0] * s), int(im.size[1] * s)), Image.LANCZOS)
    if landscape:
        im = im.rotate(90, expand=True)
    return im


def image_pdf(images: list[Image.Image], dpi: int, quality: int = 70) -> bytes:
    ims = [i if i.mode in ("L", "RGB") else i.convert("L") for i in images]
    b = io.BytesIO()
    ims[0].save(b, "PDF", resolution=dpi, quality=quality, save_all=True,
                append_images=ims[1:])
    return b.getvalue()


def jpeg(im: Image.Image, quality=82, dpi=None) -> bytes:
    b = io.BytesIO()
    kw = {"dpi": (dpi, dpi)} if dpi else {}
    im.convert("RGB").save(b, "JPEG", quality=quality, **kw)
    return b.getvalue()


def png(im: Image.Image, dpi=None) -> bytes:
    b = io.BytesIO()
    kw = {"dpi": (dpi, dpi)} if dpi else {}
    im.save(b, "PNG", **kw)
    return b.getvalue()


def tiff(images: list[Image.Image], compression: str, dpi: int) -> bytes:
    b = io.BytesIO()
    if compression == "group4":
        ims = [i.convert("1") for i in images]
    else:
        ims = [i.convert("L") if i.mode == "1" else i for i in images]
    ims[0].save(b, "TIFF", compression=compression, save_all=True, append_images=ims[1:],
                dpi=(dpi, dpi))
    return b.getvalue()


def merge_pdfs(pages: list[tuple[bytes, int]]) -> bytes:
    w = PdfWriter()
    cache: dict[int, PdfReader] = {}
    for data, idx in pages:
        r = cache.setdefault(id(data), PdfReader(io.BytesIO(data)))
        w.add_page(r.pages[idx])
    w.add_metadata({"/Producer": "iLovePDF", "/Creator": "iLovePDF"})
    b = io.BytesIO()
    w.write(b)
    return b.getvalue()


def protect(pdf: bytes, user: str, owner: str, algorithm="AES-128") -> bytes:
    r = PdfReader(io.BytesIO(pdf))
    w = PdfWriter()
    for p in r.pages:
        w.add_page(p)
    w.encrypt(user_password=user, owner_password=owner, algorithm=algorithm,
              permissions_flag=0b0100 if user == "" else -1)
    b = io.BytesIO()
    w.write(b)
    return b.getvalue()


def zip_bytes(members: list[tuple[str, bytes]], when=(2026, 1, 5, 9, 0, 0)) -> bytes:
    b = io.BytesIO()
    with zipfile.ZipFile(b, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members:
            zi = zipfile.ZipInfo(name, date_time=when)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            z.writestr(zi, data)
    return b.getvalue()


# -- traditional PKWARE (ZipCrypto) encryption, written by hand: zipfile can only read it ---
def _crc_tab():
    t = []
    for n in range(256):
        c = n
        for _ in range(8):
            c = (c >> 1) ^ 0xEDB88320 if c & 1 else c >> 1
        t.append(c)
    return t


_CRC = _crc_tab()


class _Keys:
    def __init__(self, pwd: bytes):
        self.k = [0x12345678, 0x23456789, 0x34567890]
        for ch in pwd:
            self.update(ch)

    def _crc(self, c, b):
        return (c >> 8) ^ _CRC[(c ^ b) & 0xFF]

    def update(self, b):
        k = self.k
        k[0] = self._crc(k[0], b)
        k[1] = (k[1] + (k[0] & 0xFF)) & 0xFFFFFFFF
        k[1] = (k[1] * 134775813 + 1) & 0xFFFFFFFF
        k[2] = self._crc(k[2], (k[1] >> 24) & 0xFF)

    def byte(self):
        t = (self.k[2] | 2) & 0xFFFF
        return ((t * (t ^ 1)) >> 8) & 0xFF

    def enc(self, data: bytes) -> bytes:
        out = bytearray()
        for b in data:
            c = b ^ self.byte()
            self.update(b)
            out.append(c)
        return bytes(out)


def zip_encrypted(members: list[tuple[str, bytes]], password: str, seed: int) -> bytes:
    """A zip whose members are stored with ZipCrypto under `password`."""
    out = io.BytesIO()
    central = []
    dostime, dosdate = (9 << 11) | (0 << 5), ((2026 - 1980) << 9) | (1 << 5) | 5
    rnd = np.random.default_rng(seed)
    for name, data in members:
        crc = zlib.crc32(data) & 0xFFFFFFFF
        comp = zlib.compressobj(9, zlib.DEFLATED, -15)
        body = comp.compress(data) + comp.flush()
        keys = _Keys(password.encode())
        head = bytes(rnd.integers(0, 256, 11, dtype=np.uint8)) + bytes([crc >> 24])
        enc = keys.enc(head) + keys.enc(body)
        fn = name.encode()
        off = out.tell()
        out.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 1, 8, dostime, dosdate, crc,
                              len(enc), len(data), len(fn), 0))
        out.write(fn)
        out.write(enc)
        central.append(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 1, 8, dostime,
                                   dosdate, crc, len(enc), len(data), len(fn), 0, 0, 0, 0,
                                   0o644 << 16, off) + fn)
    cd = out.tell()
    for c in central:
        out.write(c)
    size = out.tell() - cd
    out.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(central), len(central), size, cd, 0))
    return out.getvalue()
