#!/usr/bin/env bash
# Build the h5flac wheel with maturin (from PyPI) and test it as a user gets it: installed into
# a fresh virtualenv with only the clients from PyPI, never from the build tree.
#   bash scripts/test_wheel.sh [WORK_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
WORK=${1:-target/wheel-tests}
PY=${PYTHON:-python3}
rm -rf "$WORK"
mkdir -p "$WORK"
# Absolute: the tests run from inside it.
WORK=$(cd "$WORK" && pwd)

bash scripts/build_wheel.sh
WHEEL=$(ls target/wheels/h5flac-*.whl)
echo "built $WHEEL"

# The tag claims the oldest glibc the library really needs: check the symbols it links.
"$PY" -m zipfile -e "$WHEEL" "$WORK/unpacked"
LIB="$WORK/unpacked/h5flac/h5zflac/libh5zflac.so"
need=$(objdump -T "$LIB" | grep -oE 'GLIBC_[0-9]+\.[0-9]+' | sed 's/GLIBC_//' | sort -V | tail -1)
case "$WHEEL" in
  *manylinux_2_17_x86_64*) ;;
  *) echo "FAIL: wheel not tagged manylinux_2_17: $WHEEL"; exit 1 ;;
esac
if [ "$(printf '%s\n2.17\n' "$need" | sort -V | tail -1)" != "2.17" ]; then
  echo "FAIL: the library needs GLIBC_$need, newer than its manylinux_2_17 tag"; exit 1
fi
if readelf -d "$LIB" | grep NEEDED | grep -qi hdf5; then
  echo "FAIL: the wheel's library links libhdf5"; exit 1
fi
echo "wheel-checks: 2 passed, 0 failed (needs GLIBC_$need, tagged manylinux_2_17; no libhdf5)"

# A fresh virtualenv: the wheel and the clients from PyPI.
VENV="$WORK/venv"
"$PY" -m venv "$VENV"
"$VENV/bin/pip" install -q --disable-pip-version-check "$WHEEL" -r tests/wheel/requirements.txt
# Run from the work folder, so that nothing of the source tree can be imported.
TESTS=$PWD/tests/wheel
(cd "$WORK" && env -u HDF5_PLUGIN_PATH "$VENV/bin/python" "$TESTS/test_h5flac.py" "$WORK/h5py" wheel)
# The Python examples of the README and the guide, as written (the guide's Zarr and Python
# pages are also run by test_zarr.py and test_h5flac.py, within their checks).
(cd "$WORK" && "$VENV/bin/python" "$TESTS/run_doc_examples.py" --python \
  "$TESTS/../../README.md" "$TESTS/../../docs/python.md" "$TESTS/../../docs/flacarray-users.md")
(cd "$WORK" && "$VENV/bin/python" "$TESTS/run_doc_examples.py" --python --plugin \
  "$TESTS/../../docs/hdf5-filter.md")
# The shell examples of the README and every page of the guide (h5repack, h5dump, nccopy, the
# build commands and scripts), each where its marker says; an unmarked one fails.
(cd "$WORK" && "$VENV/bin/python" "$TESTS/run_doc_examples.py" --sh \
  "$TESTS/../../README.md" "$TESTS/../../docs/"*.md)
(cd "$WORK" && env -u HDF5_PLUGIN_PATH "$VENV/bin/python" "$TESTS/test_clients.py" "$WORK/clients")
# Hostile files and parameters; the flacarray command's verify/decompress on them too, when
# it is built (scripts/test.sh builds it first).
COMMAND=$PWD/target/release/flacarray
[ -x "$COMMAND" ] || COMMAND=
(cd "$WORK" && env -u HDF5_PLUGIN_PATH "$VENV/bin/python" "$TESTS/test_hostile.py" "$WORK/hostile" $COMMAND)
(cd "$WORK" && env -u HDF5_PLUGIN_PATH "$VENV/bin/python" "$TESTS/test_append.py" "$WORK/append" $COMMAND)

