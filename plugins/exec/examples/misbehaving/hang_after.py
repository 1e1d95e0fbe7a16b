#!/usr/bin/env python3
"""Test child: answers its first N rows (argument 1), then stops answering and sleeps, ignoring SIGTERM."""
import json
import signal
import sys
import time

signal.signal(signal.SIGTERM, signal.SIG_IGN)
limit = int(sys.argv[1])
for count, line in enumerate(sys.stdin.buffer):
    if count == limit:
        while True:
            time.sleep(60)
    row = json.loads(line)
    sys.stdout.write(json.dumps({"line": row["line"], "echo": row["customer_id"]}) + "\n")
    sys.stdout.flush()
