"""The grammatical forms a translator may ask of a data role, in each language.

A role's content is data followed, if the sentence needs it, by a form
(:func:`meetingdocs.un.vocabulary.split_form`): ``{item}`4:genitive``` ("пункта 4"),
``{day}`2020-09-08:on``` ("во вторник, 8 сентября 2020 года"), ``{dates}`2021-05-10/12:
from-to``` ("du 10 au 12 mai 2021"). Which forms a language offers is its pack's data
(``item_forms``, ``weekdays_on``, ``from_to``); this module only says which role reads
which. The catalogue checks report a form the language does not offer; the build writes
the role's usual form in its place and warns.
"""

from __future__ import annotations

from meetingdocs.un.writing import pack


def forms(role: str, lang: str) -> tuple[str, ...]:
    """The forms language ``lang`` offers for the data role ``role`` (may be none)."""
    language = pack(lang)
    if role == "item":
        return tuple(language.labels.item_forms)
    if role == "day":
        return ("on",) if language.dates.weekdays_on else ()
    if role in ("date", "dates"):
        return ("from-to",) if language.lists.from_to else ()
    return ()


def form_problem(role: str, form: str, lang: str) -> str | None:
    """Why ``form`` cannot be written for ``role`` in ``lang``; None if it can."""
    offered = forms(role, lang)
    if not form or form in offered:
        return None
    choice = ", ".join(repr(f) for f in offered) if offered else "none"
    return f"{{{role}}} has no form {form!r} in {lang} (its forms: {choice})"
