"""Imported by the process every Sphinx run is forked from, while no language is active.

Sphinx translates some labels ("Python Module Index", ...) when their module is first
imported: importing every built-in extension here, before any run, gives every language
the same untranslated start, whichever language a run builds.
"""

from __future__ import annotations

import gc
import importlib
import pkgutil

# Importing makes objects that live as long as the server: collecting while importing
# (about 200 collections at the default threshold) took an eighth of the server's start and
# found nothing to free. Python's documentation recommends exactly this for a process
# that forks: disable early, freeze before forking, collect in the children.
gc.disable()

from sphinx.application import builtin_extensions

for _name in builtin_extensions:
    importlib.import_module(_name)

#: What every run imports besides: MyST's Sphinx side (every document goes through it),
#: and the modules Sphinx loads lazily. Imported once here, not once per run.
LAZY = (
    "myst_parser.sphinx_ext.main", "myst_parser.sphinx_ext.directives",
    "myst_parser.sphinx_ext.myst_refs", "myst_parser.parsers.sphinx_",
    "myst_parser.mdit_to_docutils.transforms", "sphinx.ext.mathjax",
    "sphinx.builders.latex.transforms", "docutils.core", "jinja2.ext", "babel.numbers",
    "pygments.styles.default",
)
for _name in LAZY:
    importlib.import_module(_name)

import meetingdocs.publish.sphinx_run  # what each run executes
import meetingdocs.sphinx_ext  # the extension; its setup() imports each feature module

for _module in pkgutil.iter_modules(meetingdocs.sphinx_ext.__path__):
    importlib.import_module(f"meetingdocs.sphinx_ext.{_module.name}")

# What was imported here lives as long as the server and every run forked from it: out
# of the collector's sight, it is neither scanned by each collection nor copied into a
# run's memory when a collection touches it.
gc.freeze()
gc.enable()  # each run sets its own thresholds (sphinx_run.GC_THRESHOLDS)
