#!/usr/bin/env bash
# The one entry point: ./build.sh [setup|build|test|bench|demo|package|quality|fuzz [SECONDS]]
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

# Debian's Firefox ESR and geckodriver at a pinned version, built from
# crates.io (nothing downloads a driver or browser at run time).
GECKODRIVER_VERSION=0.37.1
GECKODRIVER=${CARGO_HOME:-$HOME/.cargo}/bin/geckodriver
setup_firefox() {
  if [ ! -x /usr/bin/firefox-esr ]; then
    log "installing Debian's firefox-esr"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq firefox-esr
  fi
  if [ "$("$GECKODRIVER" --version 2>/dev/null | awk 'NR==1{print $2}')" != "$GECKODRIVER_VERSION" ]; then
    log "installing geckodriver $GECKODRIVER_VERSION (a few minutes, once)"
    cargo install geckodriver --version "$GECKODRIVER_VERSION" --locked
  fi
}

setup() { setup_rust; setup_node; setup_chromium; setup_firefox; }

# --- build -----------------------------------------------------------------
build_cli() {
  log "building the carelint CLI"
  cargo build --release --bin carelint
}

# One wasm build of the engine into $2, with the crate features in $1.
wasm_engine() {
  cargo build --lib --no-default-features ${1:+--features "$1"} --target "$WASM_TARGET" --profile wasm
  local out=$2
  rm -rf "$out" && mkdir -p "$out"
  wasm-bindgen --target web --no-typescript --out-dir "$out" \
    "target/$WASM_TARGET/wasm/carelint.wasm"
  npx wasm-opt -Oz --strip-debug --strip-producers --enable-bulk-memory \
    --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals \
    --enable-reference-types --enable-multivalue \
    -o "$out/carelint_bg.wasm" "$out/carelint_bg.wasm"
}

# The extension's engine, and the site's: the same crate with the `site`
# feature, which adds the tool pages' audit and evaluate (about 44 KB
# gzipped the extension does not need).
build_wasm() {
  log "building the engine for wasm (the extension's, then the site's)"
  wasm_engine "" "$DIST/extension/engine"
  wasm_engine site "$DIST/site-engine"
}

build_extension() {
  log "assembling dist/extension"
  mkdir -p "$DIST/extension"
  # Start clean but keep the engine, which build_wasm already put there.
  find "$DIST/extension" -mindepth 1 -maxdepth 1 ! -name engine -exec rm -rf {} +
  # Copy what the browser loads: not notes (*.md, EXTENSION_ID.txt) nor the
  # type declarations that only tsc reads (*.d.ts).
  # Nor manifest.firefox.json, which build_firefox applies.
  (cd extension && find . -type f ! -name '*.md' ! -name '*.txt' ! -name '*.d.ts' ! -name manifest.firefox.json -print0 | while IFS= read -r -d '' f; do
    mkdir -p "$DIST/extension/$(dirname "$f")"; cp "$f" "$DIST/extension/$f"; done)
  # Helpdesk adapters: one sites/index.json (every extension/sites/*.json but
  # the schema, in file order, without "$schema") that the extension reads
  # once instead of listing a folder it cannot list.
  node --input-type=module -e '
    import { readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
    const [src, out] = process.argv.slice(1);
    const files = readdirSync(src).filter((f) => f.endsWith(".json") && f !== "schema.json").sort();
    const sites = files.map((f) => { const { $schema, ...site } = JSON.parse(readFileSync(`${src}/${f}`, "utf8")); return site; });
    for (const f of [...files, "schema.json"]) rmSync(`${out}/${f}`, { force: true });
    writeFileSync(`${out}/index.json`, JSON.stringify(sites));
  ' extension/sites "$DIST/extension/sites"
  # The content script: one classic script of content/loader.js and all it
  # imports (the engine's glue included), so that nothing but the adapters
  # and the wasm it fetches has to be web-accessible (see manifest.json).
  npx esbuild "$DIST/extension/content/loader.js" --bundle --format=iife --log-level=warning \
    --log-override:empty-import-meta=silent --outfile="$DIST/extension/content/loader.js" --allow-overwrite
  find "$DIST/extension/content" -type f ! -name loader.js -delete
  # The service worker: one module of background.js and all it imports.
  # After a browser restart Chromium starts a module worker from its stored
  # scripts, and a JSON module (contract.json) is not among them: unbundled,
  # the worker never started again (sites.test.mjs, the restart test).
  npx esbuild "$DIST/extension/background.js" --bundle --format=esm --log-level=warning \
    --outfile="$DIST/extension/background.js" --allow-overwrite
  # The rule catalogue as an extension page, for the popover's "About this
  # rule": the site's generator (www/rules.mjs), offline, no site needed.
  node --input-type=module -e '
    import { writeExtensionCatalogue } from "./www/rules.mjs";
    await writeExtensionCatalogue(...process.argv.slice(1));
  ' "$DIST/extension/engine" "$DIST/extension/rules"
}

# The same files for Firefox: extension/manifest.json with
# extension/manifest.firefox.json applied as a JSON merge patch (RFC 7396:
# null removes a key, objects merge, anything else replaces), then the
# .xpi. Unminified: Mozilla's review reads the shipped code.
build_firefox() {
  log "assembling dist/extension-firefox and its .xpi"
  local out=$DIST/extension-firefox version
  rm -rf "$out" && cp -r "$DIST/extension" "$out"
  node --input-type=module -e '
    import { readFileSync, writeFileSync } from "node:fs";
    const [base, patch, out] = process.argv.slice(1);
    const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);
    const merge = (a, p) => {
      if (!isObject(p)) return p;
      const r = isObject(a) ? { ...a } : {};
      for (const [k, v] of Object.entries(p)) { if (v === null) delete r[k]; else r[k] = merge(r[k], v); }
      return r;
    };
    const read = (f) => JSON.parse(readFileSync(f, "utf8"));
    writeFileSync(out, JSON.stringify(merge(read(base), read(patch)), null, 2) + "\n");
  ' extension/manifest.json extension/manifest.firefox.json "$out/manifest.json"
  version=$(node -p 'require("./extension/manifest.json").version')
  rm -f "$DIST"/carelint-extension-*.xpi
  npx web-ext build --source-dir "$out" --artifacts-dir "$DIST" --filename "carelint-extension-$version.xpi" \
    --overwrite-dest --no-input >/dev/null
  log "packaged carelint-extension-$version.xpi: $(wc -c < "$DIST/carelint-extension-$version.xpi") bytes"
}

