# Puts Node 24 and the pinned pnpm on PATH, installing them into .toolchain/ on first use.
# Sourced by ./run and .ci/run. The machines here have Node 20 on PATH; the npm package
# `node@24` ships the official Node 24 binary, so nothing outside the npm registry is needed.
set -euo pipefail
BULKHEAD_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
NODE_VERSION="24.21.0"
PNPM_VERSION="$(sed -n 's/.*"packageManager": "pnpm@\([^"]*\)".*/\1/p' "$BULKHEAD_ROOT/package.json")"
TOOLCHAIN="$BULKHEAD_ROOT/.toolchain"
if [ ! -x "$TOOLCHAIN/node_modules/.bin/node" ] || [ "$("$TOOLCHAIN/node_modules/.bin/node" --version)" != "v$NODE_VERSION" ] \
  || [ ! -x "$TOOLCHAIN/node_modules/.bin/pnpm" ] || [ "$("$TOOLCHAIN/node_modules/.bin/pnpm" --version 2>/dev/null)" != "$PNPM_VERSION" ]; then
  echo "toolchain: installing node@$NODE_VERSION and pnpm@$PNPM_VERSION into .toolchain/ ..." >&2
  mkdir -p "$TOOLCHAIN"
  [ -f "$TOOLCHAIN/package.json" ] || echo '{"private":true}' > "$TOOLCHAIN/package.json"
  npm install --prefix "$TOOLCHAIN" --no-save --no-audit --no-fund --loglevel=error \
    "node@$NODE_VERSION" "pnpm@$PNPM_VERSION" >&2
fi
export PATH="$TOOLCHAIN/node_modules/.bin:$PATH"
export NODE_COMPILE_CACHE="${NODE_COMPILE_CACHE:-$TOOLCHAIN/compile-cache}"
