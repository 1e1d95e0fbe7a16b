#!/usr/bin/env python3
"""Test child: starts a grandchild that keeps the child's stdin, stdout and stderr open and sleeps for ten
minutes, then answers every row with the grandchild's process id as "echo" (echoing "line").

Argument 1 is "group" (the grandchild stays in the child's process group) or "setsid" (it starts a session of
its own, so it leaves the group). With argument 2 = N the child exits with status 3 on its (N+1)th row.
"""
import json
import os
import sys
import time

mode = sys.argv[1]
exit_after = int(sys.argv[2]) if len(sys.argv) > 2 else None
grandchild = os.fork()
if grandchild == 0:
    if mode == "setsid":
        os.setsid()
    time.sleep(600)
    os._exit(0)
for count, raw in enumerate(sys.stdin.buffer):
    if count == exit_after:
        sys.exit(3)
    row = json.loads(raw)
    sys.stdout.write(json.dumps({"line": row["line"], "echo": str(grandchild)}) + "\n")
    sys.stdout.flush()
