#!/bin/sh
# Installs what the tests need from Debian, when missing: Chromium (browser tests),
# Virtuoso 7 (the remote SPARQL endpoint tests) and npm (it fetches axe-core,
# scripts/install-axe.sh). Needs root or sudo.
set -eu
missing=""
command -v virtuoso-t >/dev/null 2>&1 || missing="$missing virtuoso-opensource"
command -v chromium >/dev/null 2>&1 || missing="$missing chromium"
command -v npm >/dev/null 2>&1 || missing="$missing npm"
[ -z "$missing" ] && exit 0
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q $missing
