#!/usr/bin/env bash
# Side-by-side benchmarks, each in one run on the same data: this crate vs Python flacarray
# 0.4.1 (codec, HDF5 and Zarr group I/O), the HDF5 filter vs gzip, Zstd, Blosc2 and Bitshuffle (h5py + hdf5plugin), and MPI
# I/O with 1 and 2 ranks vs Python flacarray + mpi4py, and `flacarray compress` vs h5repack.
# Usage: scripts/bench.sh [DATA_DIR]   (BENCH_REPEATS=N runs per round, BENCH_ROUNDS=N rounds,
#        BENCH_REPORT=1 to write the output into docs/benchmarks.md)
set -euo pipefail
cd "$(dirname "$0")/.."
# BENCH_REPORT=1: the same run, its output kept in target/bench/bench.log and written into the
# guide's generated page docs/benchmarks.md (scripts/bench_report.py).
if [ "${BENCH_REPORT:-}" = 1 ] && [ -z "${BENCH_REPORT_LOG:-}" ]; then
  mkdir -p target/bench
  export BENCH_REPORT_LOG=target/bench/bench.log
  # Only what the benchmarks print: builds and installs write to stderr, kept off the page.
  bash "$0" "$@" | tee "$BENCH_REPORT_LOG"
  python3 scripts/bench_report.py "$BENCH_REPORT_LOG" docs/benchmarks.md README.md "$(git rev-parse --short HEAD)"
  exit 0
fi
bash scripts/setup.sh
cargo bench --no-run --quiet --bench compare
cargo build --release --quiet -p flacarray-h5plugin
export HDF5_DIR=${HDF5_DIR:-/usr/lib/x86_64-linux-gnu/hdf5/serial}
cargo bench --no-run --quiet --features hdf5,zarr --bench group_io
export OMP_NUM_THREADS=2
echo "== The library against Python flacarray 0.4.1 =="
.venv/bin/python scripts/bench.py "${1:-target/bench}"
echo
echo "== HDF5 direct I/O against Python flacarray 0.4.1 =="
.venv/bin/python scripts/bench_groups.py hdf5 "${1:-target/bench}"
echo
echo "== Zarr direct I/O against Python flacarray 0.4.1 with zarr-python 3 =="
.venv/bin/python scripts/bench_groups.py zarr "${1:-target/bench}"
echo
echo "== The HDF5 filter against other HDF5 compressors (through h5py) =="
HDF5_PLUGIN_PATH=$PWD/target/release .venv/bin/python scripts/bench_filter.py "${1:-target/bench}"
echo
echo "== write_filtered/read_filtered/verify (many chunks at once) against HDF5's filter, 1 and 2 threads =="
FILTERED_BENCH=$(cargo bench --no-run --features hdf5 --bench filtered_io 2>&1 |
  sed -n 's/.*Executable benches\/filtered_io.rs (\(.*\))/\1/p')
env -u FLACARRAY_FILTER_THREADS "$FILTERED_BENCH" "${1:-target/bench}" 9 "${1:-target/bench}"
if [ -d /dev/shm ]; then
  env -u FLACARRAY_FILTER_THREADS "$FILTERED_BENCH" "${1:-target/bench}" 9 /dev/shm
fi
echo
echo "== MPI: 1 and 2 ranks against Python flacarray 0.4.1 + mpi4py =="
MPI_BENCH=$(HDF5_DIR=/usr/lib/x86_64-linux-gnu/hdf5/openmpi CARGO_TARGET_DIR=target/mpi \
  cargo bench --no-run --features mpi --bench mpi_io 2>&1 |
  sed -n 's/.*Executable benches\/mpi_io.rs (\(.*\))/\1/p')
.venv/bin/python scripts/bench_mpi.py "$MPI_BENCH" "${1:-target/bench}"
echo
echo "== flacarray compress against h5repack (same filter; shuffle + gzip) =="
cargo build --release --quiet --features cli --bin flacarray
HDF5_PLUGIN_PATH=$PWD/target/release .venv/bin/python scripts/bench_cli.py target/release/flacarray "${1:-target/bench}"
echo
echo "== h5flac from its wheel (fresh virtualenv) against hdf5plugin's filters (through h5py) =="
bash scripts/build_wheel.sh >&2   # build output off the benchmark log
BENCH_VENV=target/wheel-bench-venv
rm -rf "$BENCH_VENV"
python3 -m venv "$BENCH_VENV"
"$BENCH_VENV/bin/pip" install -q --disable-pip-version-check target/wheels/h5flac-*.whl \
  h5py==3.16.0 hdf5plugin==7.1.0 flacarray==0.4.1 numpy==2.4.6 zarr==3.1.6 numcodecs==0.16.6 \
  pcodec==1.1.0
env -u HDF5_PLUGIN_PATH "$BENCH_VENV/bin/python" scripts/bench_filter.py "${1:-target/bench}" h5flac
echo
echo "== Reading: our FLAC decoder against libFLAC's (in memory), and through h5py against Blosc2, Bitshuffle-LZ4 and pcodec =="
DECODE_BENCH=$(cargo bench --no-run --bench decode 2>&1 |
  sed -n 's/.*Executable benches\/decode.rs (\(.*\))/\1/p')
env -u FLACARRAY_FILTER_THREADS -u FLACARRAY_DECODER "$DECODE_BENCH" 11
env -u HDF5_PLUGIN_PATH "$BENCH_VENV/bin/python" scripts/bench_read.py "${1:-target/bench}"
echo
echo "== h5flac.flacarray (Python flacarray's API on our core) against flacarray 0.4.1 =="
# From /tmp, so that flacarray and h5flac come from the virtualenv, not the source tree.
ROOT=$PWD
# flacarray's OpenMP on one thread, as the script's one-thread comparison says.
(cd /tmp && env -u HDF5_PLUGIN_PATH OMP_NUM_THREADS=1 "$ROOT/$BENCH_VENV/bin/python" "$ROOT/scripts/bench_flacarray_api.py")
echo
echo "== Zarr v3 through zarr-python 3: h5flac.zarr.FLAC against zstd, Blosc and pcodec =="
env -u HDF5_PLUGIN_PATH -u ZARR_THREADING__MAX_WORKERS "$BENCH_VENV/bin/python" scripts/bench_zarr.py "${1:-target/bench}"
echo
echo "== Real recordings (seismic, ECG, PPG, speech, a photograph) against flac-numcodecs, WavPack and pcodec =="
bash scripts/real_data.sh "${1:-target/bench}/real-data"
