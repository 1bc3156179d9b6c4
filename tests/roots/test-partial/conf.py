extensions = ["meetingdocs"]
root_doc = "index"
source_suffix = {".md": "markdown"}
locale_dirs = ["locale"]
gettext_compact = False
myst_enable_extensions = ["colon_fence"]
html_theme = "unpage"
