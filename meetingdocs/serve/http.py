"""The HTTP side: the built site at ``/``, the drafts at ``/drafts/``, events, notices.

Files are served by the standard library's :class:`~http.server.SimpleHTTPRequestHandler`
from ``_build/html`` (and ``_build/drafts`` when it exists). An HTML page is read whole
and sent with the listening script (:data:`meetingdocs.serve.events.SCRIPT`) and, when
the last change of its language was refused or failed, a notice saying why, file and line.
A request for a language's page waits while that language is being rebuilt.
"""

from __future__ import annotations

import html
import json
import queue
from collections.abc import Callable
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from meetingdocs.serve.events import EVENTS_PATH, KEEPALIVE, SCRIPT, Hub

DRAFTS_PREFIX = "/drafts/"
#: The server's own state as JSON (workers, builds, problems).
STATUS_PATH = "/_serve/status"
#: How long a request waits for a rebuild of its language before the old page is sent.
WAIT_FOR_BUILD = 30.0


class Site:
    """What the handler needs to know of the server's state."""

    def __init__(self, site_dir: Path, drafts_dir: Path, hub: Hub) -> None:
        self.site_dir, self.drafts_dir, self.hub = site_dir, drafts_dir, hub
        #: Why the last change of a language was not published, or what Sphinx warned of.
        self.problems: dict[str, list[str]] = {}
        #: The languages whose last change was not published.
        self.refused: set[str] = set()
        #: Waits until the named language (or ``""``: the site pages) is not being built.
        self.wait_for: Callable[[str], None] = lambda code: None
        self.codes: tuple[str, ...] = ()
        self.status: Callable[[], dict[str, Any]] = dict


def notice(code: str, problems: list[str], published: bool) -> str:
    """The notice put at the top of a page whose language's last change failed or warned."""
    lines = [line for problem in problems for line in problem.splitlines() if line.strip()]
    items = "".join(f"<li><code>{html.escape(line)}</code></li>" for line in lines)
    name = html.escape(code)
    headline = (f"<strong>The last change to {name} was published with warnings.</strong>"
                if published else
                f"<strong>The last change to {name} was not published.</strong> "
                "This page shows the last version that was.")
    return (
        '<div id="serve-problems" role="alert" style="position:sticky;top:0;z-index:1000;'
        "background:#fff3f3;color:#700;border-bottom:3px solid #c00;padding:.8em 1.2em;"
        f'font:14px/1.4 sans-serif;direction:ltr;text-align:left">{headline}'
        f'<ul style="margin:.4em 0 0;padding-left:1.4em">{items}</ul></div>'
    )


def inject(page: str, extra_top: str) -> str:
    """The page with the listening script before ``</body>`` and a notice after ``<body>``."""
    lower = page.lower()
    end = lower.rfind("</body>")
    page = page[:end] + SCRIPT + page[end:] if end >= 0 else page + SCRIPT
    if extra_top:
        start = lower.find("<body")
        close = page.find(">", start) + 1 if start >= 0 else 0
        page = page[:close] + extra_top + page[close:]
    return page


class Handler(SimpleHTTPRequestHandler):
    site: Site

    def __init__(self, *args: Any, site: Site, **kwargs: Any) -> None:
        self.site = site
        super().__init__(*args, directory=str(site.site_dir), **kwargs)

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def translate_path(self, path: str) -> str:
        clean = path.split("?", 1)[0].split("#", 1)[0]
        if clean.startswith(DRAFTS_PREFIX) or clean == DRAFTS_PREFIX.rstrip("/"):
            site_dir, self.directory = self.directory, str(self.site.drafts_dir)
            try:
                return super().translate_path(clean[len(DRAFTS_PREFIX) - 1:] or "/")
            finally:
                self.directory = site_dir
        return super().translate_path(path)

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def do_GET(self) -> None:
        if self.path.split("?", 1)[0] == EVENTS_PATH:
            self._events()
            return
        if self.path.split("?", 1)[0] == STATUS_PATH:
            self._send(json.dumps(self.site.status()).encode(), "application/json")
            return
        code = self._language()
        self.site.wait_for(code)
        target = Path(self.translate_path(self.path))
        if target.is_dir():
            if not self.path.split("?", 1)[0].endswith("/"):
                super().do_GET()  # the base redirects ``/fr`` to ``/fr/``
                return
            target = target / "index.html"
        if target.suffix == ".html" and target.is_file():
            self._page(target, code)
            return
        super().do_GET()

    def _language(self) -> str:
        parts = self.path.split("?", 1)[0].strip("/").split("/")
        if parts and parts[0] == DRAFTS_PREFIX.strip("/"):
            parts = parts[2:] if len(parts) > 2 else []
        return parts[0] if parts and parts[0] in self.site.codes else ""

    def _page(self, target: Path, code: str) -> None:
        problems = self.site.problems.get(code, []) if code else []
        body = inject(target.read_text(encoding="utf-8"),
                      notice(code, problems, code not in self.site.refused) if problems else ""
                      ).encode("utf-8")
        self._send(body, "text/html; charset=utf-8")

    def _send(self, body: bytes, content_type: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _events(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Connection", "keep-alive")
        self.end_headers()
        client = self.site.hub.subscribe()
        try:
            self.wfile.write(b"retry: 1000\n\n")
            self.wfile.flush()
            while True:
                try:
                    message = client.get(timeout=KEEPALIVE)
                except queue.Empty:
                    message = ": keep-alive\n\n"
                if message is None:
                    return
                self.wfile.write(message.encode("utf-8"))
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError, OSError):
            return
        finally:
            self.site.hub.unsubscribe(client)
            self.close_connection = True


def make_server(site: Site, port: int, host: str = "127.0.0.1") -> ThreadingHTTPServer:
    server = ThreadingHTTPServer((host, port), partial(Handler, site=site))
    server.daemon_threads = True
    return server
