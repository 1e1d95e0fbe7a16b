"""Loads a page in headless chromium through the DevTools protocol and prints, as JSON, what the page logged and the
laid-out size of every report chart: {"console": [...], "exceptions": [...], "figures": [{"chart", "marks",
"laid_out_marks", "width", "height"}]}.

"console" holds every console API call and browser log entry while the page loaded, "exceptions" every uncaught
exception; "marks" is the figure's data-marks, "laid_out_marks" how many of its .mark elements chromium gave a box
(a bar of value 0 has no width, so this is a count, not a requirement), "width"/"height" the SVG's (or the
unavailable sentence's) bounding box after layout.

Usage: python3 cdp_layout.py FILE.html
Needs websocket-client (scripts/test-requirements.txt) and Debian's chromium (scripts/test-tools.sh).
"""

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

import websocket

FIGURES = """
JSON.stringify(Array.from(document.querySelectorAll('figure.chart')).map(f => {
  const box = (f.querySelector('svg') || f.querySelector('p') || f).getBoundingClientRect();
  const marks = Array.from(f.querySelectorAll('.mark'));
  const laid = marks.filter(m => { const b = m.getBoundingClientRect(); return b.width > 0 || b.height > 0; });
  return {chart: f.dataset.chart, marks: Number(f.dataset.marks), laid_out_marks: laid.length,
          width: box.width, height: box.height};
}))
"""


class Page:
    def __init__(self, url):
        self.socket = websocket.create_connection(url, timeout=60)
        self.next_id = 0
        self.events = []

    def call(self, method, **params):
        self.next_id += 1
        self.socket.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.socket.recv())
            if message.get("id") == self.next_id:
                if "error" in message:
                    raise SystemExit(f"{method}: {message['error']}")
                return message.get("result", {})
            self.events.append(message)

    def wait_for(self, event, seconds=60):
        deadline = time.monotonic() + seconds
        while not any(e.get("method") == event for e in self.events):
            if time.monotonic() > deadline:
                raise SystemExit(f"no {event} within {seconds} s")
            self.events.append(json.loads(self.socket.recv()))


def main():
    page_path = os.path.abspath(sys.argv[1])
    profile = tempfile.mkdtemp(prefix="segmentd-cdp-")
    browser = subprocess.Popen(
        ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--remote-debugging-port=0",
         f"--user-data-dir={profile}", "about:blank"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        port = None
        for line in browser.stderr:
            found = re.search(r"DevTools listening on ws://127\.0\.0\.1:(\d+)/", line)
            if found:
                port = int(found.group(1))
                break
        if port is None:
            raise SystemExit("chromium did not announce its DevTools port")
        # Keep reading chromium's stderr so a chatty browser never blocks on a full pipe.
        threading.Thread(target=lambda: [None for _ in browser.stderr], daemon=True).start()
        targets = json.load(urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=30))
        target = next(t for t in targets if t.get("type") == "page")
        page = Page(target["webSocketDebuggerUrl"])
        for domain in ("Runtime", "Log", "Page"):
            page.call(f"{domain}.enable")
        page.events.clear()
        page.call("Page.navigate", url="file://" + page_path)
        page.wait_for("Page.loadEventFired")
        result = page.call("Runtime.evaluate", expression=FIGURES, returnByValue=True)
        figures = json.loads(result["result"]["value"])
        console = [e["params"] for e in page.events if e.get("method") in ("Runtime.consoleAPICalled", "Log.entryAdded")]
        exceptions = [e["params"] for e in page.events if e.get("method") == "Runtime.exceptionThrown"]
        print(json.dumps({"console": console, "exceptions": exceptions, "figures": figures}))
    finally:
        browser.kill()
        browser.wait()
        shutil.rmtree(profile, ignore_errors=True)


if __name__ == "__main__":
    main()
