"""``meetingdocs serve``: edits served in place, open pages reloaded, failures shown, clean exit.

One server (a real ``meetingdocs serve`` process, six language workers) runs for the
module on a private copy of the collection; the tests edit its catalogues and sources
and read the pages over HTTP, and one watches an open page reload itself in Chromium.
"""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from browser_support import CODES, browser, copy_collection  # noqa: F401 - fixtures by name

from meetingdocs.publish.layout import Layout
from meetingdocs.serve.background import Background
from meetingdocs.serve.events import EVENTS_PATH, Hub
from meetingdocs.serve.http import Site, make_server
from meetingdocs.un import readiness

DOCUMENT = "CTOC_COP_WG.7_2020_1"
FRENCH = Path("locale/fr/LC_MESSAGES") / f"{DOCUMENT}.po"
SOURCE = Path("docs") / f"{DOCUMENT}.md"
#: A French msgstr of the document, and the paragraph of the source the tests edit.
MSGSTR = 'msgstr "Questions diverses"'
PARAGRAPH = "the draft of which will be prepared by the Secretariat."
TIMEOUT = 30.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """A ``meetingdocs serve`` process on a collection, and a client for it."""

    def __init__(self, root: Path, codes: tuple[str, ...]) -> None:
        self.root, self.codes, self.port = root, codes, free_port()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "meetingdocs.cli", "--root", str(root),
             "--languages", " ".join(codes), "serve", "--port", str(self.port), "--no-pdf"],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
            start_new_session=True)
        self.output: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()
        self.wait(lambda: self.status()["idle"] and all(
            n >= 1 for n in self.status()["builds"].values()), timeout=180)

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.output.append(line.rstrip())

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def get(self, path: str) -> str:
        with urllib.request.urlopen(self.url + path, timeout=TIMEOUT) as response:
            return response.read().decode("utf-8")

    def status(self) -> dict:
        try:
            return json.loads(self.get("/_serve/status"))
        except (urllib.error.URLError, ConnectionError):
            return {"idle": False, "builds": {}}

    def wait(self, condition: Callable[[], object], timeout: float = TIMEOUT) -> None:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            assert self.process.poll() is None, "\n".join(self.output)
            if condition():
                return
            time.sleep(0.05)
        raise AssertionError("timed out; server said:\n" + "\n".join(self.output[-30:]))

    def page(self, code: str) -> str:
        return self.get(f"/{code}/{DOCUMENT}.html")

    def stop(self, sig: int = signal.SIGINT) -> int:
        """Send ``sig`` to the server's process group, as a terminal sends Ctrl-C."""
        os.killpg(self.process.pid, sig)
        return self.process.wait(20)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie has exited; only its parent has not yet read its status.
    state = Path(f"/proc/{pid}/stat")
    return state.exists() and state.read_text().split(") ")[-1][:1] != "Z"


