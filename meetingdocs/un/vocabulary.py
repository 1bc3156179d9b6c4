"""The roles of this project whose content is machine data, and what that data is.

Declared once here: the Sphinx extension registers exactly these roles (each setup
function registers those whose content it reads), the catalogue checks require their
content to be copied byte for byte, and the translation memory treats it as data.

A translator may ask for the grammatical form a sentence needs by adding it to the data
after a colon: ``{item}`4:genitive```, ``{day}`2020-09-08:on```, ``{dates}`2021-05-10/12:
from-to```. The data stays what must be copied; the form is the translator's choice
(:func:`split_form`; the forms of each language are in :mod:`meetingdocs.un.forms`).
"""

from __future__ import annotations

import re
from enum import Enum
from types import MappingProxyType


class Content(Enum):
    """What the content of a data role is."""

    SYMBOL = "a United Nations document symbol, e.g. CTOC/COP/WG.7/2020/2"
    ISO_DATES = "an ISO 8601 date or meeting dates, e.g. 2020-09-08 or 2020-09-08/09"
    ISO_TIME = "an ISO 8601 time or time range, e.g. 10:00 or 10:00-13:00"
    AGENDA_KEY = "an agenda item key, e.g. 1 or 1a"


#: Role name -> what its content is.
DATA_ROLES = MappingProxyType({
    "symbol": Content.SYMBOL,
    "date": Content.ISO_DATES,
    "dates": Content.ISO_DATES,
    "day": Content.ISO_DATES,
    "time": Content.ISO_TIME,
    "item": Content.AGENDA_KEY,
    "agenda-title": Content.AGENDA_KEY,
})


def roles_holding(*contents: Content) -> tuple[str, ...]:
    """The data roles whose content is one of ``contents``, in table order."""
    return tuple(name for name, content in DATA_ROLES.items() if content in contents)


#: A grammatical form after the data: lower-case letters and hyphens ("10:00" is a time).
_FORM_RE = re.compile(r":(?P<form>[a-z][a-z-]*)$")


def split_form(content: str) -> tuple[str, str]:
    """A data role's content as (data, form): ``4:genitive`` -> (``4``, ``genitive``);
    without a form, (content, "")."""
    match = _FORM_RE.search(content)
    return (content[: match.start()], match.group("form")) if match else (content, "")
