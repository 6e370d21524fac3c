"""Runs the code examples of Markdown pages as a user would, each in a fresh folder of its
own, without HDF5_PLUGIN_PATH: with --python every ```python block, with this virtualenv's
Python; with --mpi every ```sh block that starts with `mpirun`, under mpirun with this Python.
With --plugin, HDF5_PLUGIN_PATH is h5flac's plugin folder instead (the pages' examples of
the bare plugin say they need it). A block that fails fails the run, with its text and its
error.

With --sh, every other ```sh block, by bash with this virtualenv first on PATH (so `python`
and `pip` are its own). Each says where it runs in an HTML comment on the line before it,
which the guide's pages do not show:

    <!-- example: run in a folder with in.h5 tod.h5 in.nc -->   a fresh folder holding those
        files (FIXTURES below) and `target/release`, a link to the repository's build output
        (the examples say `$PWD/target/release` as a user in the repository would)
    <!-- example: run in the repository -->   from the repository's root (its build
        commands and scripts; `scripts/test.sh` itself is left out: it is what runs this)
    <!-- example: not run: REASON -->   shown, not run; the reason is printed

An ```sh block with none of these fails the run, so that no new example goes untested by
accident.

    python run_doc_examples.py [--python] [--mpi] [--sh] [--plugin] PAGE.md [PAGE.md ...]
"""

import os
import re
import subprocess
import sys
import tempfile


REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
MARKER = re.compile(r"<!-- example: (.*?) -->\s*$")


def blocks(page):
    """(language, code, marker) of each fenced block; the marker is the text of an
    `<!-- example: ... -->` comment on the last non-blank line before the block, or None."""
    text = open(page).read()
    for m in re.finditer(r"^```(\w+)\n(.*?)^```", text, re.S | re.M):
        before = text[: m.start()].rstrip().rsplit("\n", 1)[-1]
        marker = MARKER.search(before)
        yield m.group(1), m.group(2), marker.group(1) if marker else None


def fixture_in_h5(path):
    """An HDF5 file as a user has before compressing: int32 time-streams in dataset `tod`."""
    import h5py
    import numpy as np

    x = np.cumsum(np.random.default_rng(1).integers(-40, 41, (4, 200_000)), axis=1)
    with h5py.File(path, "w") as f:
        f.create_dataset("tod", data=x.astype(np.int32), chunks=(4, 50_000))


def fixture_tod_h5(path):
    """A file h5flac wrote: dataset `tod` with the FLAC filter."""
    import h5flac
    import h5py
    import numpy as np

    x = np.cumsum(np.random.default_rng(2).integers(-40, 41, (4, 1000)), axis=1)
    with h5py.File(path, "w") as f:
        f.create_dataset("tod", data=x.astype(np.int32), chunks=(4, 1000),
                         compression=h5flac.FLAC())


def fixture_in_nc(path):
    """A netCDF-4 file with an integer variable `counts` (det, time)."""
    import netCDF4
    import numpy as np

    with netCDF4.Dataset(path, "w") as f:
        f.createDimension("det", 4)
        f.createDimension("time", 20_000)
        v = f.createVariable("counts", "i4", ("det", "time"), chunksizes=(4, 20_000))
        v[:] = np.cumsum(np.random.default_rng(3).integers(-9, 10, (4, 20_000)), axis=1)


FIXTURES = {"in.h5": fixture_in_h5, "tod.h5": fixture_tod_h5, "in.nc": fixture_in_nc}


def sh_setup(marker, folder):
    """Where an ```sh block runs, from its marker: `folder` made ready (its fixtures and the
    `target/release` link) or the repository, else the reason it is not run; raises for a
    block without a marker this runner knows."""
    if marker is None:
        raise ValueError("an sh block without an `<!-- example: ... -->` line before it")
    if marker.startswith("not run: "):
        return marker[len("not run: "):]
    if marker == "run in the repository":
        return REPO
    m = re.fullmatch(r"run in a folder with (.+)", marker)
    if not m:
        raise ValueError(f"an example marker this runner does not know: {marker!r}")
    for name in m.group(1).split():
        if name not in FIXTURES:
            raise ValueError(f"no fixture {name!r} (there are {sorted(FIXTURES)})")
        FIXTURES[name](os.path.join(folder, name))
    os.makedirs(os.path.join(folder, "target"))
    os.symlink(os.path.join(REPO, "target", "release"), os.path.join(folder, "target", "release"))
    return folder


def without_the_suite(code):
    """The block without `scripts/test.sh`: the suite that runs these examples."""
    return "\n".join(line for line in code.splitlines()
                     if not line.strip().startswith("scripts/test.sh"))


def command(lang, code, python, mpi):
    """The command line that runs a Python or mpirun block, or None for a block that is not
    run that way."""
    if lang == "python" and python:
        return [sys.executable, "-c", code]
    if lang == "sh" and mpi and code.startswith("mpirun"):
        line = code.replace("\\\n", " ")
        m = re.match(r'mpirun -n (\d+) python -c "(.*)"\s*$', line, re.S)
        assert m, f"an mpirun example this runner cannot read:\n{code}"
        return ["mpirun", "--allow-run-as-root", "--oversubscribe", "-n", m.group(1),
                sys.executable, "-c", m.group(2)]
    return None


def main():
    args = sys.argv[1:]
    python, mpi, sh = "--python" in args, "--mpi" in args, "--sh" in args
    pages = [a for a in args if not a.startswith("--")]
    env = {k: v for k, v in os.environ.items() if k != "HDF5_PLUGIN_PATH"}
    env["PATH"] = os.path.dirname(sys.executable) + os.pathsep + env.get("PATH", "")
    if "--plugin" in args:
        import h5flac

        env["HDF5_PLUGIN_PATH"] = h5flac.PLUGIN_PATH
    passed = failed = 0
    for page in pages:
        for i, (lang, code, marker) in enumerate(blocks(page)):
            what = f"{os.path.basename(page)} block {i} ({lang})"
            with tempfile.TemporaryDirectory() as folder:
                cwd = folder
                cmd = command(lang, code, python, mpi)
                if cmd is None and sh and lang == "sh" and not code.startswith("mpirun"):
                    try:
                        where = sh_setup(marker, folder)
                    except ValueError as e:
                        failed += 1
                        print(f"FAIL {what}: {e}\n{code}")
                        continue
                    if where not in (folder, REPO):
                        print(f"not run {what}: {where}")
                        continue
                    cwd = where
                    cmd = ["bash", "-euo", "pipefail", "-c", without_the_suite(code)]
                if cmd is None:
                    continue
                r = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True,
                                   timeout=900)
            if r.returncode == 0:
                passed += 1
                print(f"ok   {what}")
            else:
                failed += 1
                print(f"FAIL {what}\n{code}\n{r.stdout}\n{r.stderr}")
    print(f"doc-examples: {passed} passed, {failed} failed")
    if failed or not passed:
        sys.exit(1)


if __name__ == "__main__":
    main()
