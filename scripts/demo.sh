#!/usr/bin/env bash
# The main job: build in release mode, then `flacarray demo`: fake time-streams written as a
# flacarray group and as a FLAC-filtered dataset, read back, checked, timed, and plotted.
# Installs what is missing first.
# Usage: scripts/demo.sh [OUT_DIR] [SHAPE]      (defaults: flacarray_demo 16,100000)
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --no-python
export HDF5_DIR=${HDF5_DIR:-/usr/lib/x86_64-linux-gnu/hdf5/serial}
cargo build --release --quiet --features cli --bin flacarray
cargo build --release --quiet -p flacarray-h5plugin
target/release/flacarray demo --out "${1:-flacarray_demo}" --shape "${2:-16,100000}"
