#!/usr/bin/env python3
"""An independent reading of the ballot/v1 layout (docs/ballot.md): re-derives the unsigned bytes,
the election id and the ballot id of every valid vector in tests/data/ballot_v1_vectors.json with
struct and hashlib alone, so that the C++ encoder and the written layout cannot drift apart."""
import hashlib
import json
import struct
import sys

CONTEXT = b"ppb/ballot/v1\0\0\0"


def encode(v):
    kind = v["payload"]
    payload = struct.pack(">H", len(v["items"]))
    for i, item in enumerate(v["items"]):
        payload += struct.pack(">H", item)
        if kind == 2:
            payload += struct.pack(">I", v["points"][i])
    return (CONTEXT + bytes.fromhex(v["election"]) + struct.pack(">I", v["unit"]) +
            bytes.fromhex(v["credential"]) + struct.pack(">Q", v["revision"]) + bytes.fromhex(v["nonce"]) +
            struct.pack(">HI", kind, len(payload)) + payload)


def main(path):
    doc = json.load(open(path, encoding="utf-8"))
    election = hashlib.sha256(b"ppb/election/v1" + b'{"cycle":"vectors"}').hexdigest()
    valid = failed = 0
    for v in doc["vectors"]:
        if v["result"] != "valid":
            continue
        signed = bytes.fromhex(v["signed"])
        checks = {
            "election id": v["election"] == election,
            "unsigned bytes": signed[:-64] == encode(v),
            "signature length": len(signed) - len(encode(v)) == 64,
            "ballot id": hashlib.sha256(b"ppb/ballot-id/v1" + signed[:-64]).hexdigest() == v["ballot_id"],
        }
        for what, ok in checks.items():
            if not ok:
                print(f"{v['name']}: {what} disagrees with docs/ballot.md")
                failed += 1
        valid += 1
    print(f"ballot/v1 vectors: {valid} valid ones read, {failed} disagreements")
    return 1 if failed or valid < 4 else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
