#!/usr/bin/env python3
# tests/tools — pwc_generate_dump.py
"""Generate a large synthetic links-between-papers-and-code.json(.gz) for
volume and flat-memory tests, drawn from the real subset's distributions
(pwc_links_subset_with_github_info_2024-09.csv.gz): framework, is_official,
arXiv-id presence and arXiv month are sampled from the CSV's own frequencies;
titles, slugs and repo URLs are synthetic and unique per link. Deterministic
for a given --seed. Written as it is generated (never held whole), so a
multi-million-link dump needs little memory. Never committed: tests write it
into a temp dir.

Usage: pwc_generate_dump.py CSV OUT --links N [--seed S] [--plain]
Python 3 standard library only.
"""
import argparse
import csv
import gzip
import io
import json
import random


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("csv")
    parser.add_argument("out")
    parser.add_argument("--links", type=int, required=True)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--plain", action="store_true", help="write plain JSON instead of gzip")
    args = parser.parse_args()
    data = open(args.csv, "rb").read()
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    rows = [r for r in csv.DictReader(io.StringIO(data.decode("utf-8"), newline=""))
            if not (r["paper_title"] == "paper_title" and r["repo_url"] == "repo_url")]
    frameworks = [r["framework"] for r in rows]
    official = [r["is_official"] == "true" for r in rows]
    # arXiv prefixes (YYMM) as they occur, "" for links without an id.
    prefixes = [r["paper_arxiv_id"].split(".")[0] if "." in r["paper_arxiv_id"] else "" for r in rows]
    rng = random.Random(args.seed)
    raw = open(args.out, "wb")
    out = raw if args.plain else gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=1, mtime=0)
    out.write(b"[\n")
    for i in range(args.links):
        prefix = rng.choice(prefixes)
        arxiv = "%s.%05d" % (prefix, i % 100000) if prefix else None
        slug = "synthetic-paper-%d" % i
        link = {
            "paper_url": "https://paperswithcode.com/paper/" + slug,
            "paper_title": "Synthetic paper %d about {braces} and \"quotes\"" % i,
            "paper_arxiv_id": arxiv,
            "paper_url_abs": "https://arxiv.org/abs/" + arxiv if arxiv else None,
            "paper_url_pdf": "https://arxiv.org/pdf/" + arxiv + ".pdf" if arxiv else None,
            "repo_url": "https://github.com/synthetic-owner-%d/repo-%d" % (i % 9973, i),
            "is_official": rng.choice(official),
            "mentioned_in_paper": rng.random() < 0.3,
            "mentioned_in_github": rng.random() < 0.5,
            "framework": rng.choice(frameworks),
        }
        out.write((json.dumps(link) + (",\n" if i + 1 < args.links else "\n")).encode("utf-8"))
    out.write(b"]\n")
    out.close()
    if out is not raw:
        raw.close()


if __name__ == "__main__":
    main()
