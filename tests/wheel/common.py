"""Helpers shared by the h5flac wheel tests (run from a virtualenv holding only the wheel and
its clients from PyPI) and tests/filter/test_h5py.py: numpy and the standard library only."""

import os
import subprocess
import sys

import numpy as np

# The counting checks every Python test script shares (tests/checks.py).
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from checks import RESULTS, check, check_that, finish  # noqa: E402,F401


def run(*args, env=None, ok=True):
    """Run a command; its output, raising if it fails (or succeeds) unexpectedly."""
    r = subprocess.run(args, capture_output=True, text=True, env=env)
    if ok and r.returncode != 0:
        raise AssertionError(f"{args} exited {r.returncode}:\n{r.stdout}\n{r.stderr}")
    if not ok and r.returncode == 0:
        raise AssertionError(f"{args} should have failed:\n{r.stdout}\n{r.stderr}")
    return r


def env_with(**extra):
    """This process's environment without HDF5_PLUGIN_PATH, plus `extra`."""
    env = {k: v for k, v in os.environ.items() if k != "HDF5_PLUGIN_PATH"}
    env.update(extra)
    return env


def data(dtype, shape, seed=0):
    """Time-stream-like values of `dtype`: a sine with noise, extremes included for ints."""
    rng = np.random.default_rng(seed)
    dt = np.dtype(dtype)
    t = np.arange(shape[-1])
    wave = np.sin(2 * np.pi * t / 977.0) + 0.05 * rng.normal(size=shape)
    if dt.kind == "f":
        return (wave * 10).astype(dt)
    info = np.iinfo(dt)
    span = (float(info.max) - float(info.min)) * 0.45
    mid = (float(info.max) + float(info.min)) / 2
    out = np.clip(np.round(mid + wave * span / 1.2), info.min, info.max).astype(dt)
    out.flat[0] = info.min
    out.flat[-1] = info.max
    return out
