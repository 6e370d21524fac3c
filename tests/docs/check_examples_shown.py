"""The guide shows the code that runs: a Rust block of a page that stands for an example
program must be, line for line (rustdoc's hidden `# ` lines left out), the part of the program
between its `// guide: begin` and `// guide: end` lines. The program is what CI runs (the
MPI page's example under mpirun, where a doc test cannot go).

    python tests/docs/check_examples_shown.py
"""

import os
import re
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
sys.path.insert(0, os.path.join(ROOT, "tests"))
from checks import check, finish  # noqa: E402

#: (page, the index of its Rust block, the example program it shows)
SHOWN = [("docs/mpi.md", 0, "examples/mpi_guide.rs")]


def rust_blocks(text):
    return re.findall(r"^```rust[^\n]*\n(.*?)^```", text, re.S | re.M)


def visible(block):
    return [line for line in block.splitlines() if not (line == "#" or line.startswith("# "))]


def guide_region(program):
    lines = program.splitlines()
    begin = [i for i, line in enumerate(lines) if line.strip() == "// guide: begin"]
    end = [i for i, line in enumerate(lines) if line.strip() == "// guide: end"]
    if len(begin) != 1 or len(end) != 1 or begin[0] > end[0]:
        raise AssertionError("the program needs one `// guide: begin` and one `// guide: end`")
    region = lines[begin[0] + 1:end[0]]
    indent = min(len(line) - len(line.lstrip()) for line in region if line.strip())
    return [line[indent:] for line in region]


def same(page, index, program):
    def run():
        with open(os.path.join(ROOT, page)) as f:
            shown = visible(rust_blocks(f.read())[index])
        with open(os.path.join(ROOT, program)) as f:
            runs = guide_region(f.read())
        if shown != runs:
            diff = [f"  page: {a!r}\n  program: {b!r}" for a, b in zip(shown, runs) if a != b]
            raise AssertionError(f"{page} block {index} is not {program}'s guide part "
                                 f"({len(shown)} against {len(runs)} lines):\n"
                                 + "\n".join(diff[:3]))
    return run


def a_changed_line_is_found():
    text = "```rust\n# hidden\nlet a = 1;\n```\n"
    program = "fn main() {\n    // guide: begin\n    let a = 2;\n    // guide: end\n}\n"
    assert visible(rust_blocks(text)[0]) != guide_region(program)
    assert visible(rust_blocks(text)[0]) == guide_region(program.replace("2", "1"))


check("a changed line is found", a_changed_line_is_found)
for page, index, program in SHOWN:
    check(f"{page} shows {program}", same(page, index, program))
finish("examples-shown")
