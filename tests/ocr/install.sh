#!/bin/sh
# Install what the OCR tests (tests/ocr/) need from Debian, when missing: libgl1 for OpenCV (pulled in by
# the `ocr` extra's rapidocr-onnxruntime) and a Chinese font, so that Chromium draws the fixtures'
# Chinese text when the tests render them to pictures. Called by the README's test command.
set -eu
missing=""
[ -e /usr/lib/x86_64-linux-gnu/libGL.so.1 ] || [ -e /usr/lib/aarch64-linux-gnu/libGL.so.1 ] || missing="$missing libgl1"
fc-list 2>/dev/null | grep -qi "wqy\|noto sans cjk\|noto serif cjk" || missing="$missing fonts-wqy-microhei"
if [ -n "$missing" ]; then
    SUDO=""
    if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
    $SUDO apt-get update
    # shellcheck disable=SC2086
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y $missing
fi
