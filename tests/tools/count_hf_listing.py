#!/usr/bin/env python3
# tests/tools — count_hf_listing.py
"""Count framework share in the recorded Hugging Face listing (CSV), straight
from the file, as an independent check of what mltrendd stores and the
framework_share sink computes from the same data.

Deliberately shares no code with hf_listing_to_pages.py or the C++ plugins:
it reads the CSV itself and applies the rules file itself (lineage with
count_hf_evidence.py's functions, the other independent count).

Rules file (TOML, the framework_share format):
    version = "..."
    [[rule]]
    framework = "pytorch"
    tags = ["pytorch"]
    library_names = ["pytorch", "torch"]
A rule matches when any of its `tags` equals one of the record's tags, or any
of its `library_names` equals one of the record's library names, compared
case-insensitively and ignoring surrounding blanks, as the sink does. Of the
matching rules only those of the strongest `grade` count: "direct" (the
default) if any, else "library". A record no rule matches inherits the union
of its base models' sets (tags `base_model:<repo>` and
`base_model:<finetune|adapter|quantized|merge>:<repo>`, names compared in
lower case, transitively: the least fixed point over the file's records;
--no-lineage leaves that out, counting each record's own evidence only, the
per-record classification a source's stored records are checked against)
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

A file named *.json is instead read as a JSON array of Hub API model objects
(GET /api/models with expand[]): `id`, `tags`, `library_name` (split on
commas and trimmed), `downloads` and `createdAt`.

With --bucket month|quarter|year the same figures are also printed per
creation period under "periods", keyed like the sink's cohort axis:
"YYYY-MM", "YYYY-Qn" or "YYYY" from createdAt; the Hub's floor
2022-03-02T23:29:04.000Z (every model older than the createdAt field) is
"pre-2022-03"; no createdAt is "undated":
    {..., "bucket":"quarter", "periods": {"2024-Q4": {"total":N, "classified":N,
     "unknown":N, "multi":N, "frameworks": {...}, "combinations": {...}}, ...}}

Python 3.11+ standard library only (tomllib).
"""

import argparse
import ast
import collections
import csv
import gzip
import io
import json
import os
import sys
import tomllib

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import count_hf_evidence as evidence  # noqa: E402  (lineage: one implementation for both counts)


def load_rules(path, fold):
    with open(path, "rb") as f:
        doc = tomllib.load(f)
    rules = []
    for rule in doc.get("rule", []):
        rules.append((rule["framework"],
                      {fold(t) for t in rule.get("tags", [])},
                      {fold(n) for n in rule.get("library_names", [])},
                      rule.get("grade", "direct")))
    return doc.get("version", ""), rules


def open_text(path):
    data = open(path, "rb").read()
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    return io.StringIO(data.decode("utf-8"), newline="")


def frameworks_of(tags, library_names, rules, fold):
    tags = {fold(t) for t in tags}
    names = {fold(n) for n in library_names}
    for grade in ("direct", "library"):
        found = frozenset(f for f, rule_tags, rule_names, g in rules
                          if g == grade and (tags & rule_tags or names & rule_names))
        if found:
            return found
    return frozenset()


CREATED_AT_FLOOR = "2022-03-02T23:29:04"


def period_of(created, bucket):
    if not created:
        return "undated"
    if created[:19] == CREATED_AT_FLOOR:
        return "pre-2022-03"
    year, month = created[:4], int(created[5:7])
    if bucket == "month":
        return "%s-%02d" % (year, month)
    if bucket == "quarter":
        return "%s-Q%d" % (year, (month - 1) // 3 + 1)
    return year


def csv_rows(path):
    """(id, tags, library names, downloads, createdAt) of every CSV row."""
    for row in csv.DictReader(open_text(path)):
        libs = [p.strip() for p in row.get("library_name", "").split(",") if p.strip()]
        yield row["modelId"], ast.literal_eval(row["tags"]), libs, int(row["downloads"]), row.get("createdAt", "")


def json_rows(path):
    """The same from a JSON array of Hub API model objects."""
    with open(path, "rb") as f:
        models = json.load(f)
    for m in models:
        libs = [p.strip() for p in (m.get("library_name") or "").split(",") if p.strip()]
        yield m["id"], m.get("tags", []), libs, int(m.get("downloads", 0)), m.get("createdAt", "")


class Tally:
    """Counts of one set of rows (the whole file, or one period)."""

    def __init__(self):
        self.totals = collections.Counter()
        self.exclusive = collections.Counter()
        self.available = collections.Counter()
        self.combinations = collections.Counter()

    def add(self, found, w):
        self.totals["total"] += w
        self.combinations["+".join(sorted(found))] += w
        if not found:
            self.totals["unknown"] += w
            return
        self.totals["classified"] += w
        if len(found) > 1:
            self.totals["multi"] += w
        for f in found:
            self.available[f] += w
        if len(found) == 1:
            self.exclusive[next(iter(found))] += w

    def as_dict(self, names):
        return {
            "total": self.totals["total"],
            "classified": self.totals["classified"],
            "unknown": self.totals["unknown"],
            "multi": self.totals["multi"],
            "frameworks": {f: {"exclusive": self.exclusive[f], "available": self.available[f]} for f in names},
            "combinations": dict(sorted(self.combinations.items())),
        }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("csv", help="hf_models_top_downloads_2024-09-20.csv(.gz), or a *.json API listing")
    parser.add_argument("--rules", required=True, help="rules TOML")
    parser.add_argument("--weight", choices=["count", "downloads"], default="count")
    parser.add_argument("--bucket", choices=["month", "quarter", "year"], help="also count per creation period")
    parser.add_argument("--case-sensitive", action="store_true", help="match tags and names exactly")
    parser.add_argument("--no-lineage", action="store_true", help="own evidence only, no base-model inheritance")
    args = parser.parse_args()

    # The rules file's semantics: case-insensitive, surrounding blanks ignored
    # (the listing has " PyTorch" and "Pytorch" tags).
    fold = (lambda s: s) if args.case_sensitive else (lambda s: s.strip().lower())
    version, rules = load_rules(args.rules, fold)
    names = sorted({rule[0] for rule in rules})
    rows = json_rows(args.csv) if args.csv.endswith(".json") else csv_rows(args.csv)
    whole = Tally()
    periods = collections.defaultdict(Tally)
    listed, own, bases = [], {}, {}
    for model, tags, libs, downloads, created in rows:
        if model.lower() in own:
            sys.exit("duplicate modelId %r" % model)
        own[model.lower()] = frameworks_of(tags, libs, rules, fold)
        bases[model.lower()] = evidence.base_names(model, tags)
        listed.append((model, downloads, created))
    if args.no_lineage:
        sets = own
    else:
        inherited = evidence.inherit(own, bases, {name: [name] for name in own})
        sets = {name: own[name] or frozenset(inherited[name]) for name in own}
    for model, downloads, created in listed:
        found = sets[model.lower()]
        w = downloads if args.weight == "downloads" else 1
        whole.add(found, w)
        if args.bucket:
            periods[period_of(created, args.bucket)].add(found, w)

    result = {
        "rules_version": version,
        "case_sensitive": args.case_sensitive,
        "weight": args.weight,
    }
    result.update(whole.as_dict(names))
    if args.bucket:
        result["bucket"] = args.bucket
        result["periods"] = {p: periods[p].as_dict(names) for p in sorted(periods)}
    json.dump(result, sys.stdout, indent=1, sort_keys=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
