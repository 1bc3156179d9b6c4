"""A local server that rebuilds the site in place as sources and catalogues change.

A layer above :mod:`meetingdocs.publish` (whose layout, stamps and builds it reuses) and
below :mod:`meetingdocs.cli`; entry point :func:`meetingdocs.serve.service.serve`.
"""
