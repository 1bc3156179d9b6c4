"""Check and parse a language's catalogues in the build's own process while the Sphinx
server starts.

A Sphinx run cannot begin before the server it is forked from has imported Sphinx, MyST
and this package (:mod:`meetingdocs.publish.preload`), most of a second during which this
process only waits. The first thing the run then does is to read, parse and compile the
language's catalogues and check them (:mod:`meetingdocs.sphinx_ext.catalogs`,
:mod:`meetingdocs.sphinx_ext.guard`): at fifty documents, most of a second again. Done
here meanwhile, the run finds them checked in the guard's memo and is handed the parses.

Nothing is trusted that the run does not verify: the run still reads every catalogue
itself, takes a memo entry only for the bytes, checks' code, settings and glossary it
has now, and a parse only for exactly the bytes it read. A failure here (a refused
catalogue, an unreadable one) is left for the run, which reports it with its file and line.
"""

from __future__ import annotations

from meetingdocs import languages
from meetingdocs.publish.layout import Layout, markdown_config, read_config


def check_ahead(layout: Layout, code: str) -> dict[bytes, bytes]:
    """Check the catalogues of ``code`` into its memo; returns their parses (bytes ->
    :func:`~meetingdocs.i18n.poread.parsed_form`) for the run to take."""
    if code == languages.SOURCE_LANGUAGE:
        return {}
    from meetingdocs.i18n.poread import PoSyntaxError, parsed_form
    from meetingdocs.sphinx_ext.catalogs import read_catalogues
    from meetingdocs.sphinx_ext.guard import check_catalogues

    try:
        config = read_config(layout.confdir)
        records = read_catalogues(layout.srcdir.resolve(), list(config.locale_dirs), code,
                                  config.source_encoding)
        glossary = (layout.confdir / config.meetingdocs_glossary
                    if config.meetingdocs_glossary else None)
        check_catalogues(layout.doctree_dir(code), records, language=code,
                         markdown=markdown_config(config),
                         blocking=config.meetingdocs_blocking, glossary_path=glossary)
    except Exception:  # noqa: BLE001 - the run does it all again and reports what fails
        return {}
    parses = {}
    for record in records:
        try:
            parses[record.data] = parsed_form(record.data)
        except PoSyntaxError:
            continue
    return parses