def living_in_group(group: int) -> list[int]:
    """The processes of process group ``group`` that have not exited."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(") ", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[2]) == group and fields[0] != "Z":
            found.append(int(stat.parent.name))
    return found


def left_in_group(group: int, grace: float = 5.0) -> list[int]:
    """The processes of ``group`` still living after ``grace`` seconds: the resource
    tracker of multiprocessing ends only once it has read its closed pipe."""
    deadline = time.monotonic() + grace
    while (found := living_in_group(group)) and time.monotonic() < deadline:
        time.sleep(0.05)
    return found


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    root = copy_collection(tmp_path_factory.mktemp("served") / "collection")
    running = Server(root, CODES)
    yield running
    workers = [pid for pid in running.status()["workers"].values() if pid]
    assert running.stop(signal.SIGTERM) == 0
    assert not [pid for pid in workers if alive(pid)]
    assert left_in_group(running.process.pid) == []


# -- over HTTP ----------------------------------------------------------------------------

def test_a_catalogue_edit_rebuilds_that_language_only(server: Server) -> None:
    before = server.status()["builds"]
    edit(server.root / FRENCH, MSGSTR, 'msgstr "Questions diverses et variées"')
    server.wait(lambda: "Questions diverses et variées" in server.page("fr"))
    after = server.status()["builds"]
    assert {c for c in CODES if after[c] != before[c]} == {"fr"}
    assert "Questions diverses et variées" not in server.page("es")


def test_a_source_edit_reaches_every_language(server: Server) -> None:
    edit(server.root / SOURCE, PARAGRAPH, PARAGRAPH + " Zanzibar-1.")

    def draft(code: str) -> str:
        return server.get(f"/drafts/html/{code}/{DOCUMENT}.html")

    for code in CODES:
        server.wait(lambda code=code: "Zanzibar-1." in draft(code))
    assert "Zanzibar-1." in server.page("en")
    # The paragraph changed, so its old translation is not published: the French draft
    # shows the English, and the French version waits for its translator.
    assert PARAGRAPH + " Zanzibar-1." in draft("fr")
    assert readiness.words("fr").notice_title in server.page("fr")
    # The English as it was: the French version is complete, and published, again.
    edit(server.root / SOURCE, PARAGRAPH + " Zanzibar-1.", PARAGRAPH)
    server.wait(lambda: readiness.words("fr").notice_title not in server.page("fr"))
    assert "Zanzibar-1." not in server.page("fr")


def test_served_pages_listen_and_built_files_stay_as_built(server: Server) -> None:
    served = server.page("fr")
    assert served.count(EVENTS_PATH) == 1 and served.rstrip().endswith("</html>")
    built = (server.root / "_build/html/fr" / f"{DOCUMENT}.html").read_text(encoding="utf-8")
    assert EVENTS_PATH not in built
    # The landing and status pages are written again after a rebuild, as make html does.
    assert "fr/" in server.get("/index.html") and EVENTS_PATH in server.get("/status.html")


def test_two_quick_saves_give_the_last_one_and_never_half_a_page(server: Server) -> None:
    seen: list[str] = []
    done = threading.Event()

    def read() -> None:
        while not done.is_set():
            seen.append(server.page("fr"))

    builds = server.status()["builds"]["fr"]
    reader = threading.Thread(target=read)
    reader.start()
    try:
        po = server.root / FRENCH
        edit(po, 'msgstr "Ouverture de la réunion"', 'msgstr "Ouverture de la séance A"')
        time.sleep(0.02)
        edit(po, 'msgstr "Ouverture de la séance A"', 'msgstr "Ouverture de la séance B"')
        server.wait(lambda: "Ouverture de la séance B" in server.page("fr"))
        time.sleep(0.5)
    finally:
        done.set()
        reader.join()
    assert "Ouverture de la séance B" in server.page("fr")
    # Saves 20 ms apart are one change for the watcher; a change that arrives during a
    # rebuild is folded into one more.
    assert server.status()["builds"]["fr"] - builds <= 2
    assert seen and all(page.rstrip().endswith("</html>") for page in seen)


def test_a_broken_catalogue_shows_the_finding_and_the_server_goes_on(server: Server) -> None:
    po = server.root / FRENCH
    good = po.read_text(encoding="utf-8")
    line = next(n for n, text in enumerate(good.splitlines(), 1)
                if text.startswith('msgstr "Ordre du jour provisoire"'))
    edit(po, 'msgstr "Ordre du jour provisoire"', 'msgstr "Ordre du jour provisoire')
    server.wait(lambda: "serve-problems" in server.page("fr"))
    page = server.page("fr")
    assert f"<code>{FRENCH}:{line}: [syntax] PO syntax error" in page, page[:3000]
    assert "Ordre du jour provisoire" in page  # the last published version, under the notice
    # A blocking finding of the checks (a symbol the English does not have) is refused too.
    masthead = 'msgstr "Groupe de travail sur le trafic illicite de migrants'
    po.write_text(good.replace(masthead, masthead + " {symbol}`A/RES/75/1`"), "utf-8")
    server.wait(lambda: "[new-role]" in server.page("fr"))
    assert "A/RES/75/1" not in server.page("fr").split("</div>", 1)[1]
    po.write_text(good, encoding="utf-8")
    server.wait(lambda: "serve-problems" not in server.page("fr"))
    assert server.process.poll() is None


def test_an_error_in_a_source_is_shown_and_mended(server: Server) -> None:
    broken = "\n\n:::{agenda}\nnot a list\n:::\n"
    edit(server.root / SOURCE, PARAGRAPH, PARAGRAPH + broken)
    server.wait(lambda: "serve-problems" in server.page("en"))
    assert re.search(rf"<code>{SOURCE}:\d+: ERROR: agenda", server.page("en"))
    edit(server.root / SOURCE, broken, "")
    server.wait(lambda: "serve-problems" not in server.page("en"))


def test_a_crashed_worker_is_started_again(server: Server) -> None:
    old = server.status()["workers"]["ru"]
    os.kill(old, signal.SIGKILL)
    server.wait(lambda: server.status()["workers"]["ru"] not in (None, old)
                and server.status()["idle"])
    edit(server.root / SOURCE, PARAGRAPH, PARAGRAPH + " Zanzibar-2.")
    server.wait(lambda: "Zanzibar-2." in server.get(f"/drafts/html/ru/{DOCUMENT}.html"))
    edit(server.root / SOURCE, PARAGRAPH + " Zanzibar-2.", PARAGRAPH)
    server.wait(lambda: readiness.words("ru").notice_title not in server.page("ru"))


def test_drafts_are_served_beside_the_site(server: Server) -> None:
    with pytest.raises(urllib.error.HTTPError):
        server.get("/drafts/review/fr/x.html")
    review = server.root / "_build/drafts/review/fr/x.html"
    review.parent.mkdir(parents=True, exist_ok=True)
    review.write_text("<html><body><p>relu</p></body></html>", encoding="utf-8")
    served = server.get("/drafts/review/fr/x.html")
    assert "relu" in served and EVENTS_PATH in served


# -- in the browser -----------------------------------------------------------------------

def test_an_open_page_reloads_itself(server: Server, browser) -> None:  # noqa: F811
    page = browser.new_page()
    try:
        page.goto(f"{server.url}/fr/{DOCUMENT}.html")
        page.evaluate("window.notReloaded = true")
        assert "Adoption du rapport final" not in page.inner_text("body")
        with page.expect_navigation(timeout=30000):
            edit(server.root / FRENCH, 'msgstr "Adoption du rapport"',
                 'msgstr "Adoption du rapport final"')
        assert page.evaluate("window.notReloaded === undefined")
        assert "Adoption du rapport final" in page.inner_text("body")
    finally:
        page.close()


def test_a_new_pdf_updates_the_open_page_link(tmp_path: Path, browser) -> None:  # noqa: F811
    (tmp_path / "fr").mkdir()
    (tmp_path / "fr" / "doc.html").write_text(
        '<html><body><a class="un-pdf" href="../pdf/X_F.pdf">PDF</a></body></html>')
    hub = Hub()
    http = make_server(Site(tmp_path, tmp_path / "drafts", hub), free_port())
    threading.Thread(target=http.serve_forever, daemon=True).start()
    page = browser.new_page()
    try:
        page.goto(f"http://127.0.0.1:{http.server_address[1]}/fr/doc.html")
        deadline = time.monotonic() + 10
        while not hub.clients and time.monotonic() < deadline:
            time.sleep(0.05)
        hub.publish("pdf", {"code": "fr", "pdfs": ["X_F.pdf"], "version": 7})
        page.wait_for_selector("a.un-pdf[data-serve-updated='7']", timeout=10000)
        assert page.get_attribute("a.un-pdf", "href") == "../pdf/X_F.pdf?v=7"
    finally:
        page.close()
        hub.close()
        http.shutdown()
        http.server_close()


# -- the PDFs in the background -----------------------------------------------------------

def background(root: Path, command: list[str], ready: list) -> Background:
    layout = Layout(root)
    worker = Background(layout, {"fr": threading.Lock()}, pdf=True, command=lambda code: command,
                        on_pdf=lambda code, pdfs: ready.append((code, pdfs)), log=lambda _: None)
    worker.start()
    return worker


def test_a_pdf_made_in_the_background_is_announced(tmp_path: Path) -> None:
    root = copy_collection(tmp_path / "collection")
    pdf = root / "_build/html/pdf/X_F.pdf"
    pdf.parent.mkdir(parents=True)
    ready: list = []
    worker = background(root, [sys.executable, "-c", f"open({str(pdf)!r}, 'w').write('%PDF')"],
                        ready)
    try:
        worker.schedule("fr")
        end = time.monotonic() + 20
        while not ready and time.monotonic() < end:
            time.sleep(0.05)
        assert ready == [("fr", ["X_F.pdf"])]
    finally:
        worker.stop()


def test_a_new_change_stops_the_pdf_build_and_what_it_started(tmp_path: Path) -> None:
    root = copy_collection(tmp_path / "collection")
    ready: list = []
    worker = background(root, ["sh", "-c", "sleep 60 & sleep 60; wait"], ready)
    try:
        worker.schedule("fr")
        end = time.monotonic() + 20
        while worker._current is None and time.monotonic() < end:
            time.sleep(0.05)
        group = worker._current[1].pid
        time.sleep(0.2)
        assert len(living_in_group(group)) == 3  # sh and its two sleeps
        worker.cancel("fr")
        assert living_in_group(group) == []
        assert not ready and worker.pdf_runs == {"fr": 1}
    finally:
        worker.stop()


# -- stopping -----------------------------------------------------------------------------

def test_ctrl_c_stops_every_process(tmp_path: Path) -> None:
    running = Server(copy_collection(tmp_path / "collection"), ("en",))
    workers = list(running.status()["workers"].values())
    assert workers and all(alive(pid) for pid in workers)
    assert running.stop(signal.SIGINT) == 0
    assert not [pid for pid in workers if alive(pid)]
    assert left_in_group(running.process.pid) == []
