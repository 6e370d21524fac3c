#!/usr/bin/env bash
# The whole test suite: formatting, clippy, the Rust tests, and compatibility with the real
# Python flacarray 0.4.1 in both directions. Installs what is missing first.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh

step() { echo; echo "=== $* ==="; }

step "cargo fmt --check"
cargo fmt --all -- --check

step "cargo clippy -D warnings"
cargo clippy --release --all-targets -- -D warnings

step "cargo test (unit, integration, property, doc tests)"
cargo test --release

FIXTURES=target/pyfixtures
rm -rf "$FIXTURES"
step "Python flacarray 0.4.1 writes fixtures"
.venv/bin/python tests/python/make_fixtures.py "$FIXTURES"

step "Rust matches Python byte for byte and writes its own output"
FLACARRAY_PY_FIXTURES="$FIXTURES" cargo test --release --test compat_python -- --ignored

step "Python decodes what Rust wrote"
.venv/bin/python tests/python/check_rust_output.py "$FIXTURES"

echo
echo "All tests passed."
