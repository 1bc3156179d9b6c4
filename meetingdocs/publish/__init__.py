"""Publishing a collection: layout, stamps, worker processes, LaTeX runs and the site pages.

Drives Sphinx (:mod:`meetingdocs.sphinx_ext`) from outside; the ``meetingdocs`` command
(:mod:`meetingdocs.cli`) sits on top of it.
"""
