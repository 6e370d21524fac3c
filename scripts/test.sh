#!/usr/bin/env bash
# The whole test suite: formatting, clippy, the Rust tests, and compatibility with the real
# Python flacarray 0.4.1 in both directions. Installs what is missing first.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
# Debian's serial HDF5 for the `hdf5` feature (hdf5-metno-sys): always explicit, since an
# installed parallel HDF5 would take over `pkg-config hdf5`.
export HDF5_DIR=${HDF5_DIR:-/usr/lib/x86_64-linux-gnu/hdf5/serial}

step() { echo; echo "=== $* ==="; }

step "cargo fmt --check"
cargo fmt --all -- --check

step "cargo clippy -D warnings"
cargo clippy --release --all-targets -- -D warnings
cargo clippy --release --all-targets --features hdf5 -- -D warnings
cargo clippy --release --all-targets --features cli -- -D warnings
cargo clippy --release --all-targets --features zarr -- -D warnings
cargo clippy --release -p flacarray-h5plugin -- -D warnings

step "The user guide: MkDocs --strict (links and anchors between pages), README at most 250 lines"
DOCS_VENV=target/docs-venv
if [ ! -x "$DOCS_VENV/bin/mkdocs" ] || ! cmp -s tests/docs/requirements.txt "$DOCS_VENV/requirements.txt"; then
  rm -rf "$DOCS_VENV"
  python3 -m venv "$DOCS_VENV"
  "$DOCS_VENV/bin/pip" install -q --disable-pip-version-check -r tests/docs/requirements.txt
  cp tests/docs/requirements.txt "$DOCS_VENV/requirements.txt"
fi
# Not --quiet: it hides the warnings that --strict counts, and they would pass.
"$DOCS_VENV/bin/mkdocs" build --strict
lines=$(wc -l < README.md)
[ "$lines" -le 250 ] || { echo "FAIL: README.md has $lines lines (at most 250; the rest goes in docs/)"; exit 1; }
echo "docs: 2 passed, 0 failed (site in target/site; README $lines lines)"
python3 tests/docs/test_bench_report.py
python3 tests/docs/check_examples_shown.py

step "cargo package: the published crate holds no tests, fixtures, scripts or build output, and builds"
listed=$(cargo package --list --allow-dirty)
# Only Rust sources under tests/ (no fixtures, Python or shell clients).
if echo "$listed" | grep -E '^(fuzz|target|python|scripts|plugin|\.ci)/|^tests/.*\.[^r]|^tests/.*\.r[^s]|^tests/(python|filter|cli|wheel)/'; then
  echo "FAIL: cargo package lists the files above"; exit 1
fi
if cargo package --allow-dirty 2>&1 | grep -E "^(warning|error)"; then
  echo "FAIL: cargo package warns"; exit 1
fi
echo "cargo-package: $(echo "$listed" | wc -l) files, 1 passed, 0 failed"

step "cargo test (unit, integration, property, doc tests; with the hdf5, cli and zarr features)"
cargo test --release --features hdf5,cli,zarr

step "cargo test with the default features alone (what a user of the crate runs first)"
cargo test --release

step "HDF5 filter plugin: build, no libhdf5, only HDF5's two entry points, NCZarr's and include/flacarray.h"
# Built on its own so that no feature of the library leaks in (the plugin must not link HDF5).
cargo build --release -p flacarray-h5plugin
PLUGIN=target/release/libh5zflac.so
if readelf -d "$PLUGIN" | grep NEEDED | grep -qi hdf5; then
  echo "FAIL: $PLUGIN links libhdf5"; exit 1
fi
exports=$(nm -D --defined-only "$PLUGIN" | awk '$2 ~ /^[TDBR]$/ {print $3}' | sort | tr '\n' ' ')
expected="H5PLget_plugin_info H5PLget_plugin_type NCZ_get_codec_info flacarray_check_params flacarray_check_streams flacarray_chunk_info flacarray_chunk_size flacarray_compress_streams flacarray_cores flacarray_decode flacarray_decode_chunk flacarray_decode_window flacarray_decompress_streams flacarray_encode_chunk flacarray_filter_class flacarray_float_to_int flacarray_free flacarray_head_probe flacarray_int_to_float flacarray_set_threads flacarray_stored_params flacarray_stream_window flacarray_threads flacarray_version "
if [ "$exports" != "$expected" ]; then
  echo "FAIL: $PLUGIN exports: $exports"; exit 1
