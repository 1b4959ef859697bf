"""`berkas demo [--scan]`: the sample berkas sent as applicants would send them."""

from __future__ import annotations

import argparse
import sys

from berkas.core.settings import load_settings
from berkas.runtime.demo import (
    SAMPLES,
    SCAN_SAMPLE,
    _copy_scan,
    _send_mail,
    _ui_url,
    demo_dir,
    sample_folders,
)


def cmd_demo(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    settings = load_settings()
    folders = [f for f in sample_folders() if f.name != SCAN_SAMPLE]
    if not folders:
        sys.stderr.write(f"berkas: contoh berkas tidak ditemukan di {SAMPLES} (buat dengan "
                         "`.venv/bin/python scripts/make-samples.py`)\n")
        return 1
    out = sys.stdout
    code = _copy_scan(settings, out) if args.scan else _send_mail(settings, folders, out)
    if code:
        return code
    out.write(
        "\nLangkah berikutnya:\n"
        f"  1. Buka antarmuka Prefect di {_ui_url(settings)} (menu Runs). Setiap permohonan "
        "menjadi satu flow run yang dinamai menurut nomor registrasi dan instansinya.\n"
        "  2. Tunggu hingga keadaannya \"Suspended\" (menunggu keputusan), lalu buka menu "
        "(tombol titik tiga), pilih Resume dan isi formulir keputusan (disposisi Kepala LPSE, "
        "verifikasi Admin PPE).\n"
        "  3. Atau dari terminal: `berkas status` untuk melihat keadaan setiap permohonan, "
        "`berkas pending` dan `berkas approve` untuk mengambil keputusan.\n"
        f"  Surel yang dikirim sistem disimpan di {demo_dir(settings) / 'terkirim'}/.\n")
    return 0


def add_parser(sub) -> None:
    demo = sub.add_parser("demo", help="kirim contoh berkas permohonan ke kotak surel demo")
    demo.add_argument("--scan", action="store_true",
                      help="salin contoh berkas pindaian ke folder pindaian, bukan surel")
    demo.set_defaults(handler=cmd_demo)
