#!/usr/bin/env python3
# tests/tools — github_csv_to_search_pages.py
"""Turn the recorded GitHub search CSV (one row per repository, with the
search `topic` it was found by) into the replay server's exchanges.jsonl:
the GET /search/repositories pages the github plugin asks for, in the order
it asks them, with the headers GitHub sends (Link next/last/prev/first,
X-RateLimit-*, X-RateLimit-Resource: search; names in mixed case as in the
recordings of tests/fixtures/github).

Query "topic:X" finds every row whose `topic` column is X or whose `topics`
list holds X (so a repository is found by several queries, as on GitHub).
Results are ordered by stars, then id. A search with more than 1,000 results
is split the way the plugin splits it: the unsliced query's first page
answers total_count > 1000; then the created: range [--since, --until] is
halved (left = [from, mid], right = [mid+1, to], mid = from + (to-from)//2,
left first) until each slice has at most 1,000 results, and each slice is
paged. Targets: /search/repositories?q=<q>&per_page=<n> (q percent-encoded
like the plugin: everything but A-Z a-z 0-9 - . _ ~), later pages add
&page=K.

X-RateLimit-Remaining counts down over the requests in crawl order and
starts again at --search-limit - 1 after reaching 0 (a new window); the reset
is {{now+--reset-in}}. With --etag every page has a weak ETag and a second
exchange answers If-None-Match with that ETag by 304. With
--incomplete-first N the crawl's first page is answered N times with
incomplete_results:true and half its items before the complete answer.

Prints a JSON summary: {"requests": [targets in crawl order], "distinct": N,
"queries": {query: results}, "split": [queries that were split]}.
Python 3 standard library only.
"""

import argparse
import ast
import csv
import datetime
import gzip
import hashlib
import io
import json
import os
import sys
import urllib.parse

CAP = 1000


def read_rows(path):
    data = open(path, "rb").read()
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"), newline="")))


def day(text):
    return datetime.date.fromisoformat(text[:10]).toordinal()


def fmt(ordinal):
    return datetime.date.fromordinal(ordinal).isoformat()


def item(row):
    owner = row["owner_login"]
    return {
        "id": int(row["repo_id"]), "name": row["repo_name"], "full_name": row["full_name"],
        "owner": {"login": owner, "html_url": "https://github.com/" + owner},
        "html_url": row["repo_url"], "description": row["description"] or None,
        "fork": row["is_fork"] == "True", "created_at": row["created_at"], "updated_at": row["updated_at"],
        "pushed_at": row["pushed_at"], "size": int(row["size"]),
        "stargazers_count": int(row["stargazers_count"]), "watchers_count": int(row["watchers_count"]),
        "language": row["primary_language"] or None, "forks_count": int(row["forks_count"]),
        "archived": False, "open_issues_count": int(row["open_issues_count"]),
        "license": {"name": row["license"]} if row["license"] else None,
        "topics": ast.literal_eval(row["topics"]), "visibility": row["visibility"],
        "default_branch": row["default_branch"], "score": float(row["score"] or 1.0),
    }


