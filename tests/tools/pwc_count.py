#!/usr/bin/env python3
# tests/tools — pwc_count.py
"""Count Papers with Code framework shares straight from
pwc_links_subset_with_github_info_2024-09.csv(.gz), the way PwC's Trends
chart did, as an independent check of the paperswithcode source plus the
framework_share sink (`official_only = true`, shipped rules).

Shares no code with pwc_csv_to_dump.py, the C++ plugin or the rules file:
it reads the CSV itself (skipping the repeated header line 887; the data
row at line 998 carries a glued header after its last column, which
DictReader keeps apart, so its first columns are read as usual) and maps
PwC's `framework` values itself:
    pytorch, torch -> pytorch   (Lua Torch merged, as the chart did)
    tf -> tensorflow, paddle -> paddlepaddle, jax, mxnet, mindspore, caffe2
    none (or anything else) -> unknown: counted in total, not in classified
Only links with is_official == "true" count (--all counts every link).
Each link is dated by its arXiv id: new style YYMM.NNNNN -> 20YY-MM; old
style archive/YYMMNNN -> 19YY-MM for YY >= 91, else 20YY-MM; no or bad id
-> "undated". Periods: YYYY-Qn (--bucket quarter, the default), YYYY-MM or
YYYY.

Prints one JSON object:
    {"links": N, "counted": N, "frameworks_all": {"pytorch": 961, "none": 909, ...},
     "total": N, "classified": N, "unknown": N,
     "periods": {"2019-Q1": {"total": N, "classified": N, "unknown": N, "multi": 0,
                 "frameworks": {"pytorch": {"exclusive": N, "available": N}, ...}}, ...}}
frameworks_all counts the raw `framework` value of every link (official or
not). A link has at most one framework, so exclusive == available, multi 0.
Python 3 standard library only.
"""
import argparse
import collections
import csv
import gzip
import io
import json
import re

MAPPING = {
    "pytorch": "pytorch", "torch": "pytorch", "tf": "tensorflow", "jax": "jax", "mxnet": "mxnet",
    "mindspore": "mindspore", "paddle": "paddlepaddle", "caffe2": "caffe2",
}
NEW_STYLE = re.compile(r"^(\d\d)(\d\d)\.\d{4,5}(v\d+)?$")
OLD_STYLE = re.compile(r"^[a-z][a-zA-Z.-]*/(\d\d)(\d\d)\d{3}(v\d+)?$")


def month_of(arxiv):
    m = NEW_STYLE.match(arxiv)
    if m:
        return 2000 + int(m.group(1)), int(m.group(2))
    m = OLD_STYLE.match(arxiv)
    if m:
        yy = int(m.group(1))
        return (1900 + yy if yy >= 91 else 2000 + yy), int(m.group(2))
    return None


def period_of(arxiv, bucket):
    ym = month_of(arxiv) if arxiv else None
    if ym is None or not 1 <= ym[1] <= 12:
        return "undated"
    year, month = ym
    if bucket == "month":
        return "%d-%02d" % (year, month)
    if bucket == "quarter":
        return "%d-Q%d" % (year, (month - 1) // 3 + 1)
    return str(year)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("csv")
    parser.add_argument("--bucket", choices=["month", "quarter", "year"], default="quarter")
    parser.add_argument("--all", action="store_true", help="count unofficial links too")
    args = parser.parse_args()
    data = open(args.csv, "rb").read()
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    reader = csv.DictReader(io.StringIO(data.decode("utf-8"), newline=""))
    links = 0
    raw = collections.Counter()
    periods = collections.defaultdict(lambda: {"total": 0, "classified": 0, "unknown": 0, "multi": 0,
                                               "frameworks": collections.Counter()})
    for row in reader:
        if row["paper_title"] == "paper_title" and row["repo_url"] == "repo_url":
            continue  # the repeated header
        links += 1
        raw[row["framework"]] += 1
        if not args.all and row["is_official"] != "true":
            continue
        p = periods[period_of(row["paper_arxiv_id"], args.bucket)]
        p["total"] += 1
        name = MAPPING.get(row["framework"])
        if name is None:
            p["unknown"] += 1
        else:
            p["classified"] += 1
            p["frameworks"][name] += 1
    out = {"links": links, "frameworks_all": dict(raw.most_common()), "periods": {}}
    for key in ("total", "classified", "unknown"):
        out[key] = sum(p[key] for p in periods.values())
    out["counted"] = out["total"]
    for period in sorted(periods):
        p = periods[period]
        out["periods"][period] = {
            "total": p["total"], "classified": p["classified"], "unknown": p["unknown"], "multi": 0,
            "frameworks": {f: {"exclusive": n, "available": n} for f, n in sorted(p["frameworks"].items())},
        }
    print(json.dumps(out, indent=1, sort_keys=True))


if __name__ == "__main__":
    main()
