extensions = ["meetingdocs"]
root_doc = "index"
source_suffix = {".md": "markdown"}
html_theme = "unpage"
