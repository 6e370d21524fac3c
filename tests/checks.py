"""Counting checks for the Python test scripts under tests/ (cli/, python/, filter/, wheel/):
each check prints `ok` or `FAIL` with what went wrong, and `finish` prints the suite's line
`<suite>: N passed, M failed` and exits 1 if any failed. The standard library only, so that
every virtualenv of the suite can import it (scripts insert this folder into sys.path)."""

import glob
import os
import sys
import traceback

RESULTS = {"passed": 0, "failed": 0}


def check(name, fn):
    """Run one test function; count it, and show the traceback of a failure."""
    try:
        fn()
        RESULTS["passed"] += 1
    except Exception:
        RESULTS["failed"] += 1
        print(f"FAIL {name}")
        traceback.print_exc()


def check_that(name, ok, detail=""):
    """Count one condition; a failure prints `detail` (cut at 2000 characters)."""
    if ok:
        RESULTS["passed"] += 1
        print(f"ok   {name}")
    else:
        RESULTS["failed"] += 1
        print(f"FAIL {name} {str(detail)[:2000]}")


def finish(suite):
    print(f"{suite}: {RESULTS['passed']} passed, {RESULTS['failed']} failed")
    sys.exit(1 if RESULTS["failed"] else 0)


def check_files(pattern, one, suite):
    """`one(path)` for each file matching `pattern` (there must be some), then `finish`."""
    files = sorted(glob.glob(pattern))
    if not files:
        sys.exit(f"no files match {pattern}")
    for path in files:
        check(os.path.basename(path), lambda: one(path))
    finish(suite)
