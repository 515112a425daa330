#!/usr/bin/env python3
# tests/tools — github_count.py
"""Count framework share in the recorded GitHub search CSV per creation
year, straight from the file, as an independent check of what mltrendd
stores from the github plugin and the framework_share sink computes.

Shares no code with github_csv_to_search_pages.py or the C++ plugins: it
reads the CSV and applies the rules file's `topics` itself (whole values,
case and surrounding blanks ignored; a repository's framework set is the
union of its matching rules). Every row is one repository (the file has
9,483 distinct ids); --queries limits the count to the rows those
"topic:X" searches find (`topic` column is X or X in `topics`).

Prints {"weight":..., "total":N, "classified":N, "unknown":N, "multi":N,
"frameworks": {f: {"exclusive":N, "available":N}}, "periods": {"YYYY":
{the same}}} where periods come from created_at (--bucket year|quarter|
month), and --weight stars counts stargazers_count instead of 1.
Python 3.11+ standard library only (tomllib).
"""

import argparse
import ast
import collections
import csv
import gzip
import io
import json
import sys
import tomllib


def fold(text):
    return text.strip().lower()


def period(created, bucket):
    if not created:
        return "undated"
    year, month = created[:4], int(created[5:7])
    if bucket == "month":
        return "%s-%02d" % (year, month)
    if bucket == "quarter":
        return "%s-Q%d" % (year, (month - 1) // 3 + 1)
    return year


class Tally:
    def __init__(self):
        self.c = collections.Counter()
        self.exclusive = collections.Counter()
        self.available = collections.Counter()

    def add(self, found, w):
        self.c["total"] += w
        if not found:
            self.c["unknown"] += w
            return
        self.c["classified"] += w
        if len(found) > 1:
            self.c["multi"] += w
        for f in found:
            self.available[f] += w
        if len(found) == 1:
            self.exclusive[next(iter(found))] += w

    def as_dict(self, names):
        d = {k: self.c[k] for k in ("total", "classified", "unknown", "multi")}
        d["frameworks"] = {f: {"exclusive": self.exclusive[f], "available": self.available[f]} for f in names}
        return d


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("csv")
    parser.add_argument("--rules", required=True)
    parser.add_argument("--bucket", choices=["year", "quarter", "month"], default="year")
    parser.add_argument("--weight", choices=["count", "stars"], default="count")
    parser.add_argument("--queries")
    args = parser.parse_args()
    with open(args.rules, "rb") as f:
        rules = [(r["framework"], {fold(t) for t in r.get("topics", [])}) for r in tomllib.load(f).get("rule", [])]
    names = sorted({f for f, _ in rules})
    data = open(args.csv, "rb").read()
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    wanted = None
    if args.queries:
        wanted = {q[len("topic:"):].lower() for q in args.queries.split(",")}
    whole, periods, seen = Tally(), collections.defaultdict(Tally), set()
    for row in csv.DictReader(io.StringIO(data.decode("utf-8"), newline="")):
        topics = {fold(t) for t in ast.literal_eval(row["topics"])}
        if wanted is not None and row["topic"] not in wanted and not (topics & wanted):
            continue
        if row["repo_id"] in seen:
            continue
        seen.add(row["repo_id"])
        found = frozenset(f for f, rule_topics in rules if topics & rule_topics)
        w = int(row["stargazers_count"]) if args.weight == "stars" else 1
        whole.add(found, w)
        periods[period(row["created_at"], args.bucket)].add(found, w)
    out = whole.as_dict(names)
    out["weight"] = args.weight
    out["bucket"] = args.bucket
    out["periods"] = {p: t.as_dict(names) for p, t in sorted(periods.items())}
    json.dump(out, sys.stdout, indent=1)
    print()


if __name__ == "__main__":
    sys.exit(main())
