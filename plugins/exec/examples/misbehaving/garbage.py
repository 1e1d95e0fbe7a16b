#!/usr/bin/env python3
"""Test child: echoes the customer id, except for ids that start with GARBAGE (answers a line that is not JSON),
ARRAY (a JSON array), NESTED (an object for the column) or REJECT (fails the row through "_error")."""
import json
import sys

for line in sys.stdin.buffer:
    customer = json.loads(line)["customer_id"]
    if customer.startswith("GARBAGE"):
        answer = "this is not JSON {" + customer
    elif customer.startswith("ARRAY"):
        answer = json.dumps([customer])
    elif customer.startswith("NESTED"):
        answer = json.dumps({"echo": {"id": customer}})
    elif customer.startswith("REJECT"):
        answer = json.dumps({"_error": "no offer for " + customer})
    else:
        answer = json.dumps({"echo": customer, "ignored_extra": [1, {"a": None}]})
    sys.stdout.write(answer + "\n")
    sys.stdout.flush()
