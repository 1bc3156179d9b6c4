"""Bounded reading of the authors' files: the sources and what they include.

Sphinx and MyST read a source, and a file it includes (``{include}``,
``{literalinclude}``, rST ``.. include::`` inside ``{eval-rst}``), whole and without
asking what it is: an include of ``/dev/zero`` took gigabytes of memory before failing,
and a source that is a link to a device never ends. Before anything is read, each source
and each file a source includes must be a regular file of at most
:data:`~meetingdocs.i18n.inputs.MAX_INPUT_BYTES` (the limit of the translators' files),
and an included file must lie inside the collection's folder. Otherwise the mistake is
recorded with the file and line (:mod:`meetingdocs.sphinx_ext.mistakes`) and nothing of
that file is read.

The includes are found the way MyST finds them: in MyST's own token stream
(:func:`meetingdocs.i18n.mdtokens.structure`, with the build's own parser settings), inside
directives too; a file included by an included file is checked when Sphinx hands over
its text (``include-read``), before it is parsed.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path
from typing import TYPE_CHECKING

from meetingdocs.i18n.inputs import MAX_INPUT_BYTES
from meetingdocs.i18n.mdtokens import structure
from meetingdocs.sphinx_ext.mistakes import MISTAKES

if TYPE_CHECKING:
    from myst_parser.config.main import MdParserConfig
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

#: The directives that read a file named by their argument.
READING = frozenset({"include", "literalinclude"})
_RST_INCLUDE = re.compile(r"^\s*\.\.\s+(include|literalinclude)::\s*(?P<path>\S.*?)\s*$",
                          re.MULTILINE)


def file_problem(path: Path) -> str:
    """Why ``path`` may not be read ("" if it may): not a file, not regular, too large."""
    try:
        info = os.stat(path)
    except OSError as exc:
        return f"{path} cannot be read ({exc.strerror})"
    if not stat.S_ISREG(info.st_mode):
        return f"{path} is not a regular file; it was not read"
    if info.st_size > MAX_INPUT_BYTES:
        return (f"{path} is {info.st_size:,} bytes, more than the {MAX_INPUT_BYTES:,} bytes "
                "accepted; it was not read")
    return ""


def included(text: str, app: Sphinx) -> list[tuple[int, str]]:
    """Each file ``text`` includes: (line, argument as written)."""
    if "include" not in text:  # every name that includes a file has it: nothing to parse
        return []
    found: list[tuple[int, str]] = []
    _find(text, app.env.myst_config, 0, found)
    return found


def _find(text: str, config: MdParserConfig, offset: int,
          found: list[tuple[int, str]]) -> None:
    for fence in structure(text, config).fences:
        name, _, argument = fence.info.strip().removeprefix("{").partition("}")
        line = offset + fence.line
        if name in READING and argument.strip():
            found.append((line, argument.strip()))
        elif name == "eval-rst":
            found += [(line + fence.content.count("\n", 0, m.start()) + 1, m["path"])
                      for m in _RST_INCLUDE.finditer(fence.content)]
        elif fence.content:
            _find(fence.content, config, line, found)


def _refuse(app: Sphinx, docname: str, source: str, text: str) -> bool:
    """Record every include of ``text`` (from ``source``) that may not be read."""
    env = app.env
    root = Path(app.confdir).resolve()
    problems = []
    for line, argument in included(text, app):
        if argument.startswith("<") and argument.endswith(">"):
            continue  # docutils' own files (``<isonum.txt>``)
        _, absolute = env.relfn2path(argument, docname)
        path = Path(os.path.normpath(absolute))
        problem = file_problem(path)
        if not problem and not path.resolve().is_relative_to(root):
            problem = (f"{argument} is outside the collection's folder; a source includes "
                       "only the collection's own files")
        if problem:
            problems.append(f"{source}:{line}: include: {problem}")
    MISTAKES.of(env).setdefault(docname, []).extend(problems)
    return bool(problems)


def check_sources(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """``env-before-read-docs``: a source that may not be read is not read."""
    for docname in list(docnames):
        path = Path(env.doc2path(docname))
        problem = file_problem(path)
        if problem:
            MISTAKES.of(env).setdefault(docname, []).append(f"{path}:0: {problem}")
            docnames.remove(docname)


def check_includes(app: Sphinx, docname: str, source: list[str]) -> None:
    """``source-read``: a source that includes a file that may not be read is read as
    empty (the mistake stops the build once every source is read)."""
    if _refuse(app, docname, str(app.env.doc2path(docname)), source[0]):
        source[0] = ""


def check_nested_includes(app: Sphinx, relative_path: Path, parent_docname: str,
                          content: list[str]) -> None:
    """``include-read``: the same for what an included file includes."""
    if _refuse(app, parent_docname, str(relative_path), content[0]):
        content[0] = ""


def setup_sources(app: Sphinx) -> None:
    app.connect("env-before-read-docs", check_sources)
    app.connect("source-read", check_includes)
    app.connect("include-read", check_nested_includes)
