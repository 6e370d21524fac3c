#!/usr/bin/env bash
# Large data beyond 32-bit sizes (a stream of more than 2^31 samples; more than 4 GiB of
# compressed bytes in one HDF5 group). Needs about 20 GB of memory and 5 GB of disk; not in CI.
# Usage: scripts/large_data.sh [DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
export HDF5_DIR=${HDF5_DIR:-/usr/lib/x86_64-linux-gnu/hdf5/serial}
/usr/bin/time -v cargo run --release --quiet --features hdf5 --example large_data -- "${1:-target/large}" 2>&1 |
  grep -v -E "^\s+(Average|Exit|Socket|Signals|Swaps|File system|Page size|Voluntary|Involuntary|Minor|Major|Percent|System time|User time|Command)"
