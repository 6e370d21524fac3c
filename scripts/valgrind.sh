#!/usr/bin/env bash
# Memory safety at the C boundary (libFLAC wrapper, HDF5 filter, plugin) under valgrind: the
# round-trip tests of the codec, the chunk format, FlacArray, the in-process filter through
# HDF5, the concurrency test, and the C program that loads the plugin. Any invalid read or
# write, use of uninitialised memory, or definitely lost block fails the run.
# (AddressSanitizer needs a nightly toolchain, which this machine does not have.)
# Usage: scripts/valgrind.sh [WORK_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
WORK=${1:-target/valgrind}
mkdir -p "$WORK"
export HDF5_DIR=${HDF5_DIR:-/usr/lib/x86_64-linux-gnu/hdf5/serial}
command -v valgrind >/dev/null || { apt-get install -y -qq valgrind >/dev/null; }
VG=(valgrind --quiet --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite
    --show-leak-kinds=definite)

# test_binary NAME: the path of the integration test binary NAME.
test_binary() {
  cargo test --release --features hdf5 --test "$1" --no-run 2>&1 |
    sed -n "s/.*Executable tests\/$1.rs (\(.*\))/\1/p"
}

run() {
  local name=$1
  shift
  echo "--- valgrind: $name"
  "${VG[@]}" "$@" >"$WORK/$name.log" 2>&1 || { tail -60 "$WORK/$name.log"; echo "FAIL: $name"; exit 1; }
  grep -E "test result|passed" "$WORK/$name.log" | tail -1 || true
}

run vectors "$(test_binary vectors)" --test-threads=1
run chunk "$(test_binary chunk)" --test-threads=1
run array "$(test_binary array)" --test-threads=1
run corruption "$(test_binary corruption)" --test-threads=1 every_truncation flipped_bytes garbage
run h5z_metno "$(test_binary h5z_metno)" --test-threads=1
run concurrency "$(test_binary concurrency)"

cargo build --release --quiet -p flacarray-h5plugin
h5cc -shlib -I include tests/filter/h5zflac_test.c -o "$WORK/h5zflac_test" -lm -ldl
HDF5_PLUGIN_PATH=$PWD/target/release run c-program-with-plugin "$WORK/h5zflac_test" "$WORK/c.h5"
echo "valgrind: 7 passed, 0 failed"