# h5flac.flacarray (the Python flacarray API on our core) against the real flacarray 0.4.1,
# both in one fresh virtualenv.
FA="$WORK/flacarray-venv"
"$PY" -m venv "$FA"
"$FA/bin/pip" install -q --disable-pip-version-check "$WHEEL" -r tests/wheel/requirements-flacarray.txt
(cd "$WORK" && env -u HDF5_PLUGIN_PATH "$FA/bin/python" "$TESTS/test_flacarray_api.py")
# The README's MPI example, under mpirun with this virtualenv's mpi4py.
(cd "$WORK" && "$FA/bin/python" "$TESTS/run_doc_examples.py" --mpi "$TESTS/../../README.md")
# flacarray 0.4.1's own tests (from its wheel, unmodified) of the modules h5flac has so far.
(cd "$WORK" && env -u HDF5_PLUGIN_PATH "$FA/bin/python" "$TESTS/run_flacarray_suite.py" utils array hdf5 zarr)
for n in 1 2 3; do
  (cd "$WORK" && env -u HDF5_PLUGIN_PATH timeout 600 mpirun --allow-run-as-root --oversubscribe \
    -n "$n" "$FA/bin/python" "$TESTS/run_flacarray_suite.py" utils array hdf5 zarr)
  (cd "$WORK" && env -u HDF5_PLUGIN_PATH timeout 600 mpirun --allow-run-as-root --oversubscribe \
    -n "$n" "$FA/bin/python" "$TESTS/mpi_flacarray.py")
done

# The Zarr codecs: zarr-python 3, NCZarr and xarray write (and read); zarr-python 2 writes in
# its own virtualenv; zarrs reads all of it and writes arrays that zarr-python 3 then reads.
(cd "$WORK" && env -u HDF5_PLUGIN_PATH "$VENV/bin/python" "$TESTS/test_zarr.py" "$WORK/zarr" write)
Z2="$WORK/zarr2-venv"
"$PY" -m venv "$Z2"
"$Z2/bin/pip" install -q --disable-pip-version-check "$WHEEL" -r tests/wheel/requirements-zarr2.txt
(cd "$WORK" && env -u HDF5_PLUGIN_PATH "$Z2/bin/python" "$TESTS/test_zarr.py" "$WORK/zarr" write-zarr2)
FLACARRAY_ZARR_CODEC_DIR="$WORK/zarr" HDF5_DIR=${HDF5_DIR:-/usr/lib/x86_64-linux-gnu/hdf5/serial} \
  cargo test --release --features hdf5,cli,zarr --test zarr_codec -- --ignored
(cd "$WORK" && env -u HDF5_PLUGIN_PATH "$VENV/bin/python" "$TESTS/test_zarr.py" "$WORK/zarr" check-rust)

# Debian's python3-h5py (HDF5 1.10) with the wheel, and netCDF4's wheel beside it.
DEB="$WORK/debian-venv"
/usr/bin/python3 -m venv --system-site-packages "$DEB"
"$DEB/bin/pip" install -q --disable-pip-version-check --no-deps "$WHEEL" \
  -r tests/wheel/requirements-debian.txt
(cd "$WORK" && env -u HDF5_PLUGIN_PATH "$DEB/bin/python" "$TESTS/test_h5flac.py" "$WORK/debian" debian)
(cd "$WORK" && env -u HDF5_PLUGIN_PATH "$DEB/bin/python" "$TESTS/test_hostile.py" "$WORK/debian-hostile" $COMMAND)
# h5flac.flacarray's HDF5 through MPI-IO: Debian's h5py built for MPI (picked under mpirun).
mkdir -p "$WORK/hdf5-parallel"
for n in 1 2 3; do
  (cd "$WORK" && env -u HDF5_PLUGIN_PATH timeout 600 mpirun --allow-run-as-root --oversubscribe \
    -n "$n" "$DEB/bin/python" "$TESTS/mpi_hdf5_parallel.py" "$WORK/hdf5-parallel")
done
PLUGIN=$("$DEB/bin/python" -c "import h5flac; print(h5flac.PLUGIN_PATH)")
n=0
for order in netcdf4-first h5py-first; do
  for mode in plugin-path import; do
    (cd "$WORK" && HDF5_PLUGIN_PATH=$PLUGIN "$DEB/bin/python" "$TESTS/two_libraries.py" \
      "$order" "$mode" "$WORK/debian")
    n=$((n + 1))
  done
done
echo "debian-two-libraries: $n passed, 0 failed"
