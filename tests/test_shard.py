"""Sharded builds: the split of the languages, the build record, and ``assemble``.

The real collection is built as three shards, each a copy of the collection in a folder of
its own (at different depths, so that an absolute path in an output would show), HTML and
PDF, then assembled into a fourth copy and compared byte for byte with the one-machine
build of the session. The refusals are checked on copies of those shards' folders.
"""

from __future__ import annotations

import filecmp
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from browser_support import SOURCE_DATE_EPOCH, copy_collection, environment

from meetingdocs import cli, languages
from meetingdocs.publish.assemble import REMADE, AssembleError, assemble
from meetingdocs.publish.layout import Layout
from meetingdocs.publish.lock import LOCK_NAME
from meetingdocs.publish.shards import (
    RECORD_NAME,
    Shard,
    ShardError,
    parse_shard,
    read_record,
    shard_languages,
    units,
    write_record,
)
from meetingdocs.publish.stamps import PUBLICATION_MEMO

CODES = list(languages.CODES)
SHARDS = 3


# -- the split --------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "shard"), [("1/1", Shard(1, 1)), ("2/3", Shard(2, 3)),
                                             (" 6/6 ", Shard(6, 6))])
def test_parse_shard(text: str, shard: Shard) -> None:
    assert parse_shard(text) == shard


@pytest.mark.parametrize("text", ["0/3", "4/3", "3", "a/b", "1/0", "-1/2", "1/2/3", ""])
def test_parse_shard_refuses(text: str) -> None:
    with pytest.raises(ShardError):
        parse_shard(text)


@pytest.mark.parametrize("count", range(1, len(CODES) + 1))
def test_shards_split_every_unit_once_and_evenly(count: int) -> None:
    documents = ["index", "CTOC_COP_WG.7_2020_1"]
    parts = [shard_languages(CODES, Shard(k, count)) for k in range(1, count + 1)]
    assert sorted(code for part in parts for code in part) == sorted(CODES)
    sizes = [len(units(part, documents)) for part in parts]
    assert max(sizes) - min(sizes) <= len(documents)
    assert parts == [shard_languages(CODES, Shard(k, count)) for k in range(1, count + 1)]


def test_the_slowest_languages_to_typeset_go_to_different_shards() -> None:
    for count in range(2, len(CODES) + 1):
        first = shard_languages(CODES, Shard(1, count))
        assert "ar" in first and "zh_CN" not in first


def test_more_shards_than_languages_is_refused() -> None:
    with pytest.raises(ShardError, match="at most 2 shard"):
        shard_languages(["fr", "ar"], Shard(1, 3))


# -- the record -------------------------------------------------------------------------

def test_record_keeps_earlier_formats_and_drops_failures(collection: Path) -> None:
    layout = Layout(collection)
    write_record(layout, [("fr", "html"), ("ar", "html")])
    write_record(layout, [("fr", "pdf")], failed=[("ar", "html")])
    record = read_record(layout.build_dir)
    assert record is not None
    assert sorted(record["built"]) == ["fr"]
    assert sorted(record["built"]["fr"]) == ["html", "pdf"]
    head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=collection, check=True,
                          capture_output=True, text=True).stdout.strip()
    assert record["commit"] == head