class Writer:
    def __init__(self, out, args):
        self.out, self.args, self.count, self.targets = out, args, 0, []

    def page(self, first, k, pages, total, items):
        args = self.args
        target = first if k == 1 else "%s&page=%d" % (first, k)
        if self.count == 0 and args.incomplete_first:
            partial = json.dumps({"total_count": total, "incomplete_results": True, "items": items[:len(items) // 2]},
                                 separators=(",", ":"))
            for _ in range(args.incomplete_first):
                self.out.write(json.dumps({"target": target, "status": 200, "body": partial, "headers": [
                    ["Content-Type", "application/json; charset=utf-8"], ["X-RateLimit-Resource", "search"]]}) + "\n")
        body = json.dumps({"total_count": total, "incomplete_results": False, "items": items},
                          separators=(",", ":"))
        limit = args.search_limit
        remaining = limit - 1 - (self.count % limit)
        links = []
        url = "{{base_url}}" + first
        if k < pages:
            links.append('<%s&page=%d>; rel="next"' % (url, k + 1))
            links.append('<%s&page=%d>; rel="last"' % (url, pages))
        if k > 1:
            links.append('<%s&page=%d>; rel="prev"' % (url, k - 1))
            links.append('<%s&page=1>; rel="first"' % url)
        rate = [["X-RateLimit-Limit", str(limit)], ["X-RateLimit-Remaining", str(remaining)],
                ["X-RateLimit-Reset", "{{now+%d}}" % args.reset_in], ["X-RateLimit-Used", str(limit - remaining)],
                ["X-RateLimit-Resource", "search"]]
        headers = [["Server", "GitHub.com"], ["Content-Type", "application/json; charset=utf-8"],
                   ["Cache-Control", "no-cache"], ["X-GitHub-Media-Type", "github.v3; format=json"]]
        headers += rate
        if links:
            headers.append(["Link", ", ".join(links)])
        etag = 'W/"%s"' % hashlib.sha256(body.encode()).hexdigest()
        if args.etag:
            headers.append(["ETag", etag])
        self.out.write(json.dumps({"target": target, "status": 200, "headers": headers, "body": body}) + "\n")
        if args.etag:
            not_modified = [["Server", "GitHub.com"], ["ETag", etag]] + rate
            self.out.write(json.dumps({"target": target, "status": 304, "headers": not_modified,
                                       "when_header": ["If-None-Match", etag]}) + "\n")
        self.targets.append(target)
        self.count += 1


def crawl(query, rows, args, writer, split):
    since, until = day(args.since), day(args.until)
    stack = [None]
    while stack:
        s = stack[-1]
        sub = rows if s is None else [r for r in rows if s[0] <= day(r["created_at"]) <= s[1]]
        q = query if s is None else "%s created:%s..%s" % (query, fmt(s[0]), fmt(s[1]))
        first = "/search/repositories?q=%s&per_page=%d" % (urllib.parse.quote(q, safe="-._~"), args.per_page)
        lo, hi = (since, until) if s is None else s
        pages = max(1, -(-min(len(sub), CAP) // args.per_page))
        if len(sub) > CAP and lo < hi:
            split.add(query)
            writer.page(first, 1, pages, len(sub), [item(r) for r in sub[:args.per_page]])
            mid = lo + (hi - lo) // 2
            stack.pop()
            stack.append((mid + 1, hi))
            stack.append((lo, mid))
            continue
        for k in range(1, pages + 1):
            chunk = sub[(k - 1) * args.per_page:k * args.per_page]
            writer.page(first, k, pages, len(sub), [item(r) for r in chunk])
        stack.pop()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("csv")
    parser.add_argument("--out", required=True)
    parser.add_argument("--queries", help="comma list; default: topic:<t> for each `topic` value, most rows first")
    parser.add_argument("--since", default="2007-10-01")
    parser.add_argument("--until", default="2024-10-31")
    parser.add_argument("--per-page", type=int, default=100)
    parser.add_argument("--search-limit", type=int, default=30)
    parser.add_argument("--reset-in", type=int, default=60)
    parser.add_argument("--etag", action="store_true")
    parser.add_argument("--incomplete-first", type=int, default=0)
    args = parser.parse_args()
    rows = read_rows(args.csv)
    if args.queries:
        queries = args.queries.split(",")
    else:
        counts = {}
        for r in rows:
            counts[r["topic"]] = counts.get(r["topic"], 0) + 1
        queries = ["topic:" + t for t, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
    os.makedirs(args.out, exist_ok=True)
    summary = {"queries": {}, "split": []}
    found = set()
    split = set()
    with open(os.path.join(args.out, "exchanges.jsonl"), "w", encoding="utf-8") as out:
        writer = Writer(out, args)
        for query in queries:
            topic = query[len("topic:"):].lower()
            matching = [r for r in rows if r["topic"] == topic or topic in [t.lower() for t in
                                                                            ast.literal_eval(r["topics"])]]
            matching.sort(key=lambda r: (-int(r["stargazers_count"]), int(r["repo_id"])))
            summary["queries"][query] = len(matching)
            found.update(r["repo_id"] for r in matching)
            crawl(query, matching, args, writer, split)
    summary["requests"] = writer.targets
    summary["distinct"] = len(found)
    summary["split"] = sorted(split)
    json.dump(summary, sys.stdout)
    print()


if __name__ == "__main__":
    sys.exit(main())
