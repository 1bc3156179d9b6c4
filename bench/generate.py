"""Make a synthetic collection of N agendas for the benchmark, derived from the real one.

Every generated document is the real agenda ``docs/CTOC_COP_WG.7_2020_1.md`` with its own
symbol (``CTOC/COP/WG.99/2030/<k>``, file ``CTOC_COP_WG.99_2030_<k>.md``), job number,
meeting month and venue, so that no two documents (nor their messages) are the same. The
catalogues of the five translated languages are the real ones with the same changes made
to every msgid and msgstr (symbols and dates as they are, the venue in each language's own
words), so each generated document is exactly as translated as the real one.

Usage: ``python bench/generate.py DEST -n 200`` (``DEST`` must not exist or be empty).
"""

from __future__ import annotations

import argparse
import io
import re
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

from meetingdocs import languages

#: The collection the synthetic one is derived from (this repository).
REPO_ROOT = Path(__file__).resolve().parent.parent

TEMPLATE_DOC = "CTOC_COP_WG.7_2020_1"
"""The real document every generated one is made from."""

TRANSLATED = tuple(code for code in languages.CODES if code != languages.SOURCE_LANGUAGE)

SYMBOL_RE = re.compile(r"CTOC/COP/WG\.7/2020/(\d+)")
JOB_RE = re.compile(r"V\.20-\d{5}")
MEETING_MONTH_RE = re.compile(r"2030-09-")

#: Where the meeting is held, as each language writes the name (with the forms the real
#: catalogues use, e.g. Russian nominative and locative); index 0 is the real venue.
VENUES: dict[str, tuple[tuple[str, ...], ...]] = {
    "en": (("Vienna",), ("Geneva",), ("New York",), ("Nairobi",)),
    "fr": (("Vienne",), ("Genève",), ("New York",), ("Nairobi",)),
    "es": (("Viena",), ("Ginebra",), ("Nueva York",), ("Nairobi",)),
    "ru": (("Вене", "Вена"), ("Женеве", "Женева"), ("Нью-Йорке", "Нью-Йорк"),
           ("Найроби", "Найроби")),
    "ar": (("فيينا",), ("جنيف",), ("نيويورك",), ("نيروبي",)),
    "zh_CN": (("维也纳",), ("日内瓦",), ("纽约",), ("内罗毕",)),
}


def symbol(k: int) -> str:
    """The symbol of generated document ``k`` (1-based)."""
    return f"CTOC/COP/WG.99/2030/{k}"


def docname(k: int) -> str:
    """The file name (without ``.md``) of document ``k``: its symbol, ``/`` made ``_``."""
    return symbol(k).replace("/", "_")


def _symbol_of(k: int, match: re.Match[str]) -> str:
    number = int(match.group(1))
    # The document itself becomes number k; the papers it cites get their own symbols.
    return symbol(k) if number == 1 else f"CTOC/COP/WG.99/2030/CRP.{k}.{number}"


def transform(text: str, k: int, code: str) -> str:
    """Text of the real document (or one of its messages in ``code``) as document ``k``'s."""
    text = SYMBOL_RE.sub(lambda m: _symbol_of(k, m), text)
    text = JOB_RE.sub(f"V.30-{k:05d}", text)
    text = text.replace("2020", "2030").replace("2019", "2029")
    text = MEETING_MONTH_RE.sub(f"2030-{(k - 1) % 12 + 1:02d}-", text)
    venues = VENUES[code]
    for old, new in zip(venues[0], venues[k % len(venues)], strict=True):
        text = text.replace(old, new)
    return text


def copy_collection(source: Path, dest: Path, *, documents: bool = True) -> None:
    """Copy what a build reads (``conf.py``, ``docs/``, the ``.po`` catalogues), nothing built.

    Without ``documents`` only ``conf.py``, ``docs/index.md`` and the index catalogues.
    """
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy2(source / "conf.py", dest / "conf.py")
    (dest / "docs").mkdir(exist_ok=True)
    if documents:
        shutil.copytree(source / "docs", dest / "docs", dirs_exist_ok=True)
    else:
        shutil.copy2(source / "docs" / "index.md", dest / "docs" / "index.md")
    for po in sorted((source / "locale").glob("*/LC_MESSAGES/*.po")):
        if not documents and po.stem != "index":
            continue
        target = dest / po.relative_to(source)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(po, target)


def derive_catalog(catalog: Catalog, change: Callable[[str, bool], str], location: str) -> bytes:
    """The catalogue with ``change(text, is_msgstr)`` made to every message, as ``.po`` bytes."""
    messages = [message for message in catalog if message.id]
    for message in messages:
        catalog.delete(message.id, message.context)
    for message in messages:
        msgid = (tuple(change(part, False) for part in message.id)
                 if isinstance(message.id, tuple | list) else change(message.id, False))
        msgstr = (tuple(change(part, True) for part in message.string)
                  if isinstance(message.string, tuple | list)
                  else change(message.string, True))
        catalog.add(
            msgid, msgstr,
            locations=[(location, line) for _, line in message.locations],
            flags=message.flags, auto_comments=message.auto_comments,
            user_comments=message.user_comments, previous_id=message.previous_id,
            lineno=message.lineno, context=message.context,
        )
    out = io.BytesIO()
    write_po(out, catalog, width=76)
    return out.getvalue()


def generate(dest: Path, n: int, source: Path = REPO_ROOT) -> list[str]:
    """Write a collection of ``n`` agendas to ``dest``; return their document names."""
    if dest.exists() and any(dest.iterdir()):
        raise FileExistsError(f"{dest} is not empty")
    copy_collection(source, dest, documents=False)
    text = (source / "docs" / f"{TEMPLATE_DOC}.md").read_text(encoding="utf-8")
    names = []
    for k in range(1, n + 1):
        name = docname(k)
        (dest / "docs" / f"{name}.md").write_text(transform(text, k, "en"), encoding="utf-8")
        names.append(name)
    for code in TRANSLATED:
        po = source / "locale" / code / "LC_MESSAGES" / f"{TEMPLATE_DOC}.po"
        if not po.exists():
            continue
        raw = po.read_bytes()
        out_dir = dest / "locale" / code / "LC_MESSAGES"
        out_dir.mkdir(parents=True, exist_ok=True)
        for k, name in enumerate(names, start=1):
            def change(part: str, is_msgstr: bool, k: int = k, code: str = code) -> str:
                return transform(part, k, code if is_msgstr else "en")

            catalog = read_po(io.BytesIO(raw), abort_invalid=False)
            data = derive_catalog(catalog, change, f"../../docs/{name}.md")
            (out_dir / f"{name}.po").write_bytes(data)
    return names


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dest", type=Path, help="folder to create the collection in")
    parser.add_argument("-n", "--documents", type=int, default=10, help="number of agendas")
    parser.add_argument("--source", type=Path, default=REPO_ROOT,
                        help="the collection to derive from (default: this repository)")
    args = parser.parse_args(argv)
    names = generate(args.dest, args.documents, args.source)
    print(f"{args.dest}: {len(names)} documents, {len(TRANSLATED)} translated languages")
    return 0


if __name__ == "__main__":
    sys.exit(main())