build_www() {
  log "building the site in dist/www"
  rm -rf "$DIST/www" && mkdir -p "$DIST/www"
  cp -r www/. "$DIST/www/"
  # The demo pages' editors, the playground (the content script's modules with the
  # engine in the page) and the rule catalogue; see www/build.mjs.
  node www/build.mjs "$DIST/www" "$DIST/site-engine" && rm -f "$DIST/www/build.mjs"
}

# The store upload: dist/carelint-extension-<version>.zip of dist/extension.
package_extension() {
  local version
  version=$(node -p 'require("./extension/manifest.json").version')
  local zip=$DIST/carelint-extension-$version.zip
  rm -f "$DIST"/carelint-extension-*.zip
  # The store copy has its JavaScript minified (dist/extension stays
  # readable for "Load unpacked"); modules are transformed one by one, not
  # bundled, so every file keeps its name and imports.
  local stage=$DIST/.package
  rm -rf "$stage" && cp -r "$DIST/extension" "$stage"
  (cd "$DIST/extension" && find . -name '*.js' -print0 | xargs -0 npx esbuild --minify --log-level=warning \
    --outdir="$stage" --outbase=. --allow-overwrite)
  python3 - "$stage" "$zip" <<'PY'
import os, sys, zipfile
src, out = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
    for root, _, files in sorted(os.walk(src)):
        for f in sorted(files):
            path = os.path.join(root, f)
            z.write(path, os.path.relpath(path, src))
PY
  rm -rf "$stage"
  log "packaged $(basename "$zip"): $(wc -c < "$zip") bytes; wasm $(gzip -9c "$DIST/extension/engine/carelint_bg.wasm" | wc -c) bytes gzipped"
}

