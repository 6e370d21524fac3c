#!/usr/bin/env bash
# Fuzz each target in fuzz/ with cargo-fuzz (libFuzzer) for SECONDS (default 60), from seed
# corpora made of real compressed data; prints the executions per target. A crash, a hang
# (over 10 s for one input) or an allocation over 1 GiB fails the run and leaves the input in
# fuzz/artifacts/<target>/; keep such an input under fuzz/regressions/<target>/ once fixed.
# Usage: scripts/fuzz.sh [SECONDS] [TARGET ...]
set -euo pipefail
cd "$(dirname "$0")/.."
SECS=${1:-60}
shift || true
TARGETS=("$@")
[ ${#TARGETS[@]} -gt 0 ] || TARGETS=(flac_decode chunk_decode c_functions py_streams zarr_v2 stream_decode group_read group_hdf5)
export HDF5_DIR=${HDF5_DIR:-/usr/lib/x86_64-linux-gnu/hdf5/serial}
if ! command -v cargo-fuzz >/dev/null; then
  echo "fuzz: installing cargo-fuzz"
  cargo install cargo-fuzz --locked --quiet
fi
# libFuzzer's instrumentation flags are nightly-only; this lets the stable toolchain use them.
export RUSTC_BOOTSTRAP=1
cargo run --release --quiet --example fuzz_seeds -- fuzz/corpus
# Inputs that once found a bug (fuzz/regressions/<target>/) run first, with the seeds.
for t in "${TARGETS[@]}"; do
  if [ -d "fuzz/regressions/$t" ]; then
    cp fuzz/regressions/"$t"/* "fuzz/corpus/$t/"
  fi
done
for t in "${TARGETS[@]}"; do
  echo "=== fuzz $t for ${SECS}s ==="
  log=$(mktemp)
  if ! cargo fuzz run "$t" "fuzz/corpus/$t" -- -max_total_time="$SECS" -timeout=10 \
      -rss_limit_mb=4096 -malloc_limit_mb=1024 -print_final_stats=1 >"$log" 2>&1; then
    tail -40 "$log"
    echo "FAIL: fuzz target $t did not build, or found a problem (its input is then under fuzz/artifacts/$t/)"
    exit 1
  fi
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  echo "fuzz $t: ${runs:-?} executions in ${SECS}s, no crash, hang or huge allocation"
  rm -f "$log"
done
