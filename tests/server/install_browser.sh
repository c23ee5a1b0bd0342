#!/bin/sh
# Install what the browser test (tests/server/test_browser.py) needs: Debian's Chromium, driven by the
# Playwright Python package (from the `test` extra). No `playwright install`: the browser comes from apt.
set -eu
if [ ! -x /usr/bin/chromium ]; then
    SUDO=""
    if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
    $SUDO apt-get update
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y chromium
fi
/usr/bin/chromium --version
