"""blind2: scans, phone photos, TIFF, merging, archives, damaged files and e-mail."""

from __future__ import annotations

import datetime as dt
import io
import random
import struct
import zipfile
import zlib
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.policy import default as email_default
from email.utils import format_datetime

import cv2
import numpy as np
import pypdfium2 as pdfium
from PIL import Image, ImageFilter
from pypdf import PdfReader, PdfWriter

ZIP_DT = (2026, 1, 5, 8, 0, 0)


@dataclass
class Blob:
    """A file (or an archive member / attachment) and the documents it holds."""

    name: str
    data: bytes
    segs: list = field(default_factory=list)  # [(Doc, [pages])]
    children: list = field(default_factory=list)  # [Blob] inside an archive or an e-mail
    scan: bool = False


# ----------------------------------------------------------------------------------------------
# PDF
# ----------------------------------------------------------------------------------------------
def merge_pdf(docs, rotate=None) -> tuple[bytes, list]:
    """docs: [Doc]; rotate: {1-based page: degrees}. Returns the bytes and the segments."""
    w = PdfWriter()
    segs = []
    n = 0
    for d in docs:
        r = PdfReader(io.BytesIO(d.pdf))
        pages = []
        for pg in r.pages:
            w.add_page(pg)
            n += 1
            pages.append(n)
        segs.append((d, pages))
    for pno, deg in (rotate or {}).items():
        w.pages[pno - 1].rotate(deg)
    w.add_metadata({"/Producer": "blind2", "/CreationDate": "D:20260105080000+08'00'"})
    b = io.BytesIO()
    w.write(b)
    return b.getvalue(), segs


def pdf_blob(name, docs, rotate=None) -> Blob:
    data, segs = merge_pdf(docs, rotate)
    return Blob(name, data, segs)


def docx_blob(name, doc) -> Blob:
    return Blob(name, doc.docx, [(doc, [1])])


def encrypt_pdf(data: bytes, user_pw: str, owner_pw: str) -> bytes:
    r = PdfReader(io.BytesIO(data))
    w = PdfWriter()
    for p in r.pages:
        w.add_page(p)
    w.encrypt(user_password=user_pw, owner_password=owner_pw, algorithm="AES-128")
    b = io.BytesIO()
    w.write(b)
    return b.getvalue()


# ----------------------------------------------------------------------------------------------
# rendering and degradation
# ----------------------------------------------------------------------------------------------
def render(pdf_bytes: bytes, dpi: int, gray=True) -> list[Image.Image]:
    doc = pdfium.PdfDocument(pdf_bytes)
    out = []
    for i in range(len(doc)):
        bm = doc[i].render(scale=dpi / 72, grayscale=gray)
        im = bm.to_pil()
        out.append(im.convert("L") if gray else im.convert("RGB"))
    doc.close()
    return out


def _stain(a: np.ndarray, rng: random.Random, color=False):
    h, w = a.shape[:2]
    cx, cy = rng.uniform(0.15, 0.85) * w, rng.uniform(0.1, 0.9) * h
    r = rng.uniform(0.07, 0.13) * w
    yy, xx = np.mgrid[0:h, 0:w]
    ang = np.arctan2(yy - cy, xx - cx)
    rr = r * (1 + 0.06 * np.sin(3 * ang + rng.uniform(0, 6)) + 0.04 * np.sin(7 * ang))
    d = np.sqrt((xx - cx) ** 2 + (yy - cy) ** 2)
    ring = np.exp(-(((d - rr) / (0.035 * r + 2)) ** 2)) * rng.uniform(55, 85)
    inner = (d < rr) * rng.uniform(14, 24)
    dark = ring + inner
    if color:
        tint = np.array([0.55, 0.8, 1.15])
        return np.clip(a - dark[..., None] * tint, 0, 255)
    return np.clip(a - dark, 0, 255)


