#!/usr/bin/env python3
"""Example exec plugin child: adds `risk_score` (an integer 0-100) and `next_best_action` to every scored row.

Protocol 2 (see plugins/exec/README.md): one JSON object per line on stdin, one JSON object per line on stdout
for every row, which echoes the row's "line" so the daemon can tell which row it answers; anything on stderr is
logged by the daemon. Standard library only.
"""
import json
import sys

# A base risk per segment name; unknown names get the middle value.
BASE_RISK = {
    "Big Tickets": 15,
    "Medium Tickets": 25,
    "Rare Purchasers": 40,
    "Beginners": 50,
    "Risk": 80,
}


def risk_score(row):
    """Base risk of the segment, raised when the assignment is uncertain or the credit line is nearly used up."""
    score = BASE_RISK.get(row.get("segment_name"), 50)
    confidence = row.get("confidence")
    if isinstance(confidence, (int, float)):
        score += round((1.0 - min(max(confidence, 0.0), 1.0)) * 20)
    inputs = row.get("inputs") or {}
    balance, limit = inputs.get("BALANCE"), inputs.get("CREDIT_LIMIT")
    if isinstance(balance, (int, float)) and isinstance(limit, (int, float)) and limit > 0 and balance / limit > 0.9:
        score += 10
    return min(max(score, 0), 100)


def next_best_action(score):
    if score >= 70:
        return "call_customer"
    if score >= 40:
        return "send_reminder"
    return "offer_upgrade"


def answer(text):
    row = json.loads(text)
    try:
        score = risk_score(row)
    except Exception as error:  # noqa: BLE001 - one bad row must not end the child
        # Still one answer for this row, naming it: reject it and stay in step.
        return {"line": row["line"], "_error": "cannot score the row: %s" % error}
    return {"line": row["line"], "risk_score": score, "next_best_action": next_best_action(score)}


def main():
    print("risk_score.py ready", file=sys.stderr, flush=True)
    for line in sys.stdin.buffer:
        sys.stdout.write(json.dumps(answer(line)) + "\n")
        sys.stdout.flush()
    # End of stdin: the daemon is stopping this child.


if __name__ == "__main__":
    main()
