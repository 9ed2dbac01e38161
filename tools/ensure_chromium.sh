#!/bin/sh
# Browser tests drive Debian's Chromium through Playwright (Playwright's own browser download does not
# work without internet). Install it when missing; needs root (or sudo) and the Debian package mirror.
set -e
if [ -x /usr/bin/chromium ]; then exit 0; fi
echo "Chromium ontbreekt: installeren met apt-get (Debian-pakket 'chromium')..."
SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
/usr/bin/chromium --version
