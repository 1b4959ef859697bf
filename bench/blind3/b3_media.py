"""blind3: scans, phone photos, TIFF, merging, damage, zip and e-mail."""

import io
import zipfile
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

import cv2
import numpy as np
import pypdfium2 as pdfium
from PIL import Image, ImageFilter
from pypdf import PdfReader, PdfWriter


def render(pdf_bytes, dpi):
    doc = pdfium.PdfDocument(pdf_bytes)
    out = []
    for i in range(len(doc)):
        out.append(doc[i].render(scale=dpi / 72).to_pil().convert("RGB"))
    doc.close()
    return out


def _skew(img, ang, fill):
    return img.rotate(ang, resample=Image.BICUBIC, expand=False, fillcolor=fill)


def scan(img, rng, o):
    """A flatbed/ADF scan: grey, skew, noise, low contrast, lid shadow, blur, JPEG artefacts."""
    g = img.convert("L")
    sk = o.get("skew", True)
    if sk:
        g = _skew(g, rng.uniform(-4.5, 4.5) if sk is True else sk, 255)
    a = np.asarray(g).astype(np.float32)
    h, w = a.shape
    if o.get("low_contrast"):
        a = 90 + a * 0.55
    if o.get("shadow"):
        ramp = np.clip(np.linspace(-1, 1, w) * 3 - 1.5, 0, 1)[None, :]
        a = a * (1 - 0.55 * ramp[:, ::-1] if rng.random() < 0.5 else 1 - 0.55 * ramp)
    nr = np.random.default_rng(rng.randint(0, 10**9))
    a = a + nr.normal(0, o.get("noise", 7), a.shape)
    if o.get("speckle"):
        m = nr.random(a.shape)
        a[m < 0.0015] = 20
    g = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))
    if o.get("blur"):
        g = g.filter(ImageFilter.GaussianBlur(o["blur"]))
    if o.get("rot"):
        g = g.rotate(o["rot"], expand=True)
    q = o.get("q", rng.randint(35, 70))
    buf = io.BytesIO()
    g.save(buf, "JPEG", quality=q)
    return Image.open(io.BytesIO(buf.getvalue())).convert("L")


def photo(img, rng, o):
    """A phone photo of the page on a table: perspective, uneven light, hand shadow, colour cast,
    JPEG."""
    src = np.asarray(img.convert("RGB"))
    h, w = src.shape[:2]
    W = o.get("width", rng.choice([1600, 2400, 2600]))
    scale = W / (w * 1.25)
    pw, ph = int(w * scale), int(h * scale)
    H = int(ph * 1.22)
    nr = np.random.default_rng(rng.randint(0, 10**9))
    base = np.array(
        rng.choice([(120, 85, 55), (150, 150, 145), (60, 70, 90), (170, 140, 105)]), np.float32
    )
    bg = np.ones((H, W, 3), np.float32) * base + nr.normal(0, 10, (H, W, 1))
    bg = cv2.GaussianBlur(bg, (0, 0), 3)
    ox, oy = (W - pw) / 2, (H - ph) / 2
    j = lambda s: rng.uniform(-s, s) * pw  # noqa: E731
    dst = np.float32(
        [
            [ox + j(0.04), oy + j(0.03)],
            [ox + pw + j(0.04), oy + j(0.03)],
            [ox + pw + j(0.05), oy + ph + j(0.03)],
            [ox + j(0.05), oy + ph + j(0.03)],
        ]
    )
    srcq = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
    M = cv2.getPerspectiveTransform(srcq, dst)
    warped = cv2.warpPerspective(src, M, (W, H), flags=cv2.INTER_AREA, borderValue=(0, 0, 0))
    mask = cv2.warpPerspective(np.ones((h, w), np.float32), M, (W, H), flags=cv2.INTER_LINEAR)
    out = bg * (1 - mask[..., None]) + warped.astype(np.float32) * mask[..., None]
    yy, xx = np.mgrid[0:H, 0:W].astype(np.float32)
    cx, cy = rng.uniform(0.2, 0.8) * W, rng.uniform(0.1, 0.6) * H
    light = 1.08 - 0.35 * np.sqrt(((xx - cx) / W) ** 2 + ((yy - cy) / H) ** 2)
    out = out * light[..., None]
    if o.get("hand_shadow", rng.random() < 0.5):
        sh = np.zeros((H, W), np.float32)
        cv2.ellipse(
            sh,
            (int(rng.uniform(0.6, 1.0) * W), int(rng.uniform(0.7, 1.0) * H)),
            (int(W * 0.35), int(H * 0.2)),
            rng.uniform(0, 60),
            0,
            360,
            1,
            -1,
        )
        sh = cv2.GaussianBlur(sh, (0, 0), W / 30)
        out = out * (1 - 0.4 * sh[..., None])
    out = out * np.array(rng.choice([(1.0, 0.97, 0.9), (0.95, 0.98, 1.0), (1, 1, 1)]), np.float32)
    if o.get("blur"):
        out = cv2.GaussianBlur(out, (0, 0), o["blur"])
    out = np.clip(out + nr.normal(0, 4, out.shape), 0, 255).astype(np.uint8)
    im = Image.fromarray(out)
    if o.get("rot"):
        im = im.rotate(o["rot"], expand=True)
    buf = io.BytesIO()
    im.save(buf, "JPEG", quality=o.get("q", rng.randint(55, 85)))
    return buf.getvalue()


