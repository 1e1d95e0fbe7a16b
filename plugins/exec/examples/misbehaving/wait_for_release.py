#!/usr/bin/env python3
"""Test child: on its first row, creates the file "started" in the directory given as argument 1 and waits (up to
100 s) for a file "release" to appear there before answering; it answers that row's "echo" with "released:" or
"not released:" before the customer id, and every later row with the customer id alone."""
import json
import os
import sys
import time

directory = sys.argv[1]
for count, line in enumerate(sys.stdin.buffer):
    row = json.loads(line)
    answer = row["customer_id"]
    if count == 0:
        open(os.path.join(directory, "started"), "w").close()
        deadline = time.monotonic() + 100
        while not os.path.exists(os.path.join(directory, "release")) and time.monotonic() < deadline:
            time.sleep(0.01)
        released = os.path.exists(os.path.join(directory, "release"))
        answer = ("released:" if released else "not released:") + answer
    sys.stdout.write(json.dumps({"line": row["line"], "echo": answer}) + "\n")
    sys.stdout.flush()