fi
echo "plugin-checks: 2 passed, 0 failed"
FILTER_WORK=target/filter-tests
rm -rf "$FILTER_WORK"
mkdir -p "$FILTER_WORK"

step "HDF5 filter through h5py (pip wheel, its own HDF5 2.x)"
HDF5_PLUGIN_PATH=$PWD/target/release .venv/bin/python tests/filter/test_h5py.py "$FILTER_WORK"

step "HDF5 filter among other filters: every built-in filter before and after FLAC (h5py, h5repack)"
HDF5_PLUGIN_PATH=$PWD/target/release .venv/bin/python tests/filter/test_pipelines.py "$FILTER_WORK/pipelines"

step "HDF5 filter through Debian's h5repack, h5diff, h5dump (HDF5 1.10)"
bash tests/filter/test_tools.sh target/release "$FILTER_WORK" .venv/bin/python

step "HDF5 filter from a C program (h5cc, include/H5Zflac.h; the plugin's C functions of include/flacarray.h)"
h5cc -shlib -I include tests/filter/h5zflac_test.c -o "$FILTER_WORK/h5zflac_test" -lm -ldl
HDF5_PLUGIN_PATH=$PWD/target/release "$FILTER_WORK/h5zflac_test" "$FILTER_WORK/c.h5"
# Appending in a second process: the optional filter as it is, the mandatory one after
# H5Zfilter_avail.
HDF5_PLUGIN_PATH=$PWD/target/release "$FILTER_WORK/h5zflac_test" append "$FILTER_WORK/c.h5"

# The command first: the wheel's hostile-file tests run it too.
cargo build --release --features cli --bin flacarray

step "h5flac wheel (maturin, manylinux_2_17) in a fresh virtualenv: h5py (wheel and Debian's), netCDF4 beside it, xarray + h5netcdf + dask, nccopy, hostile files"
bash scripts/test_wheel.sh "$FILTER_WORK/wheel"

step "The flacarray command on files made by h5py (compress, decompress, info, verify, plot, demo, errors)"
HDF5_PLUGIN_PATH=$PWD/target/release .venv/bin/python tests/cli/test_cli.py \
  target/release/flacarray "$FILTER_WORK/cli"

step "compress/decompress keep everything but the filters: netCDF-4 (ncgen, netCDF4-python) and h5py files with references, scales, user types"
HDF5_PLUGIN_PATH=$PWD/target/release .venv/bin/python tests/cli/test_structure.py \
  target/release/flacarray "$FILTER_WORK/structure"

step "Memory safety at the C boundary: round trips and the plugin under valgrind"
bash scripts/valgrind.sh target/valgrind

step "Fuzzing: each target 20 s (our FLAC decoder against libFLAC, chunk decoder, the C functions of h5flac and of h5flac.flacarray, Zarr v2, stream decoder, group format alone and through HDF5)"
bash scripts/fuzz.sh 20

FIXTURES=target/pyfixtures
rm -rf "$FIXTURES"
step "Python flacarray 0.4.1 writes fixtures"
.venv/bin/python tests/python/make_fixtures.py "$FIXTURES"

step "Rust matches Python byte for byte and writes its own output"
FLACARRAY_PY_FIXTURES="$FIXTURES" cargo test --release --test compat_python -- --ignored

step "Python decodes what Rust wrote"
.venv/bin/python tests/python/check_rust_output.py "$FIXTURES"

H5FIX=target/h5fixtures
rm -rf "$H5FIX"
step "HDF5 files: Python flacarray 0.4.1 and 0.2.4 write, this library reads and writes"
.venv/bin/python tests/python/make_hdf5_fixtures.py "$H5FIX"
.venv-v0/bin/python tests/python/make_v0_fixtures.py "$H5FIX"
FLACARRAY_H5_FIXTURES="$H5FIX" cargo test --release --features hdf5 --test hdf5_compat -- --ignored

step "HDF5 files: Python flacarray 0.4.1 reads what this library wrote; h5dump -A agrees"
.venv/bin/python tests/python/check_hdf5_rust.py "$H5FIX"