def _fold(a: np.ndarray, rng: random.Random, vertical=False):
    h, w = a.shape[:2]
    if vertical:
        a = np.swapaxes(a, 0, 1)
        h, w = w, h
    y0 = rng.uniform(0.3, 0.7) * h
    yy = np.arange(h)[:, None]
    prof = np.exp(-(((yy - y0) / (0.006 * h + 3)) ** 2)) * rng.uniform(40, 70)
    bright = np.exp(-(((yy - y0 + 0.012 * h) / (0.004 * h + 2)) ** 2)) * 18
    wave = 1 + 0.15 * np.sin(np.arange(w)[None, :] / w * 6.28 * rng.uniform(0.5, 1.5))
    sh = (prof - bright) * wave
    if a.ndim == 3:
        sh = sh[..., None]
    a = np.clip(a - sh, 0, 255)
    if vertical:
        a = np.swapaxes(a, 0, 1)
    return a


def scan_page(im: Image.Image, rng: random.Random, o: dict) -> Image.Image:
    """Grey scanner look: paper tone, contrast, noise, stains, folds, edge shadow, skew, JPEG."""
    a = np.asarray(im, dtype=np.float32)
    c = o.get("contrast", 1.0)
    a = 255 - (255 - a) * c
    a = a * rng.uniform(0.9, 0.96) + rng.uniform(5, 14)
    if o.get("stain"):
        a = _stain(a, rng)
    if o.get("fold"):
        a = _fold(a, rng, vertical=o.get("fold") == "v")
    if o.get("edge"):
        w = a.shape[1]
        g = np.clip(1 - np.arange(w) / (0.05 * w), 0, 1) ** 2 * 120
        a = np.clip(a - g[None, :], 0, 255)
    npr = np.random.default_rng(rng.randint(0, 2**31))
    a = a + npr.normal(0, o.get("noise", 5), a.shape)
    if o.get("speckle"):
        m = npr.random(a.shape) < o["speckle"]
        a[m] = npr.choice([0, 255], m.sum())
    im = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8), "L")
    if o.get("blur"):
        im = im.filter(ImageFilter.GaussianBlur(o["blur"]))
    sk = o.get("skew", 0)
    if sk:
        im = im.rotate(
            sk, resample=Image.BICUBIC, expand=True, fillcolor=int(rng.uniform(232, 246))
        )
    rot = o.get("rot", 0)
    if rot:
        im = im.rotate(rot, expand=True)
    q = o.get("q")
    if q:
        b = io.BytesIO()
        im.save(b, "JPEG", quality=q)
        im = Image.open(io.BytesIO(b.getvalue())).convert("L")
    return im


