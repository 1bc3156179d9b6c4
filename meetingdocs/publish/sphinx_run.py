"""Run Sphinx in this process for one language and builder, with clean per-language state."""

from __future__ import annotations

import re
from pathlib import Path

from meetingdocs.publish.layout import Layout
from meetingdocs.publish.stamps import needs_fresh_environment, record_environment


def run_sphinx(layout: Layout, code: str, builder: str, outdir: Path) -> tuple[bool, str, list[str]]:
    """Run Sphinx in this process; returns success, a summary and the warnings."""
    import gettext
    import importlib
    import io

    from sphinx import locale
    from sphinx.application import Sphinx, _first_party_extensions, builtin_extensions
    from sphinx.errors import SphinxError
    from sphinx.util.docutils import docutils_namespace, patch_docutils

    # Sphinx keeps gettext translators per process, and Python's gettext caches each
    # .mo file by path: one language's catalogues would serve as fallback for the next
    # language built in the same worker, and an edited catalogue would not be seen.
    locale.translators.clear()
    gettext._translations.clear()  # type: ignore[attr-defined]
    # Some Sphinx labels are translated when their module is first imported: import them
    # all while no language is active, or the first language built would keep them.
    for name in (*builtin_extensions, *_first_party_extensions):
        importlib.import_module(name)
    # The gettext builder's environment cannot be shared with HTML and LaTeX.
    doctrees = layout.doctree_dir("gettext" if builder == "gettext" else code)
    fresh = needs_fresh_environment(doctrees)
    status, warning = io.StringIO(), io.StringIO()
    try:
        with patch_docutils(layout.confdir), docutils_namespace():
            app = Sphinx(
                srcdir=layout.srcdir, confdir=layout.confdir, outdir=outdir,
                doctreedir=doctrees, buildername=builder,
                confoverrides={"language": code}, status=status, warning=warning,
                freshenv=fresh, warningiserror=False, keep_going=True,
            )
            app.build()
            ok = app.statuscode == 0
        if ok:
            record_environment(doctrees)
    except SphinxError as exc:
        return False, f"{exc.category}: {exc}", _lines(warning.getvalue())
    except Exception as exc:  # noqa: BLE001 - a crash in one language must not stop the others
        return False, f"{type(exc).__name__}: {exc}", _lines(warning.getvalue())
    return ok, _read_summary(status.getvalue()), _lines(warning.getvalue())


def _read_summary(status: str) -> str:
    """"3 documents read" from Sphinx's "[n] added, [m] changed, [k] removed" line."""
    counts = re.search(r"(\d+) added, (\d+) changed, (\d+) removed", status)
    if not counts:
        return "built"
    read = int(counts.group(1)) + int(counts.group(2))
    return f"{read} document{'s' if read != 1 else ''} read" if read else "nothing to read"


def _lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]
