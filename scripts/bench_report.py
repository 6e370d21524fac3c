"""The guide's benchmark page from one run of scripts/bench.sh: every section of the run's
output (`== title ==` lines start them) under its title, as printed, with when, where and on
which commit it ran. Nothing in the page is typed by hand.

    python scripts/bench_report.py BENCH_LOG OUT.md [COMMIT]
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
    for title, lines in found:
        parts += ["", f"## {title}", "", "```text", *lines, "```"]
    return "\n".join(parts) + "\n"


def main():
    log_path, out_path = sys.argv[1], sys.argv[2]
    commit = sys.argv[3] if len(sys.argv) > 3 else "unknown"
    with open(log_path) as f:
        log = f.read()
    when = datetime.date.today().isoformat()
    with open(out_path, "w") as f:
        f.write(page(log, commit, when))
    print(f"bench_report: {len(sections(log))} sections into {out_path}")


if __name__ == "__main__":
    main()
