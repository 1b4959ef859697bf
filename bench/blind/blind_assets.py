"""Drawn images: agency emblems, ink signatures, rubber stamps, a KTP card.  Deterministic."""

from __future__ import annotations

import io
import math
import random
import zlib

from PIL import Image, ImageDraw, ImageFilter, ImageFont

FONT_DIR = "/usr/share/fonts/truetype"
BOLD = f"{FONT_DIR}/dejavu/DejaVuSans-Bold.ttf"
REG = f"{FONT_DIR}/dejavu/DejaVuSans.ttf"
CONDB = f"{FONT_DIR}/dejavu/DejaVuSansCondensed-Bold.ttf"


def _png(im: Image.Image) -> bytes:
    b = io.BytesIO()
    im.save(b, "PNG", optimize=False)
    return b.getvalue()


def logo_png(key: str, kind: str = "opd") -> bytes:
    """A made-up emblem: a shield or a circle, with simple shapes; no real coat of arms."""
    r = random.Random(zlib.crc32(key.encode()))
    s = 360
    im = Image.new("RGBA", (s, s), (0, 0, 0, 0))
    d = ImageDraw.Draw(im)
    pal = [(0, 98, 65), (10, 60, 140), (170, 30, 30), (200, 150, 0), (20, 20, 20),
           (110, 40, 120)]
    c1, c2 = r.sample(pal, 2)
    if kind in ("univ", "polri", "tni") or r.random() < .3:
        d.ellipse((8, 8, s - 8, s - 8), fill=c1 + (255,), outline=(200, 160, 20, 255), width=14)
        d.ellipse((70, 70, s - 70, s - 70), fill=(255, 255, 255, 255))
    else:
        pts = [(30, 20), (s - 30, 20), (s - 30, 190), (s // 2, s - 12), (30, 190)]
        d.polygon(pts, fill=c1 + (255,), outline=(200, 160, 20, 255))
        d.line(pts + [pts[0]], fill=(200, 160, 20, 255), width=12)
        d.rectangle((70, 60, s - 70, 160), fill=(255, 255, 255, 255))
    cx, cy = s // 2, s // 2 - 10
    n = r.choice((5, 8, 12))
    for i in range(n):
        a = 2 * math.pi * i / n
        d.line((cx, cy, cx + 70 * math.cos(a), cy + 70 * math.sin(a)), fill=c2 + (255,), width=9)
    pts = []
    for i in range(10):
        a = -math.pi / 2 + math.pi * i / 5
        rr = 42 if i % 2 == 0 else 18
        pts.append((cx + rr * math.cos(a), cy + rr * math.sin(a)))
    d.polygon(pts, fill=(230, 180, 0, 255))
    return _png(im)


def sig_png(seed: int, color=(20, 30, 110)) -> bytes:
    """A scribbled ink signature on a transparent background."""
    r = random.Random(seed)
    w, h = 520, 220
    im = Image.new("RGBA", (w, h), (0, 0, 0, 0))
    d = ImageDraw.Draw(im)
    x, y = 30, h * .6
    pts = []
    for _ in range(r.randint(5, 9)):
        nx = x + r.uniform(25, 80)
        ny = r.uniform(30, h - 30)
        for t in range(12):
            u = t / 11
            pts.append((x + (nx - x) * u + 18 * math.sin(u * math.pi * r.uniform(1, 3)),
                        y + (ny - y) * u + 25 * math.sin(u * math.pi * 2)))
        x, y = nx, ny
        if x > w - 80:
            break
    d.line(pts, fill=color + (235,), width=5, joint="curve")
    d.line([(pts[0][0] - 10, h * .78), (min(x + 40, w - 10), h * .7)], fill=color + (220,),
           width=4)
    return _png(im.filter(ImageFilter.SMOOTH))


def stamp_png(lines: list[str], seed: int, color=(60, 40, 160)) -> bytes:
    """A round rubber stamp with text, partly faded."""
    r = random.Random(seed)
    s = 420
    im = Image.new("RGBA", (s, s), (0, 0, 0, 0))
    d = ImageDraw.Draw(im)
    a = 200
    d.ellipse((6, 6, s - 6, s - 6), outline=color + (a,), width=10)
    d.ellipse((40, 40, s - 40, s - 40), outline=color + (a,), width=4)
    f = ImageFont.truetype(CONDB, 26)
    top = " ".join(lines[:2]).upper()
    # text along the ring
    n = len(top)
    for i, ch in enumerate(top):
        ang = math.pi * (1.15 + 0.7 * i / max(n - 1, 1))
        x = s / 2 + 158 * math.cos(ang)
        y = s / 2 + 158 * math.sin(ang)
        g = Image.new("RGBA", (40, 40), (0, 0, 0, 0))
        ImageDraw.Draw(g).text((8, 4), ch, font=f, fill=color + (a,))
        g = g.rotate(-math.degrees(ang) - 90, resample=Image.BICUBIC)
        im.alpha_composite(g, (int(x - 20), int(y - 20)))
    f2 = ImageFont.truetype(BOLD, 30)
    mid = lines[2:] or ["*"]
    for i, t in enumerate(mid[:3]):
        tw = d.textlength(t, font=f2)
        d.text(((s - tw) / 2, s / 2 - 20 + (i - (len(mid) - 1) / 2) * 38), t, font=f2,
               fill=color + (a,))
    # fade: erase random specks
    px = im.load()
    for _ in range(9000):
        x, y = r.randrange(s), r.randrange(s)
        c = px[x, y]
        if c[3]:
            px[x, y] = c[:3] + (int(c[3] * r.uniform(0, .6)),)
    return _png(im.rotate(r.uniform(-25, 25), resample=Image.BICUBIC))


def ktp_png(d: dict, seed: int) -> bytes:
    """A photocopy-like KTP card (grey), with NIK and personal data."""
    r = random.Random(seed)
    w, h = 1012, 638
    im = Image.new("RGB", (w, h), (236, 238, 240))
    dr = ImageDraw.Draw(im)
    dr.rounded_rectangle((2, 2, w - 3, h - 3), radius=36, outline=(90, 90, 90), width=4)
    fb = ImageFont.truetype(BOLD, 30)
    fr = ImageFont.truetype(REG, 24)
    fb2 = ImageFont.truetype(BOLD, 34)
    for i, t in enumerate(["PROVINSI KALIMANTAN TIMUR", d["kota"]]):
        tw = dr.textlength(t, font=fb)
        dr.text(((w - tw) / 2, 18 + i * 38), t, font=fb, fill=(30, 30, 30))
    dr.text((36, 112), "NIK", font=fb2, fill=(20, 20, 20))
    dr.text((150, 112), ": " + d["nik"], font=fb2, fill=(20, 20, 20))
    rows = [("Nama", d["nama"]), ("Tempat/Tgl Lahir", d["ttl"]),
            ("Jenis Kelamin", d["jk"]), ("Alamat", d["alamat"]), ("RT/RW", d["rtrw"]),
            ("Kel/Desa", d["kel"]), ("Kecamatan", d["kec"]), ("Agama", d["agama"]),
            ("Status Perkawinan", "KAWIN" if r.random() < .6 else "BELUM KAWIN"),
            ("Pekerjaan", "PEGAWAI NEGERI SIPIL"), ("Kewarganegaraan", "WNI"),
            ("Berlaku Hingga", "SEUMUR HIDUP")]
    for i, (k, v) in enumerate(rows):
        y = 170 + i * 36
        dr.text((36, y), k, font=fr, fill=(40, 40, 40))
        dr.text((270, y), ": " + v, font=fr, fill=(40, 40, 40))
    dr.rectangle((760, 150, 960, 410), fill=(170, 170, 175), outline=(80, 80, 80), width=2)
    dr.ellipse((815, 190, 905, 290), fill=(120, 120, 125))
    dr.ellipse((785, 290, 935, 420), fill=(120, 120, 125))
    dr.text((790, 440), d["kota"].replace("KOTA ", "").replace("KABUPATEN ", ""), font=fr,
            fill=(40, 40, 40))
    dr.text((790, 472), d["terbit"], font=fr, fill=(40, 40, 40))
    im = im.convert("L").filter(ImageFilter.GaussianBlur(.6))
    return _png(im)
