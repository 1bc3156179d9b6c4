"""United Nations editorial rules: dates, wording, labels, symbols, ISO input. Pure, no Sphinx.

Lowest layer but the language packs: imports nothing of the project above
:mod:`meetingdocs.languages`.
"""
