#!/usr/bin/env python3
"""Test child: writes argument 1 lines to stderr at start-up ("flood 0" ... "flood N-1"), then echoes the
customer id of every row as "echo" (echoing "line")."""
import json
import sys

for number in range(int(sys.argv[1])):
    print("flood %d" % number, file=sys.stderr)
sys.stderr.flush()
for raw in sys.stdin.buffer:
    row = json.loads(raw)
    sys.stdout.write(json.dumps({"line": row["line"], "echo": row["customer_id"]}) + "\n")
    sys.stdout.flush()
