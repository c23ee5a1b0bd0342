#!/bin/sh
# Install the Debian packages the tests need, when missing (run by the README's test command and .ci/run):
# - Chromium, for the browser test of the web page (tests/server/test_browser.py), driven by the Playwright
#   Python package of the `test` extra (no `playwright install`: the browser comes from apt);
# - LibreOffice Writer and Calc without their GUI, which read .doc/.wps/.xls/.et (gaicheck/readers/office.py)
#   and make the real .doc/.xls files the tests read (tests/readers/test_office.py);
# - for OCR (tests/ocr/): libgl1, which OpenCV needs (pulled in by the `ocr` extra's rapidocr-onnxruntime), and
#   a Chinese font, so that Chromium draws the fixtures' Chinese text when the tests render them to pictures.
set -eu
SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
updated=""
install() {
    if [ -z "$updated" ]; then $SUDO apt-get update; updated=1; fi
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y "$@"
}
if [ ! -x /usr/bin/chromium ]; then
    install chromium
fi
if ! command -v soffice >/dev/null 2>&1; then
    install --no-install-recommends libreoffice-writer-nogui libreoffice-calc-nogui
fi
if [ ! -e /usr/lib/x86_64-linux-gnu/libGL.so.1 ] && [ ! -e /usr/lib/aarch64-linux-gnu/libGL.so.1 ]; then
    install libgl1
fi
if ! fc-list 2>/dev/null | grep -qi "wqy\|noto sans cjk\|noto serif cjk"; then
    install fonts-wqy-microhei
fi
/usr/bin/chromium --version
soffice --version
