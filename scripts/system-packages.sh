#!/usr/bin/env bash
# Installs the Debian packages berkas needs, only when one is missing (idempotent, fast when done).
# Usage: scripts/system-packages.sh [runtime|test]
set -euo pipefail
runtime=(
  tesseract-ocr tesseract-ocr-ind tesseract-ocr-eng tesseract-ocr-osd  # OCR
  poppler-utils                                                       # pdfimages, pdftotext for debugging
  antiword                                                            # old Word .doc
  libarchive13                                                        # zip/rar/7z through libarchive-c
  fonts-dejavu-core fonts-liberation fonts-freefont-ttf               # letters and fixtures
  dovecot-imapd                                                       # demo mailbox (make run)
)
test_only=(
  libreoffice-writer-nogui                                            # makes .doc fixtures
  postgresql                                                          # BERKAS_DATABASE_URL test
  chromium                                                            # the Prefect UI test
)
want=("${runtime[@]}")
if [ "${1:-runtime}" = "test" ]; then want+=("${test_only[@]}"); fi

missing=()
for pkg in "${want[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$pkg")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  echo "berkas needs these Debian packages: ${missing[*]}" >&2
  echo "run as root: apt-get install ${missing[*]}" >&2
  exit 1
fi
echo "installing Debian packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
