#!/usr/bin/env bash
# The one entry point: ./build.sh [setup|build|test|bench|demo|package]
# Every command first installs what this machine lacks (idempotent, quick
# when everything is there).
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$PWD
DIST=$ROOT/dist
WASM_TARGET=wasm32-unknown-unknown

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# --- setup -----------------------------------------------------------------
setup_rust() {
  if ! rustup target list --installed 2>/dev/null | grep -qx "$WASM_TARGET"; then
    log "adding rust target $WASM_TARGET"
    rustup target add "$WASM_TARGET"
  fi
  rustup component list --installed 2>/dev/null | grep -q '^clippy' || rustup component add clippy rustfmt
  # wasm-bindgen-cli must match the wasm-bindgen crate in Cargo.lock exactly.
  local want
  want=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/"/,"",$3); print $3; exit}' Cargo.lock)
  if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$want" ]; then
    log "installing wasm-bindgen-cli $want (a few minutes, once)"
    cargo install wasm-bindgen-cli --version "$want"
  fi
}

setup_node() {
  # Reinstall only when package-lock.json changed since the last install.
  local stamp=node_modules/.carelint-lock
  if [ ! -f "$stamp" ] || ! cmp -s package-lock.json "$stamp"; then
    log "installing npm packages (npm ci)"
    npm ci --no-audit --no-fund
    cp package-lock.json "$stamp"
  fi
}

setup_chromium() {
  if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
    log "installing Debian's chromium and chromium-driver"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver
  fi
}

setup() { setup_rust; setup_node; setup_chromium; }

# --- build -----------------------------------------------------------------
build_cli() {
  log "building the carelint CLI"
  cargo build --release --bin carelint
}

build_wasm() {
  log "building the engine for wasm"
  cargo build --lib --no-default-features --target "$WASM_TARGET" --profile wasm
  local out=$DIST/extension/engine
  rm -rf "$out" && mkdir -p "$out"
  wasm-bindgen --target web --no-typescript --out-dir "$out" \
    "target/$WASM_TARGET/wasm/carelint.wasm"
  npx wasm-opt -Oz --strip-debug --strip-producers --enable-bulk-memory \
    --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals \
    --enable-reference-types --enable-multivalue \
    -o "$out/carelint_bg.wasm" "$out/carelint_bg.wasm"
}

build_extension() {
  log "assembling dist/extension"
  mkdir -p "$DIST/extension"
  # Copy everything but the engine, which build_wasm already put there.
  (cd extension && find . -type f ! -name '*.md' -print0 | while IFS= read -r -d '' f; do
    mkdir -p "$DIST/extension/$(dirname "$f")"; cp "$f" "$DIST/extension/$f"; done)
}

build_www() {
  log "building the site in dist/www"
  rm -rf "$DIST/www" && mkdir -p "$DIST/www"
  cp -r www/. "$DIST/www/"
  if [ -f www/build.mjs ]; then node www/build.mjs "$DIST/www"; fi
}

build() { setup_rust; setup_node; build_cli; build_wasm; build_extension; build_www; }

# --- test ------------------------------------------------------------------
test_rust() {
  log "rustfmt, clippy, cargo tests"
  cargo fmt --check
  cargo clippy --all-targets -- -D warnings
  cargo clippy --lib --no-default-features --target "$WASM_TARGET" -- -D warnings
  cargo test
}

test_packs() {
  log "running every built-in rule's examples; checking JSON files against their schemas"
  ./target/release/carelint test
  node --test tests/schema/
}

test_e2e() {
  if [ -d tests/e2e ] && ls tests/e2e/*.test.mjs >/dev/null 2>&1; then
    log "browser end-to-end tests (headless Chromium)"
    node --test --test-concurrency=1 tests/e2e/
  fi
}

run_tests() { setup; test_rust; build; test_packs; test_e2e; log "all tests passed"; }

cmd=${1:-build}
case "$cmd" in
  setup) setup ;;
  build) build ;;
  test) run_tests ;;
  *) echo "usage: ./build.sh [setup|build|test|bench|demo|package]" >&2; exit 2 ;;
esac
