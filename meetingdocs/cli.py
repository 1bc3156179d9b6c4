"""The ``meetingdocs`` command: build, extract, update, check and exchange catalogues.

This module only wires arguments to the library modules and prints what they return;
every operation lives in its own module.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from meetingdocs import languages
from meetingdocs.publish.build import FORMATS, MissingTools, TaskResult, build_all
from meetingdocs.publish.layout import BUILD_FOLDER, Layout
from meetingdocs.publish.shards import Shard, ShardError, parse_shard

if TYPE_CHECKING:
    from myst_parser.config.main import MdParserConfig


def _codes(value: str) -> list[str]:
    codes = value.replace(",", " ").split()
    for code in codes:
        try:
            languages.get(code)
        except languages.UnknownLanguageError as exc:
            raise argparse.ArgumentTypeError(str(exc)) from None
    return codes


def _shard(value: str) -> Shard:
    try:
        return parse_shard(value)
    except ShardError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _use_collection(argv: Sequence[str] | None) -> None:
    """Know the language packs of ``--root``'s collection before ``-l`` codes are checked."""
    early = argparse.ArgumentParser(add_help=False)
    early.add_argument("--root", type=Path, default=Path.cwd())
    try:
        languages.use_collection(early.parse_known_args(argv)[0].root.resolve())
    except languages.PackError as exc:
        sys.exit(f"meetingdocs: {exc}")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="meetingdocs", description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=Path.cwd(),
                        help="the collection (folder with conf.py, docs/, locale/)")
    parser.add_argument("-l", "--languages", type=_codes, default=None,
                        help="language codes, e.g. 'fr ar' (default: all six)")
    sub = parser.add_subparsers(dest="command", required=True)

    build = sub.add_parser("build", help="build HTML and/or PDF of every language")
    build.add_argument("-f", "--formats", nargs="+", choices=FORMATS, default=list(FORMATS))
    build.add_argument("-j", "--jobs", type=int, default=None,
                       help="languages built at once (default: the number of cores)")
    build.add_argument("--shard", type=_shard, default=None, metavar="K/N",
                       help="build only shard K of N of the languages (see 'assemble')")

    assemble = sub.add_parser("assemble", help="merge the _build folders of sharded builds")
    assemble.add_argument("folders", nargs="+", type=Path, metavar="BUILD_DIR",
                          help="a shard's _build folder, or the collection holding it")

    sub.add_parser("site", help="write the landing page and the translation status page")
    sub.add_parser("gettext", help="extract the message templates into _build/gettext")
    sub.add_parser("update-po", help="bring the catalogues in line with the templates")
    check = sub.add_parser("check", help="quality checks over every catalogue")
    check.add_argument("paths", nargs="*", type=Path, help="catalogues (default: locale/)")
    sub.add_parser("stats", help="translated/fuzzy/untranslated per language and document")

    export = sub.add_parser("xliff", help="export catalogues as XLIFF 1.2 for CAT tools")
    export.add_argument("--out", type=Path, default=None, help="default: _build/xliff")
    imp = sub.add_parser("import-xliff", help="import translated XLIFF files back")
    imp.add_argument("files", nargs="+", type=Path)

    sub.add_parser("languages", help="print the known language codes")

    serve = sub.add_parser("serve", help="serve the site on 127.0.0.1, rebuilt as files change")
    serve.add_argument("--port", type=int, default=8000, help="on 127.0.0.1 (default 8000)")
    serve.add_argument("-l", "--languages", dest="serve_languages", type=_codes, default=None,
                       metavar="CODES",
                       help="the languages to serve (default: those of the collection)")
    serve.add_argument("--no-pdf", action="store_true",
                       help="do not rebuild the PDFs in the background")
    return parser


def _report(result: TaskResult) -> None:
    state = "ok" if result.ok else "FAILED"
    if result.skipped:
        state = "skipped"
    timing = "" if result.skipped else f" in {result.seconds:.1f} s"
    print(f"[{result.code:>5}] {result.fmt:<4} {state}: {result.summary}{timing}", flush=True)


def cmd_build(args: argparse.Namespace, codes: list[str]) -> int:
    from meetingdocs.publish.shards import read_record, shard_languages, write_record

    layout = Layout(args.root)
    if args.shard:
        try:
            codes = shard_languages(codes, args.shard)
        except ShardError as exc:
            print(f"meetingdocs: {exc}", file=sys.stderr)
            return 2
        print(f"shard {args.shard}: {' '.join(codes)}", flush=True)
    try:
        results = build_all(layout, codes, args.formats, jobs=args.jobs, report=_report,
                            publish=args.shard is None)
    except MissingTools as exc:
        print(f"cannot build: nothing was done.\n{exc}", file=sys.stderr)
        return 2
    built = [(r.code, r.fmt) for r in results if r.ok and not r.skipped]
    failed_pairs = [(r.code, r.fmt) for r in results if not r.ok]
    recorded = (read_record(layout.build_dir) or {}).get("built", {})
    unrecorded = [(r.code, r.fmt) for r in results
                  if r.ok and r.skipped and r.fmt not in recorded.get(r.code, {})]
    if built or failed_pairs or unrecorded:  # a no-op leaves the record as it is
        write_record(layout, built + unrecorded, failed=failed_pairs)
    order = {code: index for index, code in enumerate(languages.CODES)}
    failed = sorted((r for r in results if not r.ok), key=lambda r: order[r.code])
    warned = sorted((r for r in results if r.warnings), key=lambda r: order[r.code])
    for result in warned:
        for line in result.warnings:
            print(f"[{result.code}] {result.fmt} warning: {line}", file=sys.stderr)
    for result in failed:
        for line in result.errors:
            print(f"[{result.code}] {result.fmt} error: {line}", file=sys.stderr)
    if failed:
        names = ", ".join(sorted({f"{r.code} ({r.fmt})" for r in failed}))
        print(f"build failed for {names}", file=sys.stderr)
        return 1
    return 0


