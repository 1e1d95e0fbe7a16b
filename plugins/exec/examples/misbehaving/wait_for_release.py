#!/usr/bin/env python3
"""Test child: on its first row, creates the file "started" in the directory given as argument 1 and waits (up to
20 s) for a file "release" to appear there before answering; then echoes every customer id."""
import json
import os
import sys
import time

directory = sys.argv[1]
for count, line in enumerate(sys.stdin.buffer):
    if count == 0:
        open(os.path.join(directory, "started"), "w").close()
        deadline = time.monotonic() + 20
        while not os.path.exists(os.path.join(directory, "release")) and time.monotonic() < deadline:
            time.sleep(0.01)
    row = json.loads(line)
    sys.stdout.write(json.dumps({"line": row["line"], "echo": row["customer_id"]}) + "\n")
    sys.stdout.flush()
