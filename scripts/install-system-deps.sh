#!/bin/sh
# Installs what the tests need from Debian, when missing: Chromium (browser tests),
# Virtuoso 7 (the remote SPARQL endpoint tests), Pango and fonts with Latvian letters
# (WeasyPrint writes the reports' PDFs with them) and poppler-utils (pdftotext and
# pdftoppm read the PDFs back in tests/test_report.py) and npm (it fetches axe-core,
# scripts/install-axe.sh). Needs root or sudo.
set -eu
missing=""
command -v virtuoso-t >/dev/null 2>&1 || missing="$missing virtuoso-opensource"
command -v chromium >/dev/null 2>&1 || missing="$missing chromium"
command -v npm >/dev/null 2>&1 || missing="$missing npm"
command -v pdftotext >/dev/null 2>&1 || missing="$missing poppler-utils"
for package in libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core fonts-liberation; do
    dpkg -s "$package" >/dev/null 2>&1 || missing="$missing $package"
done
[ -z "$missing" ] && exit 0
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q $missing