ZFIX=target/zarrfixtures
rm -rf "$ZFIX"
step "Zarr groups: Python flacarray writes them (zarr-python 3 and 2, format 0 by 0.2.4), this library reads and writes"
.venv/bin/python tests/python/make_zarr_fixtures.py "$ZFIX"
.venv-zarr2/bin/python tests/python/make_zarr_fixtures.py "$ZFIX"
.venv-v0/bin/python tests/python/make_zarr_fixtures.py "$ZFIX"
FLACARRAY_ZARR_FIXTURES="$ZFIX" cargo test --release --features hdf5,cli,zarr --test zarr_compat -- --ignored

step "Zarr groups: Python flacarray 0.4.1 (zarr-python 3) reads what this library wrote"
.venv/bin/python tests/python/check_zarr_rust.py "$ZFIX"

step "MPI (features mpi and zarr, OpenMPI HDF5): clippy, unit and doc tests"
# The parallel build has its own target directory, so the serial and parallel HDF5 builds
# do not rebuild each other.
mpi_cargo() {
  HDF5_DIR=/usr/lib/x86_64-linux-gnu/hdf5/openmpi CARGO_TARGET_DIR=target/mpi cargo "$@"
}
mpi_cargo clippy --release --all-targets --features mpi,zarr -- -D warnings
mpi_cargo test --release --features mpi,zarr --lib
mpi_cargo test --release --features mpi,zarr --doc
RUSTDOCFLAGS="-D warnings" mpi_cargo doc --all-features --no-deps
MPI_BIN=$(mpi_cargo test --release --features mpi,zarr --test mpi --no-run 2>&1 |
  sed -n 's/.*Executable tests\/mpi.rs (\(.*\))/\1/p')
MPIRUN=(timeout 900 mpirun --allow-run-as-root --oversubscribe)
MPI_WORK=target/mpi-tests
rm -rf "$MPI_WORK"
mkdir -p "$MPI_WORK"

for n in 1 2 3; do
  step "MPI suite under mpirun -n $n (both write paths, uneven dist, empty rank, keep, slices, filter, Zarr)"
  "${MPIRUN[@]}" -n "$n" "$MPI_BIN" "$MPI_WORK"
done

step "MPI: the guide's example (examples/mpi_guide.rs, shown on docs/mpi.md) under mpirun -n 2 and -n 3"
mpi_cargo build --release --features mpi --example mpi_guide
GUIDE_BIN=$PWD/target/mpi/release/examples/mpi_guide
for n in 2 3; do
  (cd "$MPI_WORK" && "${MPIRUN[@]}" -n "$n" "$GUIDE_BIN")
done

step "MPI: serial Python flacarray and h5py (plugin) read what 3 ranks wrote"
HDF5_PLUGIN_PATH=$PWD/target/release .venv/bin/python tests/python/check_mpi_rust.py \
  "$MPI_WORK/rust_mpi-n3.h5"

step "MPI: Python flacarray + mpi4py writes with 2 ranks, this library reads with 3"
"${MPIRUN[@]}" -n 2 .venv/bin/python tests/python/write_mpi_python.py "$MPI_WORK/python_mpi-n2.h5"
"${MPIRUN[@]}" -n 3 "$MPI_BIN" "$MPI_WORK" --read-python "$MPI_WORK/python_mpi-n2.h5"

step "MPI: a rank with more than 2 GiB of compressed bytes, gathered to rank 0 and back"
"${MPIRUN[@]}" -n 2 "$MPI_BIN" "$MPI_WORK" --large

step "MPI: one rank fails, every rank reports an error and the job ends"
set +e
out=$("${MPIRUN[@]}" -n 3 "$MPI_BIN" "$MPI_WORK" --fail 2>&1)
code=$?
set -e
echo "$out" | grep "error:" || true
errors=$(echo "$out" | grep -c "^rank [0-9]: error:" || true)
if [ "$code" -eq 0 ] || [ "$code" -eq 124 ] || [ "$errors" -ne 3 ]; then
  echo "FAIL: exit code $code (124 = timeout), $errors of 3 ranks reported an error"; exit 1
fi
echo "mpi-failure: 1 passed, 0 failed"

echo
echo "All tests passed."
