"""The guide's benchmark page from one run of scripts/bench.sh: every section of the run's
output (`== title ==` lines start them) under its title, as printed, with when, where and on
which commit it ran. Lines the scripts print as Markdown tables (`| ... |`) become tables,
everything else stays preformatted text. The README's summary table (between its
`<!-- bench-summary -->` and `<!-- /bench-summary -->` lines) is made from the same run's
reading table. Nothing in either is typed by hand.

    python scripts/bench_report.py BENCH_LOG OUT.md README.md [COMMIT]
"""

import datetime
import os
import platform
import re
import sys


def sections(log):
    """(title, lines) for each `== title ==` section of a bench.sh log, in order; what comes
    before the first title (build output) is left out."""
    out, title, lines = [], None, []
    for line in log.splitlines():
        m = re.fullmatch(r"== (.+) ==", line.strip())
        if m:
            if title is not None:
                out.append((title, lines))
            title, lines = m.group(1), []
        elif title is not None:
            lines.append(line.rstrip())
    if title is not None:
        out.append((title, lines))
    return [(t, _trim(ls)) for t, ls in out]


def _trim(lines):
    while lines and not lines[0]:
        lines = lines[1:]
    while lines and not lines[-1]:
        lines = lines[:-1]
    return lines


def _cpu():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def page(log, commit, when):
    parts = [
        "# Benchmarks (generated)",
        "",
        f"The output of one run of `scripts/bench.sh` on {when}, commit `{commit}`, "
        f"{os.cpu_count()} cores ({_cpu()}), written into this page by "
        "`scripts/bench_report.py`; run `BENCH_REPORT=1 scripts/bench.sh` to make it again. "
        "Each section says how many threads each side used.",
    ]
    found = sections(log)
    if not found:
        raise SystemExit("no `== title ==` section in the log: not a scripts/bench.sh log")
    anchors = [anchor(t) for t, _ in found]
    if len(set(anchors)) != len(anchors):
        raise SystemExit(f"two sections of the log have one anchor: {anchors}")
    for title, lines in found:
        parts += ["", f"## {title} {{#{anchor(title)}}}"]
        for is_table, run in _runs(lines):
            parts += ["", *run] if is_table else ["", "```text", *run, "```"]
    return "\n".join(parts) + "\n"


def _runs(lines):
    """The lines as (is_table, lines) runs: Markdown table rows together, the rest together,
    blank lines at a run's ends dropped."""
    out = []
    for line in lines:
        is_table = line.startswith("|") and line.endswith("|")
        if out and out[-1][0] == is_table:
            out[-1][1].append(line)
        else:
            out.append((is_table, [line]))
    trimmed = [(t, _trim(run)) for t, run in out]
    return [(t, run) for t, run in trimmed if run]


#: The reading table of scripts/bench_read.py starts so; the README's summary is made from it.
READ_TABLE = "| data | FLAC ratio | FLAC read, own decoder |"
#: The summary's rows: each codec's name and its ratio and speed columns in the reading table.
SUMMARY_ROWS = [
    ("**flacarray** (ours)", "FLAC ratio", "FLAC read, own decoder"),
    ("flacarray with libFLAC's decoder", "FLAC ratio", "FLAC read, libFLAC"),
    ("Blosc2 zstd + bitshuffle", "Blosc2 ratio", "Blosc2 read"),
    ("Bitshuffle-LZ4", "Bitshuffle-LZ4 ratio", "Bitshuffle-LZ4 read"),
    ("pcodec (in memory, no HDF5 filter)", "pcodec ratio", "pcodec decode (memory)"),
]


def _cells(row):
    return [c.strip() for c in row.strip().strip("|").split("|")]


def summary(log, commit, when):
    """The README's summary: the reading table turned to one row a codec, one column a data
    set (ratio, read MB/s), with where it comes from."""
    for title, lines in sections(log):
        at = [i for i, line in enumerate(lines) if line.startswith(READ_TABLE)]
        if at:
            break
    else:
        raise SystemExit(f"no reading table (a row starting {READ_TABLE!r}) in the log")
    rows = []
    for line in lines[at[0]:]:
        if not line.startswith("|"):
            break
        rows.append(line)
    # The line the script prints above its table: versions; data and chunks; threads.
    context = next((line for line in reversed(lines[:at[0]]) if line.strip()), "")
    what = "; ".join(context.split("; ")[:2])
    header = _cells(rows[0])
    sets = [dict(zip(header, _cells(r))) for r in rows[2:]]
    out = [
        f"Reading through h5py, one thread each ({what}): ratio = compressed / raw size, MB/s "
        f"of raw data, medians. From [the benchmarks](docs/benchmarks.md#{anchor(title)}) "
        f"(`BENCH_REPORT=1 scripts/bench.sh`, {when}, commit `{commit}`).",
        "",
        "| codec | " + " | ".join(f"{d['data']}: ratio, read" for d in sets) + " |",
        "| --- |" + " --- |" * len(sets),
    ]
    for i, (name, ratio, speed) in enumerate(SUMMARY_ROWS):
        bold = (lambda v: f"**{v}**") if i == 0 else (lambda v: v)
        cells = [f"{bold(d[ratio])}, {d[speed]} MB/s" for d in sets]
        out.append(f"| {name} | " + " | ".join(cells) + " |")
    return out


def anchor(title):
    """A section's anchor on the page: its title up to " against ", ":" or " (", as MkDocs
    would make it (`The library against Python flacarray 0.4.1` -> `the-library`), short and
    kept when the rest of the title changes; the guide's pages link to these."""
    short = re.split(r" against |:| \(", title, maxsplit=1)[0]
    text = re.sub(r"[^\w\s-]", "", short).strip().lower()
    return re.sub(r"[-\s]+", "-", text)


def with_summary(readme, lines):
    """The README text with its summary lines between the markers replaced."""
    start, end = "<!-- bench-summary -->\n", "<!-- /bench-summary -->\n"
    if readme.count(start) != 1 or readme.count(end) != 1:
        raise SystemExit("the README needs one `<!-- bench-summary -->` and one "
                         "`<!-- /bench-summary -->` line")
    head, rest = readme.split(start)
    _, tail = rest.split(end)
    return head + start + "\n".join(lines) + "\n" + end + tail


def main():
    log_path, out_path, readme_path = sys.argv[1:4]
    commit = sys.argv[4] if len(sys.argv) > 4 else "unknown"
    with open(log_path) as f:
        log = f.read()
    when = datetime.date.today().isoformat()
    text = page(log, commit, when)
    with open(readme_path) as f:
        readme = with_summary(f.read(), summary(log, commit, when))
    with open(out_path, "w") as f:
        f.write(text)
    with open(readme_path, "w") as f:
        f.write(readme)
    print(f"bench_report: {len(sections(log))} sections into {out_path}, the summary into "
          f"{readme_path}")


if __name__ == "__main__":
    main()
