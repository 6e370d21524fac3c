"""Run flacarray 0.4.1's own test suite (``flacarray/tests`` in its wheel from PyPI,
unmodified) against h5flac.flacarray: the real package is imported for its tests, then its
modules are replaced in ``sys.modules`` by ours, so that the tests' ``from ..array import
FlacArray`` and the like get h5flac's.

    python run_flacarray_suite.py MODULE...    (array, utils, hdf5, zarr)

``bindings`` tests flacarray's own C layer (``_libflacarray``) and is not run. Exits 1 if
any test fails."""

import importlib
import sys
import unittest

import flacarray  # noqa: F401 - the real package: its tests live in it

import h5flac.flacarray as ours

OURS = ["utils", "mpi", "compress", "decompress", "demo", "array"]
for extra in ("hdf5", "hdf5_utils", "zarr"):
    try:
        importlib.import_module(f"h5flac.flacarray.{extra}")
        OURS.append(extra)
    except ImportError:
        pass

for name in OURS:
    module = importlib.import_module(f"h5flac.flacarray.{name}")
    sys.modules[f"flacarray.{name}"] = module
    setattr(sys.modules["flacarray"], name, module)
sys.modules["flacarray"].FlacArray = ours.array.FlacArray


def main():
    names = sys.argv[1:] or ["utils", "array"]
    suite = unittest.TestSuite()
    loader = unittest.TestLoader()
    for name in names:
        tests = importlib.import_module(f"flacarray.tests.{name}")
        suite.addTest(loader.loadTestsFromModule(tests))
    for name in OURS:
        assert sys.modules[f"flacarray.{name}"].__name__ == f"h5flac.flacarray.{name}", name
    result = unittest.TextTestRunner(verbosity=2).run(suite)
    print(f"flacarray-0.4.1-suite ({', '.join(names)}): {result.testsRun - len(result.failures) - len(result.errors)} passed, "
          f"{len(result.failures) + len(result.errors)} failed")
    sys.exit(0 if result.wasSuccessful() else 1)


if __name__ == "__main__":
    main()
