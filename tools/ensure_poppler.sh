#!/bin/sh
# The council report tests read PDFs back with poppler's pdftotext and pdfinfo (Debian package
# poppler-utils). Install it when missing; needs root (or sudo) and the Debian package mirror.
set -e
if command -v pdftotext >/dev/null 2>&1 && command -v pdfinfo >/dev/null 2>&1; then exit 0; fi
echo "pdftotext ontbreekt: installeren met apt-get (Debian-pakket 'poppler-utils')..."
SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq poppler-utils >/dev/null