def unreadable_page(im: Image.Image, rng: random.Random) -> Image.Image:
    w, h = im.size
    small = im.resize((max(1, w // 9), max(1, h // 9)), Image.BILINEAR)
    im = small.resize((w, h), Image.BILINEAR).filter(ImageFilter.GaussianBlur(4))
    a = np.asarray(im, dtype=np.float32)
    a = 150 + (a - 150) * 0.35
    npr = np.random.default_rng(rng.randint(0, 2**31))
    a = a + npr.normal(0, 14, a.shape)
    im = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8), "L").rotate(
        rng.uniform(-4, 4), expand=True, fillcolor=120
    )
    b = io.BytesIO()
    im.save(b, "JPEG", quality=8)
    return Image.open(io.BytesIO(b.getvalue())).convert("L")


def photo_page(
    im: Image.Image, rng: random.Random, long_side=1600, stain=False, shadow=True
) -> Image.Image:
    """A phone photo of a printed page lying on a table: perspective, light fall-off,
    a hand shadow."""
    doc = np.asarray(im.convert("RGB"), dtype=np.float32)
    doc = doc * np.array([0.97, 0.95, 0.9]) + np.array([2, 2, 0])
    if stain:
        doc = _stain(doc, rng, color=True)
    h, w = doc.shape[:2]
    portrait = h >= w
    H = long_side if portrait else int(long_side * 0.75)
    W = int(long_side * 0.75) if portrait else long_side
    npr = np.random.default_rng(rng.randint(0, 2**31))
    base = np.array([rng.uniform(95, 140), rng.uniform(70, 100), rng.uniform(45, 70)])
    grain = npr.normal(0, 1, (H, 1)).repeat(W, 1)
    grain = cv2.GaussianBlur(grain.astype(np.float32), (1, 31), 0)
    bg = base[None, None, :] + grain[..., None] * 18 + npr.normal(0, 6, (H, W, 1))
    m = rng.uniform(0.05, 0.1)
    sc = min((W * (1 - 2 * m)) / w, (H * (1 - 2 * m)) / h)
    dw, dh = w * sc, h * sc
    ox, oy = (W - dw) / 2, (H - dh) / 2
    j = lambda s: rng.uniform(-s, s)  # noqa: E731
    k = 0.06 * min(W, H)
    dst = np.float32(
        [
            [ox + j(k), oy + j(k)],
            [ox + dw + j(k), oy + j(k)],
            [ox + dw + j(k), oy + dh + j(k)],
            [ox + j(k), oy + dh + j(k)],
        ]
    )
    src = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
    M = cv2.getPerspectiveTransform(src, dst)
    warped = cv2.warpPerspective(doc, M, (W, H), flags=cv2.INTER_AREA)
    mask = cv2.warpPerspective(np.ones((h, w), np.float32), M, (W, H), flags=cv2.INTER_LINEAR)[
        ..., None
    ]
    out = warped * mask + bg * (1 - mask)
    yy, xx = np.mgrid[0:H, 0:W].astype(np.float32)
    gx, gy = rng.uniform(-1, 1), rng.uniform(-1, 1)
    light = (
        1.0
        - 0.22 * ((xx / W - 0.5) * gx + (yy / H - 0.5) * gy)
        - 0.12 * ((xx / W - 0.5) ** 2 + (yy / H - 0.5) ** 2)
    )
    out = out * light[..., None]
    if shadow:
        poly = np.int32([[rng.uniform(0.6, 1.0) * W, H], [W, rng.uniform(0.4, 0.8) * H], [W, H]])
        sm = np.zeros((H, W), np.float32)
        cv2.fillPoly(sm, [poly], 1.0)
        sm = cv2.GaussianBlur(sm, (0, 0), W * 0.03)
        out = out * (1 - 0.45 * sm[..., None])
    out = cv2.GaussianBlur(out, (0, 0), rng.uniform(0.5, 1.0))
    out = out + npr.normal(0, 3.5, out.shape)
    return Image.fromarray(np.clip(out, 0, 255).astype(np.uint8), "RGB")


def jpg(im: Image.Image, q=82) -> bytes:
    b = io.BytesIO()
    im.save(b, "JPEG", quality=q)
    return b.getvalue()


def images_pdf(ims: list[Image.Image], dpi: int) -> bytes:
    b = io.BytesIO()
    ims[0].save(b, "PDF", save_all=True, append_images=ims[1:], resolution=float(dpi))
    return b.getvalue()


def images_tiff(ims: list[Image.Image], dpi: int, compression="group4") -> bytes:
    b = io.BytesIO()
    if compression == "group4":
        ims = [im.point(lambda v: 255 if v > 150 else 0).convert("1") for im in ims]
    ims[0].save(
        b, "TIFF", save_all=True, append_images=ims[1:], compression=compression, dpi=(dpi, dpi)
    )
    return b.getvalue()


def scan_blob(
    name,
    docs,
    rng,
    dpi=200,
    per_page=None,
    kind="pdf",
    tiff_comp="group4",
    base=None,
    unreadable=False,
) -> Blob:
    """docs rendered, degraded page by page, and packed as an image-only PDF or a multi-page TIFF.
    per_page: {1-based page: options}; base: options for every page."""
    ims, segs, n = [], [], 0
    for d in docs:
        pages = []
        for im in render(d.pdf, dpi):
            n += 1
            o = dict(base or {})
            o.setdefault("skew", rng.uniform(-1.5, 1.5))
            o.setdefault("q", rng.randint(40, 70))
            o.update((per_page or {}).get(n, {}))
            ims.append(unreadable_page(im, rng) if unreadable else scan_page(im, rng, o))
            pages.append(n)
        segs.append((d, pages))
    data = images_pdf(ims, dpi) if kind == "pdf" else images_tiff(ims, dpi, tiff_comp)
    return Blob(name, data, segs, scan=True)


def photo_blobs(names, doc, rng, long_side=1600, dpi=150, stain=False, q=80) -> list[Blob]:
    out = []
    for i, im in enumerate(render(doc.pdf, dpi, gray=False)):
        ph = photo_page(im, rng, long_side=long_side, stain=stain)
        out.append(Blob(names[i], jpg(ph, q), [(doc, [1])], scan=True))
    return out


# ----------------------------------------------------------------------------------------------
# archives, damaged and oversized files
# ----------------------------------------------------------------------------------------------
def zip_blob(name, members: list[tuple[str, Blob]]) -> Blob:
    b = io.BytesIO()
    with zipfile.ZipFile(b, "w", zipfile.ZIP_DEFLATED) as z:
        for path, blob in members:
            zi = zipfile.ZipInfo(path, date_time=ZIP_DT)
            zi.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(zi, blob.data)
    kids = []
    for path, blob in members:
        kids.append(Blob(path, blob.data, blob.segs, blob.children, blob.scan))
    return Blob(name, b.getvalue(), [], kids, any(k.scan for k in kids))


def truncated(data: bytes, frac=0.45) -> bytes:
    return data[: int(len(data) * frac)]


def huge_png(w=21000, h=29700) -> bytes:
    """A white 1-bit PNG of w x h pixels (small on disk, huge once decoded)."""

    def chunk(t, d):
        return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xFFFFFFFF)

    rowbytes = (w + 7) // 8
    co = zlib.compressobj(9)
    row = b"\x00" + b"\xff" * rowbytes
    parts = []
    for _ in range(h):
        parts.append(co.compress(row))
    parts.append(co.flush())
    ihdr = struct.pack(">IIBBBBB", w, h, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", b"".join(parts))
        + chunk(b"IEND", b"")
    )


