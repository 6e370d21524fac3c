"""scripts/bench_report.py on a log of the shape scripts/bench.sh prints.

    python tests/docs/test_bench_report.py
"""

import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "scripts"))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import bench_report  # noqa: E402
from checks import check, finish  # noqa: E402

LOG = """   Compiling flacarray v0.1.0
setup: nothing to install
== The library against Python flacarray 0.4.1 ==
case (a) compress  126 MB/s  161 MB/s

== Reading: our FLAC decoder ==
| data | libFLAC | ours |
| --- | --- | --- |
| int32 | 587 MB/s | 1282 MB/s |
"""


def sections_are_the_titled_parts():
    s = bench_report.sections(LOG)
    assert [t for t, _ in s] == ["The library against Python flacarray 0.4.1",
                                 "Reading: our FLAC decoder"], s
    assert s[0][1] == ["case (a) compress  126 MB/s  161 MB/s"], s[0]
    assert s[1][1][-1] == "| int32 | 587 MB/s | 1282 MB/s |", s[1]


def page_holds_every_line_under_its_title():
    text = bench_report.page(LOG, "abc1234", "2026-12-06")
    assert text.startswith("# Benchmarks (generated)"), text
    assert "commit `abc1234`" in text and "2026-12-06" in text, text
    assert "## Reading: our FLAC decoder\n\n```text\n| data | libFLAC | ours |" in text, text
    assert "Compiling" not in text, text


def a_log_without_sections_is_refused():
    try:
        bench_report.page("just build output\n", "x", "y")
    except SystemExit as e:
        assert "not a scripts/bench.sh log" in str(e), e
    else:
        raise AssertionError("accepted a log with no section")


check("sections are the titled parts of the log", sections_are_the_titled_parts)
check("the page holds every line under its title", page_holds_every_line_under_its_title)
check("a log without sections is refused", a_log_without_sections_is_refused)
finish("bench-report")
