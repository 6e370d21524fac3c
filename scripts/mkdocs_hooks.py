"""MkDocs hook for the user guide: in ```rust blocks, drop the lines rustdoc hides (`# ...`
and a lone `#`), which set up the examples that run as doc tests (src/lib.rs includes the
guide's pages), so the site shows what rustdoc shows."""

import re

_RUST_BLOCK = re.compile(r"^```rust[^\n]*\n(.*?)^```", re.S | re.M)


def _visible(block):
    lines = block.group(1).split("\n")
    kept = [line for line in lines if not (line == "#" or line.startswith("# "))]
    return "```rust\n" + "\n".join(kept) + "```"  # rustdoc's attributes (no_run) dropped too


def on_page_markdown(markdown, **kwargs):
    return _RUST_BLOCK.sub(_visible, markdown)
