#!/usr/bin/env python3
"""Test child: echoes the customer id and writes one line to stderr per row, plus a large burst of stderr output
at start-up (more than a pipe buffer holds), which the daemon must drain for the child to go on."""
import json
import sys

for number in range(2000):
    print("warming up %d %s" % (number, "x" * 60), file=sys.stderr)
sys.stderr.flush()
for line in sys.stdin.buffer:
    row = json.loads(line)
    customer = row["customer_id"]
    print("scored " + customer, file=sys.stderr, flush=True)
    sys.stdout.write(json.dumps({"line": row["line"], "echo": customer}) + "\n")
    sys.stdout.flush()