def cmd_gettext(args: argparse.Namespace, codes: list[str]) -> int:
    from meetingdocs.publish.sphinx_run import run_sphinx

    layout = Layout(args.root)
    ok, summary, warnings = run_sphinx(layout, languages.SOURCE_LANGUAGE, "gettext", layout.gettext_dir)
    for line in warnings:
        print(line, file=sys.stderr)
    print(f"templates: {summary}")
    return 0 if ok else 1


def cmd_update_po(args: argparse.Namespace, codes: list[str]) -> int:
    layout = Layout(args.root)
    pot_dir = layout.gettext_dir
    if not any(pot_dir.rglob("*.pot")):
        print("no templates: run 'make gettext' first", file=sys.stderr)
        return 1
    targets = languages.translated(codes)
    blocked = _unwritable_catalogues(layout, pot_dir, targets)
    if blocked:
        for line in blocked:
            print(line, file=sys.stderr)
        print("update-po: nothing was updated (make these writable, or leave their languages "
              "out with LANGUAGES=...)", file=sys.stderr)
        return 1
    try:
        return _update(layout, pot_dir, targets)
    except OSError as exc:
        print(f"update-po: {exc.filename or ''}: {exc.strerror or exc}", file=sys.stderr)
        return 1


def _unwritable_catalogues(layout: Layout, pot_dir: Path, targets: list[str]) -> list[str]:
    """Why update-po may not start: catalogues or folders it would have to write."""
    from meetingdocs.i18n.po import catalog_path, templates, unwritable

    lines: list[str] = []
    for code in targets:
        for docname in templates(pot_dir):
            po = catalog_path(layout.locale_dir, code, docname)
            if po.exists() and unwritable(po):
                lines.append(f"{po}: the catalogue is read-only")
            elif unwritable(po.parent):
                where = next(p for p in (po.parent, *po.parent.parents) if p.exists())
                lines.append(f"{where}: the folder is not writable (needed for {po.name})")
    return list(dict.fromkeys(lines))


def _update(layout: Layout, pot_dir: Path, targets: list[str]) -> int:
    from meetingdocs.i18n.memory import fill_from_memory
    from meetingdocs.i18n.merge import update_catalogs

    for result in update_catalogs(pot_dir, layout.locale_dir, targets):
        if result.stale:
            print(f"{result.po_path}: its document is gone; left as it is")
        elif result.created or result.changed:
            verb = "created" if result.created else "updated"
            print(f"{result.po_path}: {verb} (new {result.added}, fuzzy {result.fuzzied}, "
                  f"obsolete {result.obsoleted}, kept {result.unchanged})")
    for code in targets:
        for hit in fill_from_memory(layout.locale_dir, code):
            print(f"translation memory: {hit}")
    return 0


def cmd_check(args: argparse.Namespace, codes: list[str]) -> int:
    from meetingdocs.i18n.checks import check_paths
    from meetingdocs.i18n.glossary import load_tbx

    layout = Layout(args.root)
    paths = args.paths or [folder / c for folder in layout.locale_dirs
                           for c in languages.translated(codes)]
    if layout.glossary and not layout.glossary.is_file():
        print(f"{layout.glossary}: no such glossary (meetingdocs_glossary in conf.py)",
              file=sys.stderr)
        return 2
    glossary = load_tbx(layout.glossary) if layout.glossary else None
    missing = [p for p in paths if not p.exists() and not p.is_symlink()]
    for path in missing:
        print(f"{path}: no such catalogue or folder (the language has no catalogues; "
              "'make gettext update-po' creates them)", file=sys.stderr)
    findings = check_paths([p for p in paths if p not in missing], glossary=glossary,
                           markdown=_markdown(layout), roots=layout.locale_dirs)
    for finding in findings:
        print(finding)
    refused = sum(1 for f in findings if f.code in layout.blocking)
    print(f"{len(findings)} finding(s), {refused} blocking")
    return 1 if refused or missing else 0


def _markdown(layout: Layout) -> MdParserConfig:
    from meetingdocs.publish.layout import markdown_config, read_config

    return markdown_config(read_config(layout.confdir))