# ----------------------------------------------------------------------------------------------
# e-mail
# ----------------------------------------------------------------------------------------------
MIME = {
    "pdf": ("application", "pdf"),
    "docx": ("application", "vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "zip": ("application", "zip"),
    "jpg": ("image", "jpeg"),
    "jpeg": ("image", "jpeg"),
    "png": ("image", "png"),
    "tif": ("image", "tiff"),
    "tiff": ("image", "tiff"),
    "rar": ("application", "vnd.rar"),
}


def make_email(
    sender,
    sender_name,
    subject,
    when: dt.datetime,
    text,
    html=None,
    attachments=(),
    inline=None,
    to="lpse@kaltimprov.go.id",
    msgid_dom="mail.example.id",
    seed=0,
) -> EmailMessage:
    """attachments: [Blob] (a Blob whose data is an EmailMessage is attached as message/rfc822)."""
    m = EmailMessage(policy=email_default)
    m["From"] = f"{sender_name} <{sender}>"
    m["To"] = f"LPSE Provinsi Kalimantan Timur <{to}>"
    m["Subject"] = subject
    m["Date"] = format_datetime(when)
    m["Message-ID"] = f"<{seed:08x}.{when:%Y%m%d%H%M%S}@{msgid_dom}>"
    m["MIME-Version"] = "1.0"
    m.set_content(text)
    if html:
        m.add_alternative(html, subtype="html")
        if inline:
            cid, blob = inline
            ext = blob.name.rsplit(".", 1)[-1].lower()
            m.get_payload()[-1].add_related(
                blob.data, *MIME[ext], cid=f"<{cid}>", filename=blob.name, disposition="inline"
            )
    for b in attachments:
        if isinstance(b.data, EmailMessage):
            m.add_attachment(b.data, filename=b.name)
        else:
            ext = b.name.rsplit(".", 1)[-1].lower()
            m.add_attachment(
                b.data, *MIME.get(ext, ("application", "octet-stream")), filename=b.name
            )
    return m


def eml_bytes(m: EmailMessage) -> bytes:
    return m.as_bytes()