def test_cli_refuses_more_shards_than_languages(
    collection: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    assert cli.main(["--root", str(collection), "-l", "fr en", "build", "--shard", "3/3",
                     "-f", "html"]) == 2
    assert "at most 2 shard" in capsys.readouterr().err
    assert not (collection / "_build" / RECORD_NAME).exists()


# -- three shards of the real collection ------------------------------------------------

@pytest.fixture(scope="module")
def shards(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """The collection built as three shards (HTML and PDF), one copy of it each."""
    base = tmp_path_factory.mktemp("shards")
    roots = [copy_collection(base.joinpath(*["deeper"] * k, f"shard{k}"))
             for k in range(1, SHARDS + 1)]
    with environment(SOURCE_DATE_EPOCH=SOURCE_DATE_EPOCH):
        for k, root in enumerate(roots, 1):
            status = cli.main(["--root", str(root), "build", "--shard", f"{k}/{SHARDS}",
                               "-f", "html", "pdf"])
            assert status == 0, f"shard {k}/{SHARDS} failed"
    return roots


def test_a_shard_makes_drafts_and_review_pages_and_publishes_no_site(
    shards: list[Path],
) -> None:
    """Assembling publishes the site over all languages: a shard's own would be waste."""
    for k, root in enumerate(shards, 1):
        built = shard_languages(CODES, Shard(k, SHARDS))
        assert not (root / "_build" / "html" / "index.html").exists()
        assert not any((root / "_build" / "html" / code).exists() for code in built)
        for code in built:
            assert (root / "_build" / "drafts" / "html" / code).is_dir()
            if code != "en":
                assert list((root / "_build" / "drafts" / "review" / code).glob("*.html"))


def _files(folder: Path) -> dict[str, Path]:
    return {p.relative_to(folder).as_posix(): p for p in folder.rglob("*")}


def test_shards_assemble_to_the_one_machine_build(
    shards: list[Path], built_site: Path, tmp_path: Path,
) -> None:
    target = copy_collection(tmp_path / "site")
    # A collection folder, a _build folder: both name a shard.
    folders = [str(shards[0]), str(shards[1] / "_build"), str(shards[2])]
    assert cli.main(["--root", str(target), "assemble", *folders]) == 0
    for part in ("html", "pdf"):
        ours, theirs = _files(target / "_build" / part), _files(built_site / "_build" / part)
        assert sorted(ours) == sorted(theirs), part
        differ = [name for name, path in ours.items()
                  if path.is_file() and not filecmp.cmp(path, theirs[name], shallow=False)]
        assert not differ, f"{part}: not the bytes of the one-machine build: {differ}"
    assert len(list((target / "_build" / "pdf").glob("*.pdf"))) == len(CODES)
    for code in CODES:
        assert (target / "_build" / "html" / code / "pagefind" / "pagefind-entry.json").is_file()
    record = read_record(target / "_build")
    assert record is not None and sorted(record["built"]) == sorted(CODES)


def test_assembling_again_changes_nothing(shards: list[Path], tmp_path: Path) -> None:
    layout = Layout(copy_collection(tmp_path / "site"))
    first = assemble(layout, shards, CODES)
    again = assemble(layout, shards, CODES)
    assert first.copied > 0 and again.copied == 0 and again.unchanged == first.copied
    assert sorted(p.relative_to(layout.build_dir).as_posix() for p in again.remade) == sorted(
        REMADE - {PUBLICATION_MEMO})


def _copy_build(shard: Path, target: Path) -> Path:
    shutil.copytree(shard / "_build", target, ignore=shutil.ignore_patterns("doctrees", "latex"))
    shutil.copytree(shard / "_build" / "doctrees", target / "doctrees")
    return target


def _edit_record(folder: Path, **values: object) -> None:
    record = json.loads((folder / RECORD_NAME).read_text())
    record.update(values)
    (folder / RECORD_NAME).write_text(json.dumps(record))


def _refused(layout: Layout, folders: list[Path], match: str) -> None:
    with pytest.raises(AssembleError, match=match):
        assemble(layout, folders, CODES)
    assert not (layout.build_dir / "html").exists(), "a refused assembly copied files"


def test_a_missing_language_is_refused(shards: list[Path], tmp_path: Path) -> None:
    missing = " ".join(shard_languages(CODES, Shard(3, SHARDS)))
    _refused(Layout(copy_collection(tmp_path / "site")), shards[:2],
             f"no shard built html of {missing}")


def test_shards_that_disagree_about_a_file_are_refused(shards: list[Path], tmp_path: Path) -> None:
    other = _copy_build(shards[2], tmp_path / "other")
    # The shards' drafts are merged; their published pages are made again from them.
    page = other / "drafts" / "html" / "en" / "CTOC_COP_WG.7_2020_1.html"
    page.write_bytes(page.read_bytes().replace(b"</body>", b"<!-- -->\n</body>"))
    _refused(Layout(copy_collection(tmp_path / "site")), [*shards, other],
             f"{other}: drafts/html/en/CTOC_COP_WG.7_2020_1.html differs from the same file "
             f"in {shards[2] / '_build'}")


def test_a_shard_built_from_other_catalogues_is_refused(shards: list[Path], tmp_path: Path) -> None:
    target = copy_collection(tmp_path / "site")
    code = shard_languages(CODES, Shard(2, SHARDS))[-1]
    po = next((target / "locale" / code / "LC_MESSAGES").glob("*.po"))
    po.write_text(po.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    _refused(Layout(target), shards,
             f"{shards[1] / '_build'}: {code} \\(html\\) was built from other inputs")


def test_a_shard_of_another_commit_or_package_is_refused(
    shards: list[Path], collection: Path, tmp_path: Path,
) -> None:
    other = _copy_build(shards[0], tmp_path / "other")
    _edit_record(other, commit="0" * 40)
    _refused(Layout(collection), [other, *shards[1:]], f"{other}: built from commit 0000")
    _edit_record(other, commit=None, package="0" * 64)
    _refused(Layout(collection), [other, *shards[1:]], f"{other}: built with another version")


def test_pdfs_of_another_date_are_refused(shards: list[Path], tmp_path: Path) -> None:
    other = _copy_build(shards[2], tmp_path / "other")
    _edit_record(other, source_date_epoch="1700000000")
    _refused(Layout(copy_collection(tmp_path / "site")), [*shards[:2], other],
             f"{other}: its PDFs are dated 1700000000")


def test_a_folder_that_is_not_a_build_is_refused(shards: list[Path], tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    target = copy_collection(tmp_path / "site")
    (tmp_path / "empty").mkdir()
    assert cli.main(["--root", str(target), "assemble", *map(str, shards),
                     str(tmp_path / "empty")]) == 1
    err = capsys.readouterr().err
    assert f"{tmp_path / 'empty'}: no {RECORD_NAME}" in err and "nothing was copied" in err
    # Only the lock the command held while it looked.
    assert [p.name for p in (target / "_build").rglob("*")] in ([], [LOCK_NAME])
