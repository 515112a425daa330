#!/usr/bin/env python3
# bench — baseline.py
"""The reference ingest, written the way a data scientist would with
Python's standard library only: follow the Hub listing's `Link` cursor with
urllib, json.loads each page, store every model in sqlite3 (one transaction
per page, upsert by _id), then classify every stored model with the same
rules file (config/rules/frameworks.toml, read with tomllib) and store the
framework share per createdAt month.

Same classification as the framework_share sink: a record's frameworks are
the union of the rules of its strongest grade (direct, else library) whose
`tags` or `library_names` (library_name split on commas, trimmed) equal one
of its values ignoring ASCII case and blanks; a model no rule matches takes
the union of its base models' sets (`base_model:` tags, transitively, by
lower-cased name); models at the Hub's createdAt floor fall in period
"pre-2022-03".

Durability: sqlite in WAL mode with synchronous=NORMAL, so a commit does not
fsync, like the daemon's default (sync_writes = false: the RocksDB WAL in the
page cache).

Prints one key=value line: models, seconds, rate, peak RSS, and the summed
total / classified / multi over all periods (bench.py checks them against
the daemon's /v1/trends).
"""

import argparse
import json
import os
import re
import resource
import sqlite3
import sys
import time
import tomllib
import urllib.request

FLOOR = "2022-03-02T23:29:04"
NEXT = re.compile(r'<([^>]*)>\s*;\s*rel="next"')


def load_rules(path):
    with open(path, "rb") as f:
        rules = tomllib.load(f)["rule"]
    by_tag, by_library = {}, {}
    for rule in rules:
        entry = (rule.get("grade", "direct"), rule["framework"])
        for value in rule.get("tags", []):
            by_tag.setdefault(value.strip().lower(), set()).add(entry)
        for value in rule.get("library_names", []):
            by_library.setdefault(value.strip().lower(), set()).add(entry)
    return by_tag, by_library


def bases_of(name, tags):
    bases = set()
    for tag in tags:
        if tag.lower().startswith("base_model:"):
            rest = tag[len("base_model:"):]
            head, sep, tail = rest.partition(":")
            rest = tail if sep and head.lower() in ("finetune", "adapter", "quantized", "merge") else rest
            if rest:
                bases.add(rest.lower())
    bases.discard(name.lower())
    return bases


def fetch(first_url, db):
    db.execute("CREATE TABLE models (id TEXT PRIMARY KEY, name TEXT, created TEXT, modified TEXT, tags TEXT,"
               " library_name TEXT, pipeline_tag TEXT, downloads INTEGER, likes INTEGER)")
    url, count = first_url, 0
    while url:
        with urllib.request.urlopen(url) as answer:
            models = json.loads(answer.read())
            link = answer.headers.get("Link") or ""
        rows = [(m["_id"], m["id"], m.get("createdAt"), m.get("lastModified"), json.dumps(m.get("tags", [])),
                 m.get("library_name"), m.get("pipeline_tag"), m.get("downloads"), m.get("likes")) for m in models]
        with db:
            db.executemany("INSERT OR REPLACE INTO models VALUES (?,?,?,?,?,?,?,?,?)", rows)
        count += len(rows)
        match = NEXT.search(link)
        url = match.group(1) if match else None
    return count


def classify(db, by_tag, by_library):
    own, bases, rows = {}, {}, []
    periods = {}
    for name, created, tags, library in db.execute("SELECT name, created, tags, library_name FROM models"):
        matched = set()
        tags = json.loads(tags)
        for tag in tags:
            matched |= by_tag.get(tag.strip().lower(), set())
        for part in (library or "").split(","):
            matched |= by_library.get(part.strip().lower(), set())
        direct = {f for grade, f in matched if grade == "direct"}
        own[name.lower()] = direct or {f for grade, f in matched if grade == "library"}
        bases[name.lower()] = bases_of(name, tags)
        rows.append((name.lower(), created))
    inherited = {name: set() for name in own}
    moved = True
    while moved:  # least fixed point: cycles add nothing
        moved = False
        for name, found in own.items():
            if found:
                continue
            union = set()
            for base in bases[name]:
                if base in own:
                    union |= own[base] or inherited[base]
            if union != inherited[name]:
                inherited[name] = union
                moved = True
    for name, created in rows:
        found = own[name] or inherited[name]
        if created is None:
            period = "undated"
        elif created.startswith(FLOOR):
            period = "pre-2022-03"
        else:
            period = created[:7]
        cell = periods.setdefault(period, {"total": 0, "classified": 0, "multi": 0, "frameworks": {}})
        cell["total"] += 1
        if found:
            cell["classified"] += 1
            if len(found) > 1:
                cell["multi"] += 1
            for framework in found:
                counts = cell["frameworks"].setdefault(framework, {"exclusive": 0, "available": 0})
                counts["available"] += 1
                if len(found) == 1:
                    counts["exclusive"] += 1
    with db:
        db.execute("CREATE TABLE trends (period TEXT PRIMARY KEY, cell TEXT)")
        db.executemany("INSERT INTO trends VALUES (?,?)", [(p, json.dumps(c)) for p, c in periods.items()])
    return periods


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", required=True, help="the first listing page's URL")
    parser.add_argument("--db", required=True, help="sqlite file to create (removed first)")
    parser.add_argument("--rules", required=True, help="config/rules/frameworks.toml")
    args = parser.parse_args()
    if os.path.exists(args.db):
        os.remove(args.db)
    start = time.monotonic()
    db = sqlite3.connect(args.db)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=NORMAL")
    by_tag, by_library = load_rules(args.rules)
    count = fetch(args.url, db)
    periods = classify(db, by_tag, by_library)
    db.close()
    seconds = time.monotonic() - start
    usage = resource.getrusage(resource.RUSAGE_SELF)
    peak_kb = usage.ru_maxrss
    sums = {k: sum(c[k] for c in periods.values()) for k in ("total", "classified", "multi")}
    print("models=%d seconds=%.3f rps=%.0f cpu_s=%.3f peak_rss_kb=%d total=%d classified=%d multi=%d"
          % (count, seconds, count / seconds, usage.ru_utime + usage.ru_stime, peak_kb, sums["total"], sums["classified"], sums["multi"]))


if __name__ == "__main__":
    sys.exit(main())
