#!/usr/bin/env bash
# Build the h5flac wheel into target/wheels with maturin from PyPI, linked with zig for glibc
# 2.17 (manylinux_2_17), so that it installs on older clusters too.
#   bash scripts/build_wheel.sh
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
# The build tools live in their own virtualenv, kept between runs and made again when the
# pins change.
BUILD=target/wheel-build-venv
if [ ! -x "$BUILD/bin/python" ] || ! cmp -s tests/wheel/requirements-build.txt "$BUILD/requirements.txt"; then
  rm -rf "$BUILD"
  "$PY" -m venv "$BUILD"
  "$BUILD/bin/pip" install -q --disable-pip-version-check -r tests/wheel/requirements-build.txt
  cp tests/wheel/requirements-build.txt "$BUILD/requirements.txt"
fi
rm -rf target/wheels
BUILD_BIN=$PWD/$BUILD/bin
# libFLAC alone is compiled by GCC (zig's clang links it): its encoder's choices depend on how
# the compiler reassociates floating-point sums, and GCC's give Python flacarray's bytes
# (vendor/libflac-sys/PATCHES.md, change 7).
export FLACARRAY_LIBFLAC_CC=${FLACARRAY_LIBFLAC_CC:-gcc}
(cd python && PATH="$BUILD_BIN:$PATH" "$BUILD_BIN/maturin" build --release --zig \
  --compatibility manylinux_2_17 -o ../target/wheels)
