"""Translators' material: the PO model, merge, checks, memory, XLIFF and statistics.

No Sphinx application here: these modules read and write catalogues and compare texts.
They may use :mod:`meetingdocs.un` and :mod:`meetingdocs.languages`, nothing above.
"""
