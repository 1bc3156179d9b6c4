"""Sphinx configuration of the collection; everything per language comes from meetingdocs."""

project = "United Nations meeting documents"
author = "United Nations"
copyright = "United Nations"  # noqa: A001 - Sphinx's name for the setting

extensions = ["meetingdocs"]

root_doc = "index"
source_suffix = {".md": "markdown"}
exclude_patterns = ["_build", "**/_*"]

# Catalogues: one per document, beside the sources (relative to docs/).
locale_dirs = ["../locale"]
gettext_compact = False
gettext_uuid = False
gettext_location = True
gettext_last_translator = "United Nations"
gettext_language_team = "United Nations"

# The terms every translation must use (checked by 'make check'; relative to this folder).
meetingdocs_glossary = "glossary/ctoc.tbx"

myst_enable_extensions = ["colon_fence"]
suppress_warnings = ["myst.header"]

html_theme = "unpage"
html_title = "United Nations"
html_show_sourcelink = False
html_copy_source = False
html_use_index = False
html_domain_indices = False
html_permalinks = False
html_last_updated_fmt = None
