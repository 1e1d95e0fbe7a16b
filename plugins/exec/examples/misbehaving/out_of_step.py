#!/usr/bin/env python3
"""Test child: echoes the customer id as "echo" (so every answer is derived from its own row), but falls out of
step with the rows in the way argument 1 names, on the 10th row this child reads:

  extra      writes a stray line ({"progress":10}) after the 10th answer
  drop       never answers the 10th row
  duplicate  answers the 10th row twice
  double     writes two lines for every row (the answer, then a debug object naming the same line)
  reorder    answers every pair of rows in swapped order (rows 1 and 2 as 2, 1; 3 and 4 as 4, 3; ...)
  unknown    echoes line + 1000 for the 10th row
  in-step    none of the above: a well-behaved child

Argument 2 is "echo" (protocol 2: every answer echoes the "line" it answers) or "positional" (protocol 1: no
"line" member). The child reads whatever input is available, then writes the answers to all of it with one
write, as a child with buffered output that flushes when no more input is waiting does; so lines written after
the last row's answer reach the daemon together with it.
"""
import json
import os
import sys

mode = sys.argv[1]
echo = sys.argv[2] == "echo"
count = 0
pending = b""
held = None  # reorder: the answer of the first row of a pair, written after the second


def answer(row, line=None):
    out = {"line": row["line"] if line is None else line} if echo else {}
    out["echo"] = row["customer_id"]
    return json.dumps(out) + "\n"


while True:
    data = os.read(0, 65536)
    if not data:
        break
    pending += data
    *rows, pending = pending.split(b"\n")
    out = []
    for raw in rows:
        row = json.loads(raw)
        count += 1
        if mode == "reorder":
            if held is None:
                held = answer(row)
            else:
                out += [answer(row), held]
                held = None
            continue
        if mode == "drop" and count == 10:
            continue
        if mode == "unknown" and count == 10:
            out.append(answer(row, row["line"] + 1000))
            continue
        out.append(answer(row))
        if mode == "extra" and count == 10:
            out.append(json.dumps({"progress": 10}) + "\n")
        if mode == "duplicate" and count == 10:
            out.append(answer(row))
        if mode == "double":
            out.append(json.dumps({"line": row["line"], "debug": "answered " + row["customer_id"]}) + "\n"
                       if echo else json.dumps({"debug": "answered " + row["customer_id"]}) + "\n")
    if held is not None and not pending:
        # An odd row out: answer it alone rather than keep it waiting for a partner that may never come.
        out.append(held)
        held = None
    if out:
        sys.stdout.write("".join(out))
        sys.stdout.flush()
