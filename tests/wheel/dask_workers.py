"""Read a FLAC-compressed netCDF-4 file with xarray + dask's multiprocessing scheduler, whose
workers are new Python processes. Run by test_clients.py as

    python dask_workers.py HOW FILE

HOW says how the workers get the filter: "plugin-path" (HDF5_PLUGIN_PATH is in the
environment they inherit), "script-import" (`import h5flac` at the top of the script, which
each spawned worker runs again), "late-import" (h5flac imported only inside main(), as in an
interactive session: the workers do not have the filter and the read fails).
"""

import sys

if sys.argv[1] == "script-import":
    import h5flac  # noqa: F401


def main():
    import xarray as xr

    import h5flac  # noqa: F401  (registers the filter in this process only)

    with xr.open_dataset(sys.argv[2], engine="h5netcdf", chunks={"det": 4, "time": 100_000}) as r:
        total = r.signal.sum().compute(scheduler="processes", num_workers=2)
    print("sum", float(total))


if __name__ == "__main__":
    main()
