#!/usr/bin/env python3
"""segmentd's A/B arm rule, from its documentation alone (README, "Shadow and A/B").

Usage: ab_arm.py SHARE FIRST COUNT
Prints one character per customer id S0000001-style (`S` and the 1-based number zero-padded to 7 digits) from
FIRST to FIRST + COUNT - 1: `1` for the challenger arm, `0` for the champion's. The test compares it with segmentd's.
"""
import hashlib
import sys


def arm(customer_id: str, share: float) -> str:
    """The arm segmentd scores a customer with: SHA-256 of the id's UTF-8 bytes, first 8 bytes big-endian."""
    digest = hashlib.sha256(customer_id.encode("utf-8")).digest()
    h = int.from_bytes(digest[:8], "big")
    return "challenger" if h < share * 2**64 else "champion"


if __name__ == "__main__":
    share, first, count = float(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    ids = (f"S{number:07d}" for number in range(first, first + count))
    sys.stdout.write("".join("1" if arm(i, share) == "challenger" else "0" for i in ids))
