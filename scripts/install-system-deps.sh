#!/bin/sh
# Installs what the tests need from Debian, when missing: Chromium (browser tests)
# and Virtuoso 7 (the remote SPARQL endpoint tests). Needs root or sudo.
set -eu
missing=""
command -v virtuoso-t >/dev/null 2>&1 || missing="$missing virtuoso-opensource"
command -v chromium >/dev/null 2>&1 || missing="$missing chromium"
[ -z "$missing" ] && exit 0
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q $missing