def images_to_pdf(imgs, dpi):
    buf = io.BytesIO()
    imgs[0].save(buf, "PDF", save_all=True, append_images=imgs[1:], resolution=dpi)
    return buf.getvalue()


def images_to_tiff(imgs, dpi, g4):
    buf = io.BytesIO()
    if g4:
        ims = [i.convert("L").point(lambda v: 255 if v > 150 else 0).convert("1") for i in imgs]
        ims[0].save(
            buf, "TIFF", save_all=True, append_images=ims[1:], compression="group4", dpi=(dpi, dpi)
        )
    else:
        ims = [i.convert("L") for i in imgs]
        ims[0].save(
            buf,
            "TIFF",
            save_all=True,
            append_images=ims[1:],
            compression="tiff_lzw",
            dpi=(dpi, dpi),
        )
    return buf.getvalue()


def merge_pdfs(parts, rotate=None):
    """parts: list of (pdf_bytes, [0-based page indexes]) in output order; rotate: {output page
    index: deg}."""
    w = PdfWriter()
    for b, pages in parts:
        r = PdfReader(io.BytesIO(b))
        for p in pages:
            w.add_page(r.pages[p])
    for i, deg in (rotate or {}).items():
        w.pages[i].rotate(deg)
    buf = io.BytesIO()
    w.write(buf)
    return buf.getvalue()


def encrypt_pdf(b, pw):
    r = PdfReader(io.BytesIO(b))
    w = PdfWriter()
    for p in r.pages:
        w.add_page(p)
    w.encrypt(user_password=pw, owner_password=pw + "-pemilik", algorithm="AES-256")
    buf = io.BytesIO()
    w.write(buf)
    return buf.getvalue()


def truncate(b, frac):
    return b[: int(len(b) * frac)]


def make_zip(members):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members:
            zi = zipfile.ZipInfo(name, date_time=(2026, 1, 5, 9, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(zi, data)
    return buf.getvalue()


MIME = {
    "pdf": ("application", "pdf"),
    "jpg": ("image", "jpeg"),
    "jpeg": ("image", "jpeg"),
    "png": ("image", "png"),
    "tif": ("image", "tiff"),
    "tiff": ("image", "tiff"),
    "zip": ("application", "zip"),
    "docx": ("application", "vnd.openxmlformats-officedocument.wordprocessingml.document"),
}


def make_email(frm, to, subject, date, body, attachments, html=None, inline=None, forward=None):
    """attachments: [(name, bytes)]; inline: (name, bytes, cid) shown in html; forward: (name,
    EmailMessage)."""
    m = EmailMessage()
    m["From"] = frm
    m["To"] = to
    m["Subject"] = subject
    m["Date"] = format_datetime(date)
    m["Message-ID"] = make_msgid(domain=frm.split("@")[-1].strip(">"))
    m.set_content(body)
    if html or inline:
        m.add_alternative(html or "<p>" + body.replace("\n", "<br>") + "</p>", subtype="html")
        if inline:
            name, data, cid = inline
            m.get_payload()[1].add_related(
                data, "image", "jpeg", cid=f"<{cid}>", filename=name, disposition="inline"
            )
    for name, data in attachments:
        mt, st = MIME[name.rsplit(".", 1)[-1].lower()]
        m.add_attachment(data, maintype=mt, subtype=st, filename=name)
    if forward:
        name, inner = forward
        m.add_attachment(inner, filename=name)
    return m
