"""blind4 media: rendering, flatbed scans, phone photos, PNG, TIFF, merging, password, damage, zip,
e-mail."""

import io
import zipfile
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

import numpy as np
import pypdfium2 as pdfium
from PIL import Image, ImageFilter
from pypdf import PdfReader, PdfWriter


def render(pdf_bytes, dpi, grey=True):
    doc = pdfium.PdfDocument(pdf_bytes)
    out = []
    for i in range(len(doc)):
        img = doc[i].render(scale=dpi / 72).to_pil()
        out.append(img.convert("L") if grey else img.convert("RGB"))
    doc.close()
    return out


def scan_page(img, rng, opts):
    """Flatbed scan look: skew, optional 90/180 turn, low contrast, lid shadow, noise, dust,
    blur."""
    import cv2

    a = np.asarray(img.convert("L"), dtype=np.float32)
    h, w = a.shape
    if opts.get("contrast"):
        a = 70 + a * 0.62
    if opts.get("shadow"):
        ramp = np.linspace(0, 1, max(1, w // 14))
        band = np.ones(w, dtype=np.float32)
        band[: len(ramp)] = 0.45 + 0.55 * ramp
        a = a * band[None, :]
    ang = opts.get("skew", rng.uniform(-2.5, 2.5))
    m = cv2.getRotationMatrix2D((w / 2, h / 2), ang, 1.0)
    a = cv2.warpAffine(a, m, (w, h), borderValue=235)
    noise = opts.get("noise", 6)
    nrng = np.random.default_rng(rng.randint(0, 2**31))
    a = a + nrng.normal(0, noise, a.shape)
    if opts.get("dust"):
        for _ in range(int(w * h / 40000)):
            y, x = nrng.integers(0, h), nrng.integers(0, w)
            a[max(0, y - 1) : y + 1, max(0, x - 1) : x + 1] = 30
    if opts.get("blur"):
        a = cv2.GaussianBlur(a, (0, 0), opts["blur"])
    im = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8), "L")
    turn = opts.get("turn")
    if turn:
        im = im.rotate(turn, expand=True)
    return im


def photo_page(img, rng, opts):
    """Phone photo: page in perspective on a table, uneven light, optional hand shadow, resized,
    colour."""
    import cv2

    src = np.asarray(img.convert("RGB"), dtype=np.float32)
    h, w = src.shape[:2]
    W, H = int(w * 1.25), int(h * 1.18)
    nrng = np.random.default_rng(rng.randint(0, 2**31))
    base = np.array(opts.get("table", [118, 84, 58]), dtype=np.float32)
    bg = np.ones((H, W, 3), np.float32) * base
    bg += nrng.normal(0, 9, (H, W, 1))
    j = lambda s: rng.uniform(-s, s)  # noqa: E731
    ox, oy = (W - w) / 2, (H - h) / 2
    k = opts.get("persp", 0.05)
    dst = np.float32(
        [
            [ox + j(w * k), oy + j(h * k)],
            [ox + w + j(w * k), oy + j(h * k)],
            [ox + w + j(w * k), oy + h + j(h * k)],
            [ox + j(w * k), oy + h + j(h * k)],
        ]
    )
    srcp = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
    M = cv2.getPerspectiveTransform(srcp, dst)
    warped = cv2.warpPerspective(
        src, M, (W, H), borderMode=cv2.BORDER_CONSTANT, borderValue=(-1, -1, -1)
    )
    mask = cv2.warpPerspective(np.ones((h, w), np.float32), M, (W, H))
    out = bg * (1 - mask[..., None]) + warped * mask[..., None]
    yy, xx = np.mgrid[0:H, 0:W].astype(np.float32)
    cx, cy = rng.uniform(0.2, 0.8) * W, rng.uniform(0.1, 0.5) * H
    light = 1.08 - opts.get("falloff", 0.35) * (((xx - cx) / W) ** 2 + ((yy - cy) / H) ** 2)
    out = out * light[..., None]
    if opts.get("hand"):
        sx = rng.uniform(0.55, 0.85) * W
        shade = 1 - 0.35 * (1 / (1 + np.exp(-(xx - sx) / 25.0))) * (yy > H * 0.45)
        out = out * shade[..., None]
    out = out * np.array([1.0, 0.97, 0.9], np.float32)
    out = np.clip(out + nrng.normal(0, 4, out.shape), 0, 255).astype(np.uint8)
    im = Image.fromarray(out, "RGB")
    tw = opts.get("width", 1600)
    im = im.resize((tw, int(H * tw / W)), Image.LANCZOS)
    if opts.get("blur"):
        im = im.filter(ImageFilter.GaussianBlur(opts["blur"]))
    if opts.get("dark"):
        im = Image.eval(im, lambda p: int(p * opts["dark"]))
    if opts.get("turn"):
        im = im.rotate(opts["turn"], expand=True)
    return im


