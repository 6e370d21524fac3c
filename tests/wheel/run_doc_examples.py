"""Runs the code examples of Markdown pages as a user would, each in a fresh folder of its
own, without HDF5_PLUGIN_PATH: with --python every ```python block, with this virtualenv's
Python; with --mpi every ```sh block that starts with `mpirun`, under mpirun with this Python.
With --plugin, HDF5_PLUGIN_PATH is h5flac's plugin folder instead (the pages' examples of
the bare plugin say they need it). A block that fails fails the run, with its text and its
error.

    python run_doc_examples.py [--python] [--mpi] [--plugin] PAGE.md [PAGE.md ...]
"""

import os
import re
import subprocess
import sys
import tempfile


def blocks(page):
    text = open(page).read()
    for lang, code in re.findall(r"^```(\w+)\n(.*?)^```", text, re.S | re.M):
        yield lang, code


def command(lang, code, python, mpi):
    """The command line that runs a block, or None for a block that is not run here."""
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
    python, mpi = "--python" in args, "--mpi" in args
    pages = [a for a in args if not a.startswith("--")]
    env = {k: v for k, v in os.environ.items() if k != "HDF5_PLUGIN_PATH"}
    if "--plugin" in args:
        import h5flac

        env["HDF5_PLUGIN_PATH"] = h5flac.PLUGIN_PATH
    passed = failed = 0
    for page in pages:
        for i, (lang, code) in enumerate(blocks(page)):
            cmd = command(lang, code, python, mpi)
            if cmd is None:
                continue
            with tempfile.TemporaryDirectory() as folder:
                r = subprocess.run(cmd, cwd=folder, env=env, capture_output=True, text=True,
                                   timeout=600)
            what = f"{os.path.basename(page)} block {i} ({lang})"
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
