#!/usr/bin/env python3
# tests/tools — github_replay_to_exchanges.py
"""Turn PyGithub ReplayData recordings (*.txt) into the replay server's
exchanges.jsonl, keeping the real response headers.

Recording format (see tests/fixtures/github/SOURCES.md): per exchange the
lines protocol, method, host, port, path+query, request headers (Python dict
repr), request body, status, response headers (Python list of (name, value)
tuples), response body (one line); exchanges separated by a blank line.

What changes: https://api.github.com in header values and bodies becomes
{{base_url}} (Link cursors point back at the replay server); the framing
headers the server writes itself (Content-Length, Transfer-Encoding,
Connection) and Content-Encoding (the recorded body is already decoded) are
dropped. Options:
  --exchange N    keep only the Nth exchange of all inputs (1-based)
  --target T      serve the kept exchanges at target T instead (e.g. the
                  search URL the plugin asks, for a recorded 403)
  --reset-in S    x-ratelimit-reset becomes {{now+S}} (the recorded epochs
                  are years old)
Writes <out>/exchanges.jsonl; prints how many exchanges it wrote.
Python 3 standard library only.
"""

import argparse
import ast
import gzip
import json
import os
import sys

DROP = {"content-length", "transfer-encoding", "connection", "content-encoding"}


def read_text(path):
    data = open(path, "rb").read()
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    return data.decode("utf-8")


def exchanges(path):
    lines = read_text(path).split("\n")
    i = 0
    while i < len(lines):
        if not lines[i].strip():
            i += 1
            continue
        block = lines[i:i + 10]
        if len(block) < 10:
            raise SystemExit("%s: truncated exchange at line %d" % (path, i + 1))
        _proto, method, _host, _port, target, _req_headers, _req_body, status, headers, body = block
        yield {"method": method, "target": target, "status": int(status),
               "headers": ast.literal_eval(headers), "body": body}
        i += 10


def convert(exchange, args):
    headers = []
    for name, value in exchange["headers"]:
        low = name.lower()
        if low in DROP:
            continue
        value = value.replace("https://api.github.com", "{{base_url}}")
        if low == "x-ratelimit-reset" and args.reset_in is not None:
            value = "{{now+%d}}" % args.reset_in
        headers.append([name, value])
    return {"method": exchange["method"], "target": args.target or exchange["target"],
            "status": exchange["status"], "headers": headers,
            "body": exchange["body"].replace("https://api.github.com", "{{base_url}}")}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("recordings", nargs="+")
    parser.add_argument("--out", required=True)
    parser.add_argument("--exchange", type=int)
    parser.add_argument("--target")
    parser.add_argument("--reset-in", type=int)
    args = parser.parse_args()
    found = [e for path in args.recordings for e in exchanges(path)]
    if args.exchange is not None:
        if not 1 <= args.exchange <= len(found):
            raise SystemExit("--exchange %d: the recordings hold %d exchanges" % (args.exchange, len(found)))
        found = [found[args.exchange - 1]]
    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "exchanges.jsonl"), "w", encoding="utf-8") as out:
        for e in found:
            out.write(json.dumps(convert(e, args)) + "\n")
    print(len(found))


if __name__ == "__main__":
    sys.exit(main())
