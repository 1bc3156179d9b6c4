"""The words of the site search in a language: the search box and the search page.

They come from the language's pack (its ``[search]`` table); ``{query}`` and ``{count}``
are filled in by the page's script.
"""

from __future__ import annotations

from dataclasses import asdict

from meetingdocs.languages.schema import Search
from meetingdocs.un.writing import pack


def search_words(lang: str) -> Search:
    """The search words of ``lang`` (a language code)."""
    return pack(lang).search


def as_dict(words: Search) -> dict[str, str]:
    """The words as the page template and script read them."""
    return asdict(words)