def jpeg_bytes(im, q):
    b = io.BytesIO()
    im.save(b, "JPEG", quality=q)
    return b.getvalue()


def images_to_pdf(images, dpi, q=55):
    """An image-only PDF: each page one JPEG at `dpi`."""
    from fpdf import FPDF

    pdf = FPDF(unit="pt")
    for im in images:
        w, h = im.size
        pw, ph = w * 72 / dpi, h * 72 / dpi
        pdf.add_page(format=(pw, ph))
        b = io.BytesIO()
        im.save(b, "JPEG", quality=q)
        b.seek(0)
        pdf.image(b, 0, 0, pw, ph)
    return bytes(pdf.output())


def tiff_bytes(images, mode):
    b = io.BytesIO()
    if mode == "g4":
        ims = [im.convert("L").point(lambda p: 255 if p > 150 else 0).convert("1") for im in images]
        ims[0].save(
            b, "TIFF", save_all=True, append_images=ims[1:], compression="group4", dpi=(300, 300)
        )
    else:
        ims = [im.convert("L") for im in images]
        ims[0].save(
            b, "TIFF", save_all=True, append_images=ims[1:], compression="tiff_lzw", dpi=(200, 200)
        )
    return b.getvalue()


def png_bytes(im):
    b = io.BytesIO()
    im.save(b, "PNG", optimize=True)
    return b.getvalue()


def merge_pdfs(parts):
    w = PdfWriter()
    for p in parts:
        for page in PdfReader(io.BytesIO(p)).pages:
            w.add_page(page)
    b = io.BytesIO()
    w.write(b)
    return b.getvalue()


def encrypt_pdf(data, user_pw, owner_pw=None):
    r = PdfReader(io.BytesIO(data))
    w = PdfWriter()
    for p in r.pages:
        w.add_page(p)
    w.encrypt(
        user_password=user_pw, owner_password=owner_pw or (user_pw + "-own"), algorithm="AES-128"
    )
    b = io.BytesIO()
    w.write(b)
    return b.getvalue()


def garble(data, rng):
    """A broken download: the header survives, the rest is overwritten with noise and cut short."""
    keep = data[:9]
    n = int(len(data) * 0.6)
    noise = bytes(rng.randint(0, 255) for _ in range(n))
    return keep + noise


def zip_bytes(members):
    b = io.BytesIO()
    with zipfile.ZipFile(b, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members:
            zi = zipfile.ZipInfo(name, date_time=(2026, 1, 5, 9, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.flag_bits |= 0x800
            z.writestr(zi, data)
    return b.getvalue()


MIME = {
    "pdf": ("application", "pdf"),
    "jpg": ("image", "jpeg"),
    "png": ("image", "png"),
    "tif": ("image", "tiff"),
    "zip": ("application", "zip"),
    "docx": ("application", "vnd.openxmlformats-officedocument.wordprocessingml.document"),
}


def build_email(frm, to, subject, date, body, attachments, html=None, inline=None, rfc2231=False):
    """attachments: list of (name, bytes); inline: (cid, name, jpeg bytes) shown in the HTML
    part."""
    m = EmailMessage()
    m["From"] = frm
    m["To"] = to
    m["Subject"] = subject
    m["Date"] = format_datetime(date)
    m["Message-ID"] = make_msgid(domain="mail.example.go.id")
    m.set_content(body)
    if html or inline:
        m.add_alternative(html, subtype="html")
        if inline:
            cid, name, data = inline
            alt = m.get_payload()[1]
            alt.add_related(
                data, "image", "jpeg", cid=f"<{cid}>", filename=name, disposition="inline"
            )
    for name, data in attachments:
        ext = name.rsplit(".", 1)[-1].lower()
        if ext == "eml":
            from email import message_from_bytes, policy

            inner = message_from_bytes(data, policy=policy.default)
            m.add_attachment(inner, disposition="attachment", filename=name)
            continue
        mt, st = MIME.get(ext, ("application", "octet-stream"))
        m.add_attachment(data, maintype=mt, subtype=st, filename=name)
        if rfc2231:
            part = m.get_payload()[-1]
            del part["Content-Disposition"]
            part.add_header("Content-Disposition", "attachment", filename=("utf-8", "", name))
    return m.as_bytes()