build() { setup_rust; setup_node; build_cli; build_wasm; build_extension; build_firefox; build_www; package_extension; }

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
  # Needs dist/extension and dist/www (build) and /usr/bin/chromium (setup).
  if [ -d tests/e2e ] && ls tests/e2e/*.test.mjs >/dev/null 2>&1; then
    log "browser end-to-end tests (headless Chromium, dist/extension on the demo pages)"
    node --test --test-concurrency=1 tests/e2e/*.test.mjs
  fi
  # Needs dist/extension-firefox (build), firefox-esr and geckodriver (setup).
  if [ -x /usr/bin/firefox-esr ] && [ -x "$GECKODRIVER" ]; then
    log "browser end-to-end tests in Firefox (headless firefox-esr, dist/extension-firefox as a temporary add-on)"
    CARELINT_GECKODRIVER=$GECKODRIVER node --test --test-concurrency=1 tests/e2e/firefox/*.test.mjs
  else
    log "Firefox end-to-end tests skipped: firefox-esr or geckodriver is missing (./build.sh setup installs them)"
  fi
}

test_extension() {
  log "type-checking the extension (tsc) and linting the Firefox build (web-ext: no errors, no warnings)"
  npx tsc --noEmit -p tsconfig.json
  npx web-ext lint --source-dir "$DIST/extension-firefox" --self-hosted --output json >"$DIST/web-ext-lint.json" || true
  node -e '
    const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    for (const m of [...r.errors, ...r.warnings]) console.log(`web-ext ${m._type}: ${m.code}: ${m.message}`);
    console.log(`web-ext lint: ${r.summary.errors} errors, ${r.summary.warnings} warnings`);
    process.exit(r.summary.errors === 0 && r.summary.warnings === 0 ? 0 : 1);' "$DIST/web-ext-lint.json"
}

run_tests() { setup; test_rust; build; test_packs; test_extension; test_e2e; log "all tests passed"; }

# --- bench -----------------------------------------------------------------
# Keystroke -> updated highlights on a 5,000-word reply (contenteditable and
# textarea), median/p95, and the longest main-thread task; then the
# main-thread time a keystroke costs with and without the extension.
bench_e2e() {
  log "browser benchmark: 5,000-word reply, keystroke to updated highlights"
  node tests/e2e/bench.mjs
  log "browser benchmark: main-thread time per keystroke, with and without Carelint"
  node tests/e2e/keystroke-cost.mjs
}

# Engine alone (native, criterion): pack compile and report on 100-5,000 words.
bench_engine() {
  log "engine benchmark (criterion)"
  cargo bench --bench lint -- --warm-up-time 1 --measurement-time 5 2>&1 | grep -E '^[a-z].*time:|^\S.*$|time:' | grep -v '^Benchmarking\|^Found\|^  [0-9]' || true
}

# Carelint's shipped wasm next to harper.js, write-good and alex (npm
# devDependencies) on the same texts, each engine in processes of its own;
# then the release CLI on 1-16 MB. Table on stdout, dist/bench/peers.json.
bench_peers() {
  log "side by side: Carelint (wasm) and its peers, native throughput"
  node benches/peers.mjs
}

# Instruction counts (callgrind) of the release CLI: the figure that load
# does not move, for comparing builds on a busy machine.
setup_valgrind() {
  if ! command -v valgrind >/dev/null; then
    log "installing Debian's valgrind"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq valgrind
  fi
}

bench_instructions() {
  log "engine instructions (callgrind)"
  cargo build --release --example keystrokes
  node benches/instructions.mjs
}

bench() { setup_node; setup_chromium; setup_valgrind; build; bench_peers; bench_instructions; bench_engine; bench_e2e; }

# --- quality ---------------------------------------------------------------
# The built-in packs on the labelled dev sets in ../shared/quality, when this
# machine has them (they are not part of the project): the per-set table
# first, then the rules behind false flags and the first misses.
quality() {
  build_cli
  local dir=$ROOT/../shared/quality
  if [ ! -d "$dir" ]; then
    log "quality run skipped: there is no ../shared/quality next to the project (the labelled sets are optional, not part of it)"
    return 0
  fi
  local sets=("$dir"/*-dev.jsonl)
  if [ ! -e "${sets[0]}" ]; then
    log "quality run skipped: ../shared/quality holds no *-dev.jsonl"
    return 0
  fi
  log "built-in packs on ${#sets[@]} labelled sets in $(cd "$dir" && pwd)"
  ./target/release/carelint eval --misses 20 "${sets[@]}"
}

# --- fuzz ------------------------------------------------------------------
# Coverage-guided fuzzing (cargo-fuzz, nightly): each target in fuzz/ for
# SECONDS (default 60), one process, one target at a time. New inputs go to
# fuzz/target/corpus/ (scratch); the small committed corpus in fuzz/corpus/,
# which `cargo test` replays (tests/fuzz_corpus.rs), is only read. A crash
# or slow unit stops that target (the others still run) and is saved under
# fuzz/artifacts/<target>/. CARELINT_FUZZ_BUDGET=SECONDS raises the lint
# time budget (fuzz/checks.rs) to look past a slow path already reported.
# No sanitizer (-s none): the engine is safe Rust, and AddressSanitizer made
# each unit about ten times slower.
setup_fuzz() {
  rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal
  command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz
}

fuzz() {
  local seconds=${1:-60}
  setup_fuzz
  (cd fuzz && cargo +nightly fuzz build -O -s none)
  local target failed=()
  for target in pack_json lint audit_input; do
    log "fuzzing $target for ${seconds}s"
    mkdir -p "fuzz/target/corpus/$target"
    (cd fuzz && cargo +nightly fuzz run -O -s none "$target" "target/corpus/$target" "corpus/$target" -- \
      -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=4096 -print_final_stats=1) \
      || failed+=("$target")
  done
  if [ ${#failed[@]} -gt 0 ]; then
    log "fuzzing found problems in: ${failed[*]} (inputs in fuzz/artifacts/)"
    return 1
  fi
}

# --- demo ------------------------------------------------------------------
# Build, then serve dist/www (the site: playground, rule catalogue, demo
# helpdesk) on 127.0.0.1 in the foreground. With a display,
# open Chromium with the extension on the demo ticket; without one, take
# headless screenshots that show the hint and its popover, in Chromium
# (dist/demo-screenshot.png) and Firefox (dist/demo-screenshot-firefox.png),
# and print their paths.
demo() {
  setup_node; setup_chromium; setup_firefox; build
  local port=${CARELINT_DEMO_PORT:-8080}
  local page=${CARELINT_DEMO_PAGE:-contenteditable}
  local url="http://127.0.0.1:$port/demo/$page.html"
  if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
    log "opening Chromium with dist/extension on $url"
    local profile
    profile=$(mktemp -d "${TMPDIR:-/tmp}/carelint-demo-XXXXXX")
    local sandbox=()
    if [ "$(id -u)" = 0 ]; then sandbox=(--no-sandbox); fi  # Chromium refuses to run as root otherwise
    /usr/bin/chromium "${sandbox[@]}" --user-data-dir="$profile" --no-first-run --no-default-browser-check \
      --disable-extensions-except="$DIST/extension" --load-extension="$DIST/extension" \
      "$url" >/dev/null 2>&1 &
  else
    log "no display: taking headless screenshots of the demo ticket with the extension (Chromium, Firefox)"
    node tests/e2e/demo-shot.mjs "$page" "$DIST/demo-screenshot.png" || log "the screenshot failed (see above); serving anyway"
    CARELINT_GECKODRIVER=$GECKODRIVER node tests/e2e/firefox/demo-shot.mjs "$page" "$DIST/demo-screenshot-firefox.png" \
      || log "the Firefox screenshot failed (see above); serving anyway"
  fi
  printf '\n  Try it (no extension needed):  http://127.0.0.1:%s/   (rules: http://127.0.0.1:%s/rules/)\n' "$port" "$port" >&2
  printf '  Demo helpdesk:  http://127.0.0.1:%s/demo/   (ticket: %s)\n' "$port" "$url" >&2
  printf '  Load the extension in your own Chrome or Chromium:\n' >&2
  printf '    1. open chrome://extensions and switch on "Developer mode"\n' >&2
  printf '    2. "Load unpacked" and choose %s\n' "$DIST/extension" >&2
  printf '    3. open the demo ticket and type: Thank you for your patience.\n' >&2
  printf '  Or in Firefox: about:debugging#/runtime/this-firefox, "Load Temporary Add-on..." and choose\n' >&2
  printf '    %s\n' "$DIST/extension-firefox/manifest.json" >&2
  printf '  Ctrl+C stops the server.\n\n' >&2
  exec node tests/e2e/server.mjs "$DIST/www" "$port"
}

cmd=${1:-build}
case "$cmd" in
  setup) setup ;;
  build) build ;;
  package) build ;;
  test) run_tests ;;
  bench) bench ;;
  demo) demo ;;
  quality) quality ;;
  fuzz) fuzz "${2:-60}" ;;
  *) echo "usage: ./build.sh [setup|build|test|bench|demo|package|quality|fuzz [SECONDS]]" >&2; exit 2 ;;
esac
