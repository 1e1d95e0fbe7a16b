#!/usr/bin/env python3
"""Test child: answers like an echo for its first N rows (argument 1), then exits with status 3."""
import json
import sys

limit = int(sys.argv[1])
for count, line in enumerate(sys.stdin.buffer):
    if count == limit:
        sys.exit(3)
    row = json.loads(line)
    sys.stdout.write(json.dumps({"line": row["line"], "echo": row["customer_id"]}) + "\n")
    sys.stdout.flush()
