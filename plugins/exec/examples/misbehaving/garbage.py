#!/usr/bin/env python3
"""Test child: echoes the customer id (and the row's "line"), except for ids that start with GARBAGE (answers a
line that is not JSON), ARRAY (a JSON array), NESTED (an object for the column), REJECT (fails the row through
"_error") or LONG (an answer longer than the test's max_line_bytes, "line" first)."""
import json
import sys

for raw in sys.stdin.buffer:
    row = json.loads(raw)
    line, customer = row["line"], row["customer_id"]
    if customer.startswith("GARBAGE"):
        answer = "this is not JSON {" + customer
    elif customer.startswith("ARRAY"):
        answer = json.dumps([line, customer])
    elif customer.startswith("NESTED"):
        answer = json.dumps({"line": line, "echo": {"id": customer}})
    elif customer.startswith("REJECT"):
        answer = json.dumps({"line": line, "_error": "no offer for " + customer})
    else:
        answer = json.dumps({"line": line, "echo": customer, "ignored_extra": [1, {"a": None}]})
    sys.stdout.write(answer + "\n")
    sys.stdout.flush()
