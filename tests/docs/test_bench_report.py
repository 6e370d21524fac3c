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

one thread, medians of 11
h5py 3.16.0 (HDF5 2.0.0), h5flac 0.1.0, hdf5plugin 7.1.0; 64x200000 time-streams, chunks (4, 200000); one thread each

| data | FLAC ratio | FLAC read, own decoder | FLAC read, libFLAC | own / libFLAC | Blosc2 ratio | Blosc2 read | Bitshuffle-LZ4 ratio | Bitshuffle-LZ4 read | pcodec ratio | pcodec decode (memory) |
| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |
| int32 | 0.382 | 809 | 461 | 1.76x | 0.409 | 1119 | 0.419 | 1718 | 0.390 | 2181 |
| float64, quanta 1e-8 | 0.451 | 1139 | 771 | 1.49x | 0.875 | 818 | 0.907 | 1495 | 0.455 | 3233 |
"""

README = """# flacarray

## Size and speed against peers

<!-- bench-summary -->
an old table
<!-- /bench-summary -->

Against Python flacarray ...
"""


def refused(call, words, what):
    """`call` stops the script with a message holding `words`."""
    try:
        call()
    except SystemExit as e:
        assert words in str(e), e
    else:
        raise AssertionError(f"{what} was accepted")


def sections_are_the_titled_parts():
    s = bench_report.sections(LOG)
    assert [t for t, _ in s] == ["The library against Python flacarray 0.4.1",
                                 "Reading: our FLAC decoder"], s
    assert s[0][1] == ["case (a) compress  126 MB/s  161 MB/s"], s[0]
    assert s[1][1][2] == "| int32 | 587 MB/s | 1282 MB/s |", s[1]
    assert s[1][1][4] == "one thread, medians of 11", s[1]


def page_holds_every_line_under_its_title():
    text = bench_report.page(LOG, "abc1234", "2026-12-06")
    assert text.startswith("# Benchmarks (generated)"), text
    assert "commit `abc1234`" in text and "2026-12-06" in text, text
    # Markdown tables stay tables, other lines are preformatted text.
    assert ("## Reading: our FLAC decoder {#reading}\n\n| data | libFLAC | ours |\n| --- | --- | --- |\n"
            "| int32 | 587 MB/s | 1282 MB/s |\n\n```text\none thread, medians of 11\n") in text, text
    assert "```text\ncase (a) compress  126 MB/s  161 MB/s\n```" in text, text
    assert "Compiling" not in text, text


def readme_summary_is_the_reading_table_by_codec():
    lines = bench_report.summary(LOG, "abc1234", "2026-12-06")
    assert lines[0].startswith("Reading through h5py, one thread each (h5py 3.16.0 (HDF5 2.0.0), "
                               "h5flac 0.1.0, hdf5plugin 7.1.0; 64x200000 time-streams, chunks "
                               "(4, 200000))"), lines[0]
    assert "(docs/benchmarks.md#reading)" in lines[0], lines[0]
    assert "2026-12-06, commit `abc1234`" in lines[0], lines[0]
    assert lines[2:] == [
        "| codec | int32: ratio, read | float64, quanta 1e-8: ratio, read |",
        "| --- | --- | --- |",
        "| **flacarray** (ours) | **0.382**, 809 MB/s | **0.451**, 1139 MB/s |",
        "| flacarray with libFLAC's decoder | 0.382, 461 MB/s | 0.451, 771 MB/s |",
        "| Blosc2 zstd + bitshuffle | 0.409, 1119 MB/s | 0.875, 818 MB/s |",
        "| Bitshuffle-LZ4 | 0.419, 1718 MB/s | 0.907, 1495 MB/s |",
        "| pcodec (in memory, no HDF5 filter) | 0.390, 2181 MB/s | 0.455, 3233 MB/s |",
    ], lines[2:]


def readme_gets_the_summary_between_its_markers():
    text = bench_report.with_summary(README, ["new line 1", "new line 2"])
    assert "an old table" not in text, text
    assert ("<!-- bench-summary -->\nnew line 1\nnew line 2\n<!-- /bench-summary -->\n\n"
            "Against Python flacarray ...") in text, text
    refused(lambda: bench_report.with_summary("# no markers\n", ["x"]), "bench-summary",
            "a README without markers")


def anchors_are_the_titles_first_words():
    a = bench_report.anchor
    assert a("The library against Python flacarray 0.4.1") == "the-library"
    assert a("MPI: 1 and 2 ranks against Python flacarray 0.4.1 + mpi4py") == "mpi"
    assert a("Real recordings (seismic, ECG) against pcodec") == "real-recordings"
    assert a("h5flac.flacarray (Python flacarray's API) against flacarray") == "h5flacflacarray"
    refused(lambda: bench_report.page("== MPI: a ==\nx\n== MPI: b ==\ny\n", "c", "d"),
            "one anchor", "two sections with one anchor")


def a_log_without_sections_is_refused():
    refused(lambda: bench_report.page("just build output\n", "x", "y"),
            "not a scripts/bench.sh log", "a log with no section")


check("sections are the titled parts of the log", sections_are_the_titled_parts)
check("the page holds every line under its title", page_holds_every_line_under_its_title)
check("the README's summary is the reading table by codec",
      readme_summary_is_the_reading_table_by_codec)
check("the README gets the summary between its markers", readme_gets_the_summary_between_its_markers)
check("anchors are the titles' first words", anchors_are_the_titles_first_words)
check("a log without sections is refused", a_log_without_sections_is_refused)
finish("bench-report")
