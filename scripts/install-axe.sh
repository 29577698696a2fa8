#!/bin/sh
# axe-core, the accessibility checker the browser tests run in every page, from the npm
# registry, at the version pinned here, into .cache/npm (ignored by git). Needs Node's npm
# (scripts/install-system-deps.sh installs it when missing).
set -eu
cd "$(dirname "$0")/.."
VERSION=4.14.1
TARGET=.cache/npm
if [ -f "$TARGET/node_modules/axe-core/axe.min.js" ] && grep -q "\"version\": \"$VERSION\"" "$TARGET/node_modules/axe-core/package.json"; then
  exit 0
fi
mkdir -p "$TARGET"
npm install --silent --no-audit --no-fund --no-save --prefix "$TARGET" "axe-core@$VERSION"
