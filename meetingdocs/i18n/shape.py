"""Compare what MyST makes of a msgstr with what it makes of its msgid.

A translation may change words, never structure: the blocks (one paragraph stays one
paragraph: a second block after a blank line, a list or a table where the English has a
paragraph are refused), directives and their options, roles (machine data byte for byte,
other roles by target), link and image targets, link reference definitions, inline code,
footnote references and any other construct MyST parses. The shapes come from
:mod:`meetingdocs.i18n.mdtokens`, that is from MyST's own parser with the build's settings.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from myst_parser.config.main import MdParserConfig

from meetingdocs.i18n.findings import Problem
from meetingdocs.i18n.mdtokens import Inline, Structure, describe_blocks, structure
from meetingdocs.un.symbols import fold_lookalikes
from meetingdocs.un.vocabulary import DATA_ROLES, split_form

#: Roles of this project whose content is machine data, to be copied byte for byte.
MACHINE_ROLES = frozenset(DATA_ROLES)
#: Standard roles whose whole content is translatable text (no target).
TEXT_ROLES = frozenset(
    {"abbr", "sub", "sup", "subscript", "superscript", "guilabel", "menuselection"}
)

_EXPLICIT_TARGET_RE = re.compile(r"(?s)(.*?\S)\s*<([^<>]+)>\s*")


def role_key(name: str, body: str) -> tuple[str, str]:
    """What of a role must survive translation: its machine data (the form a translator
    chose aside) or its target."""
    if name in MACHINE_ROLES:
        data, _form = split_form(body)
        return name, fold_lookalikes(data)
    if name in TEXT_ROLES:
        return name, ""
    explicit = _EXPLICIT_TARGET_RE.fullmatch(body)
    return name, (explicit.group(2) if explicit else body).strip()


def shape_problems(msgid: str, msgstr: str, config: MdParserConfig | None = None,
                   *, injections_only: bool = False) -> list[Problem]:
    """Every construct MyST finds in ``msgstr`` that it does not find in ``msgid``.

    With ``injections_only`` (a fuzzy entry, whose English changed since), only what the
    translation adds is reported, roles and code aside.
    """
    source, target = structure(msgid, config), structure(msgstr, config)
    problems = [*_directive_problems(source, target), *_block_problems(source, target)]
    problems += _definition_problems(source, target)
    if injections_only:
        return problems + _added_targets(source, target)
    return problems + [
        *role_problems(_roles(source), _roles(target)),
        *_parity("link-target", "link target", _targets(source), _targets(target)),
        *_parity("inline-code", "inline code", _of(source, "code_inline"),
                 _of(target, "code_inline")),
        *_other_problems(source, target),
    ]


def _roles(shape: Structure) -> list[tuple[str, str]]:
    return [(i.name, i.content) for i in shape.inline if i.kind == "myst_role"]


def _targets(shape: Structure) -> list[str]:
    return [("image " if i.kind == "image" else "") + i.name
            for i in shape.inline if i.kind in ("link_open", "image")]


def _of(shape: Structure, kind: str) -> list[str]:
    return [i.content for i in shape.inline if i.kind == kind]


def _directive_problems(source: Structure, target: Structure) -> list[Problem]:
    wanted, found = Counter(source.directives), Counter(target.directives)
    names = Counter(info for info, _ in source.directives)
    problems = []
    for info, _content in sorted((found - wanted).elements()):
        if names[info]:
            names[info] -= 1
            message = f"the directive {info!r} was changed (its options or content); copy it"
        else:
            message = f"the translation adds the directive {info!r}, which the English lacks"
        problems.append(("new-directive", message))
    return problems


def _block_problems(source: Structure, target: Structure) -> list[Problem]:
    def plain(blocks: Iterable[str]) -> tuple[str, ...]:
        return tuple(b for b in blocks if not b.startswith(("fence:{", "colon_fence:{")))

    if not target.blocks or plain(source.blocks) == plain(target.blocks):
        return []  # no blocks: an empty translation, reported as untranslated
    english, translation = describe_blocks(source.outline), describe_blocks(target.outline)
    if english == translation:
        english, translation = " ".join(source.blocks), " ".join(target.blocks)
    message = (f"the translation is {translation}, the English {english}: the page would not "
               "show it as written (a blank line, or a line starting with '-', '1.', '#', "
               "'>', '|' or a fence, starts a new block)")
    return [("block-structure", message)]


def _definition_problems(source: Structure, target: Structure) -> list[Problem]:
    extra = sorted(set(target.definitions) - set(source.definitions))
    return [("link-target", (f"the translation defines the link reference [{label}] "
             f"(target {href!r}), which the English does not have")) for label, href in extra]


def _added_targets(source: Structure, target: Structure) -> list[Problem]:
    extra = Counter(_targets(target)) - Counter(_targets(source))
    return [("link-target", f"the translation adds link target {t!r}")
            for t in sorted(extra.elements())]


#: Compared on their own (substitutions and raw HTML by :mod:`meetingdocs.i18n.rules`).
_SHOWN_ELSEWHERE = frozenset({"myst_role", "link_open", "image", "code_inline", "html_inline",
                              "substitution_inline", "substitution_block"})


def _other_problems(source: Structure, target: Structure) -> list[Problem]:
    """Footnote references, math, substitutions, targets, spans...: kept as they are."""
    def items(shape: Structure) -> Counter[Inline]:
        return Counter(i for i in shape.inline if i.kind not in _SHOWN_ELSEWHERE)

    wanted, found = items(source), items(target)
    problems = [("markup", f"the translation adds {_show(i)}, which the English does not have")
                for i in sorted((found - wanted).elements(), key=repr)]
    problems += [("markup", f"{_show(i)} of the English is missing or changed")
                 for i in sorted((wanted - found).elements(), key=repr)]
    return problems


def _show(item: Inline) -> str:
    kind = item.kind.removesuffix("_open").replace("_", " ")
    detail = item.content or item.name
    return f"{kind} {detail!r}" if detail else kind


# --- roles ---------------------------------------------------------------------------


def _show_role(name: str, key: str) -> str:
    if name in MACHINE_ROLES:
        return f"{{{name}}}`{key}`"
    return f"{{{name}}} (target {key!r})" if key else f"{{{name}}}"


def role_problems(source: list[tuple[str, str]], target: list[tuple[str, str]]) -> list[Problem]:
    """Roles of the English missing or changed in the translation, and roles it adds."""
    wanted = Counter(role_key(*role) for role in source)
    found = Counter(role_key(*role) for role in target)
    missing, extra = wanted - found, found - wanted
    names = {name for name, _ in source}
    problems: list[Problem] = []
    for name, key in missing.elements():
        code = "symbol-changed" if name == "symbol" else "role-mismatch"
        replacement = next((k for n, k in extra.elements() if n == name), None)
        if replacement is not None:
            extra[(name, replacement)] -= 1
            changed = f"{_show_role(name, key)} was changed to {_show_role(name, replacement)}"
            problems.append((code, f"{changed}; copy it unchanged"))
        else:
            problems.append((code, f"{_show_role(name, key)} of the English is missing"))
    for name, key in (+extra).elements():
        code = "role-mismatch" if name in names else "new-role"
        added = f"the translation adds {_show_role(name, key)}"
        problems.append((code, f"{added}, which the English does not have"))
    return problems


def _parity(code: str, what: str, wanted: list[str], found: list[str]) -> list[Problem]:
    missing, extra = Counter(wanted) - Counter(found), Counter(found) - Counter(wanted)
    problems = [
        (code, f"{what} {item!r} of the English is missing or changed")
        for item in missing.elements()
    ]
    problems += [(code, f"the translation adds {what} {item!r}") for item in extra.elements()]
    return problems