def cmd_stats(args: argparse.Namespace, codes: list[str]) -> int:
    from meetingdocs.i18n.stats import collect, format_table

    targets = languages.translated(codes)
    layout = Layout(args.root)
    print(format_table([row for folder in layout.locale_dirs for row in collect(folder, targets)]))
    return 0


def cmd_xliff(args: argparse.Namespace, codes: list[str]) -> int:
    from meetingdocs.i18n.po import docname_for
    from meetingdocs.i18n.xliff import export_xliff

    layout = Layout(args.root)
    out = args.out or layout.xliff_dir
    for code in languages.translated(codes):
        for po in layout.catalogues(code):
            target = out / code / f"{docname_for(po)}.xlf"
            target.parent.mkdir(parents=True, exist_ok=True)
            units = export_xliff(po, target, target_lang=code)
            print(f"{target}: {units} units")
    return 0


def cmd_import_xliff(args: argparse.Namespace, codes: list[str]) -> int:
    from meetingdocs.i18n.po import CatalogueReadOnly
    from meetingdocs.i18n.xliff import XliffRefused
    from meetingdocs.i18n.xliffimport import import_xliff, xliff_target

    layout = Layout(args.root)
    status = 0
    for xlf in args.files:
        try:
            po = _catalogue_for(layout, xlf, *xliff_target(xlf))
            result = import_xliff(xlf, po)
        except (XliffRefused, CatalogueReadOnly) as exc:
            print(f"refused: {exc}", file=sys.stderr)
            status = 1
            continue
        except OSError as exc:
            print(f"{xlf}: cannot import: {exc.strerror or exc}: {exc.filename or ''}; "
                  "nothing was written", file=sys.stderr)
            status = 1
            continue
        print(f"{po}: {result}")
        if not result.ok:
            status = 1
    return status


def _catalogue_for(layout: Layout, xlf: Path, docname: str, language: str) -> Path:
    """The catalogue an XLIFF file is for, from its ``<file original>`` and
    ``target-language`` (a document in a subfolder has a name like ``sub/doc``)."""
    from meetingdocs.i18n.po import docname_for
    from meetingdocs.i18n.xliff import XliffRefused

    code = next((c for c in languages.CODES
                 if c.replace("_", "-").lower() == language.replace("_", "-").lower()), None)
    if code is None:
        raise XliffRefused(f"{xlf}: target-language {language!r} is none of the known "
                           f"languages ({' '.join(languages.CODES)}); nothing was imported")
    found = [po for po in layout.catalogues(code) if docname_for(po) == docname]
    if not found:
        raise XliffRefused(f"{xlf}: no catalogue of document {docname!r} in {code} (in "
                           f"{', '.join(str(d / code) for d in layout.locale_dirs)}); "
                           "nothing was imported")
    return found[0]


def cmd_site(args: argparse.Namespace, codes: list[str]) -> int:
    from meetingdocs.publish.site import write_site_pages

    for path in write_site_pages(Layout(args.root), list(languages.CODES)):
        print(path)
    return 0


def cmd_assemble(args: argparse.Namespace, codes: list[str]) -> int:
    from meetingdocs.publish.assemble import AssembleError, assemble

    try:
        done = assemble(Layout(args.root), args.folders, codes)
    except AssembleError as exc:
        print(f"cannot assemble: nothing was copied.\n{exc}", file=sys.stderr)
        return 1
    built = [code for code in languages.CODES if code in done.languages]
    print(f"assembled {len(args.folders)} build folder(s): {' '.join(built)} "
          f"({', '.join(done.formats)}); {done.copied} file(s) copied, "
          f"{done.unchanged} already there")
    for path in done.remade:
        print(f"remade {path}")
    return 0


def cmd_languages(args: argparse.Namespace, codes: list[str]) -> int:
    print(" ".join(languages.CODES))
    return 0


def cmd_serve(args: argparse.Namespace, codes: list[str]) -> int:
    from meetingdocs.serve.service import serve

    return serve(args.root, args.serve_languages or codes, args.port, pdf=not args.no_pdf)


COMMANDS = {
    "build": cmd_build, "gettext": cmd_gettext, "update-po": cmd_update_po,
    "check": cmd_check, "stats": cmd_stats, "xliff": cmd_xliff,
    "import-xliff": cmd_import_xliff, "site": cmd_site, "assemble": cmd_assemble,
    "languages": cmd_languages, "serve": cmd_serve,
}


#: The commands that write the build folder or the catalogues: one at a time.
WRITING = frozenset({"build", "assemble", "site", "gettext", "update-po", "xliff",
                     "import-xliff"})


def main(argv: Sequence[str] | None = None) -> int:
    _use_collection(argv)
    args = _parser().parse_args(argv)
    args.root = args.root.resolve()
    codes = args.languages or list(languages.CODES)
    if args.command not in WRITING:
        return COMMANDS[args.command](args, codes)
    from meetingdocs.publish.lock import BuildFolderUnwritable, collection_lock

    try:
        with collection_lock(args.root / BUILD_FOLDER, args.command):
            return COMMANDS[args.command](args, codes)
    except BuildFolderUnwritable as exc:
        print(exc, file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
