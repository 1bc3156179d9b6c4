"""Server-sent events: what the open pages are told, and the script that listens.

Each open page holds one ``EventSource`` on ``/_serve/events``; the server sends an event
when a language was rebuilt (the pages written), when a change was refused or failed
(the page reloads to show why), and when a PDF is new. The script is added to the HTML
the server sends, never to the built files; it reloads a page only when that page was
written, and points the page's PDF link at the new file when one is published.
"""

from __future__ import annotations

import json
import queue
import threading
from typing import Any

EVENTS_PATH = "/_serve/events"
#: Kept-alive comment every so many seconds, so a dead connection is noticed.
KEEPALIVE = 15.0


class Hub:
    """Hands every event to every connected page."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._clients: list[queue.Queue[str | None]] = []
        self.sent = 0

    def subscribe(self) -> queue.Queue[str | None]:
        client: queue.Queue[str | None] = queue.Queue(maxsize=100)
        with self._lock:
            self._clients.append(client)
        return client

    def unsubscribe(self, client: queue.Queue[str | None]) -> None:
        with self._lock:
            if client in self._clients:
                self._clients.remove(client)

    def publish(self, kind: str, data: dict[str, Any]) -> None:
        message = f"event: {kind}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n"
        with self._lock:
            clients = list(self._clients)
            self.sent += 1
        for client in clients:
            try:
                client.put_nowait(message)
            except queue.Full:  # a page that stopped reading: let it go
                self.unsubscribe(client)

    def close(self) -> None:
        with self._lock:
            clients, self._clients = self._clients, []
        for client in clients:
            try:
                client.put_nowait(None)
            except queue.Full:
                pass

    @property
    def clients(self) -> int:
        with self._lock:
            return len(self._clients)


#: Added before ``</body>`` of every HTML page served.
SCRIPT = """<script>
(function () {
  var here = location.pathname.replace(/\\/$/, "/index.html");
  var source = new EventSource("@EVENTS@");
  source.addEventListener("rebuilt", function (e) {
    var data = JSON.parse(e.data);
    if (data.pages.indexOf(here) >= 0 ||
        (data.all && here.indexOf("/" + data.code + "/") === 0)) { location.reload(); }
  });
  source.addEventListener("pdf", function (e) {
    var data = JSON.parse(e.data);
    document.querySelectorAll("a[href$='.pdf'], a[href*='.pdf?']").forEach(function (a) {
      var name = a.getAttribute("href").split("?")[0].split("/").pop();
      if (data.pdfs.indexOf(name) >= 0) {
        a.setAttribute("href", a.getAttribute("href").split("?")[0] + "?v=" + data.version);
        a.setAttribute("data-serve-updated", data.version);
      }
    });
  });
  window.addEventListener("beforeunload", function () { source.close(); });
})();
</script>
""".replace("@EVENTS@", EVENTS_PATH)
