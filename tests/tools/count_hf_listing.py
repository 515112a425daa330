#!/usr/bin/env python3
# tests/tools — count_hf_listing.py
"""Count framework share in the recorded Hugging Face listing (CSV), straight
from the file, as an independent check of what mltrendd stores and the
framework_share sink computes from the same data.

Deliberately shares no code with hf_listing_to_pages.py or the C++ plugins:
it reads the CSV itself and applies the rules file itself.

Rules file (TOML, the framework_share format):
    version = "..."
    [[rule]]
    framework = "pytorch"
    tags = ["pytorch"]
    library_names = ["pytorch", "torch"]
A rule matches when any of its `tags` equals one of the record's tags, or any
of its `library_names` equals one of the record's library names, compared
case-insensitively and ignoring surrounding blanks, as the sink does
(--case-sensitive compares exactly, which reproduces the figures of
tests/fixtures/SOURCES.md: the listing has 26 `PyTorch`/`Pytorch`/` PyTorch`
tags and one `JAX` tag that only the sink's matching sees). A record's framework set is the union of the frameworks of
its matching rules. `topics` and `declared` rules never match here: the Hub
has neither. The listing has no library_name column; when a file has one, it
is split on commas and trimmed, like the plugin does.

Prints one JSON object:
    {"rules_version":..., "case_sensitive":false, "weight":"count", "total":N, "classified":N, "unknown":N, "multi":N,
     "frameworks": {"pytorch": {"exclusive":N, "available":N}, ...},
     "combinations": {"pytorch+tensorflow": N, "": N, ...}}
total = every row; classified = rows with a non-empty set; unknown = empty
set; multi = more than one framework; exclusive(f) = set is exactly {f};
available(f) = set contains f. With --weight downloads each row counts its
downloads instead of 1. Every row is "undated" on the cohort axis (the file
has no createdAt), so these totals are also the whole cohort series.

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


def load_rules(path, fold):
    with open(path, "rb") as f:
        doc = tomllib.load(f)
    rules = []
    for rule in doc.get("rule", []):
        rules.append((rule["framework"],
                      {fold(t) for t in rule.get("tags", [])},
                      {fold(n) for n in rule.get("library_names", [])}))
    return doc.get("version", ""), rules


def open_text(path):
    data = open(path, "rb").read()
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    return io.StringIO(data.decode("utf-8"), newline="")


def frameworks_of(tags, library_names, rules, fold):
    tags = {fold(t) for t in tags}
    names = {fold(n) for n in library_names}
    return frozenset(f for f, rule_tags, rule_names in rules if tags & rule_tags or names & rule_names)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("csv", help="hf_models_top_downloads_2024-09-20.csv(.gz)")
    parser.add_argument("--rules", required=True, help="rules TOML")
    parser.add_argument("--weight", choices=["count", "downloads"], default="count")
    parser.add_argument("--case-sensitive", action="store_true", help="match tags and names exactly")
    args = parser.parse_args()

    # The rules file's semantics: case-insensitive, surrounding blanks ignored
    # (the listing has " PyTorch" and "Pytorch" tags).
    fold = (lambda s: s) if args.case_sensitive else (lambda s: s.strip().lower())
    version, rules = load_rules(args.rules, fold)
    names = sorted({f for f, _, _ in rules})
    totals = collections.Counter()
    exclusive = collections.Counter()
    available = collections.Counter()
    combinations = collections.Counter()
    seen = set()
    for row in csv.DictReader(open_text(args.csv)):
        model = row["modelId"]
        if model in seen:
            sys.exit("duplicate modelId %r" % model)
        seen.add(model)
        tags = ast.literal_eval(row["tags"])
        libs = [p.strip() for p in row.get("library_name", "").split(",") if p.strip()]
        found = frameworks_of(tags, libs, rules, fold)
        w = int(row["downloads"]) if args.weight == "downloads" else 1
        totals["total"] += w
        combinations["+".join(sorted(found))] += w
        if not found:
            totals["unknown"] += w
            continue
        totals["classified"] += w
        if len(found) > 1:
            totals["multi"] += w
        for f in found:
            available[f] += w
        if len(found) == 1:
            exclusive[next(iter(found))] += w

    result = {
        "rules_version": version,
        "case_sensitive": args.case_sensitive,
        "weight": args.weight,
        "total": totals["total"],
        "classified": totals["classified"],
        "unknown": totals["unknown"],
        "multi": totals["multi"],
        "frameworks": {f: {"exclusive": exclusive[f], "available": available[f]} for f in names},
        "combinations": dict(sorted(combinations.items())),
    }
    json.dump(result, sys.stdout, indent=1, sort_keys=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
