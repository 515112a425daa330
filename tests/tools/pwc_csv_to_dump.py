#!/usr/bin/env python3
# tests/tools — pwc_csv_to_dump.py
"""Turn pwc_links_subset_with_github_info_2024-09.csv(.gz) into the shape of
Papers with Code's links-between-papers-and-code.json dump: a JSON array of
objects with paper_url, paper_title, paper_arxiv_id, paper_url_abs,
paper_url_pdf, repo_url, is_official, mentioned_in_paper,
mentioned_in_github, framework.

The CSV is two concatenated runs of the collector, so its header line comes
again at line 887; that repeated header is skipped (any row equal to the
header). Line 998 is a data row with the second run's header glued on
(its last field, `contributors`, ends in "paper_title" and the other
twelve header names follow); its first thirteen fields are the link.
Values are copied as they are, in file order; is_official becomes a
JSON boolean; an empty paper_arxiv_id becomes null. The CSV has no
paper_url_abs/paper_url_pdf or mentioned_* columns: the URLs are built from
the arXiv id as the dump does (null without one) and mentioned_* are null
(unknown). The GitHub columns the collector added (stars, language, ...) are
not part of the dump and are dropped.

Usage: pwc_csv_to_dump.py CSV OUT [--gzip]   (OUT '-' writes to stdout)
Python 3 standard library only.
"""
import argparse
import csv
import gzip
import io
import json
import sys


def read_rows(path):
    data = open(path, "rb").read()
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    reader = csv.reader(io.StringIO(data.decode("utf-8"), newline=""))
    header = next(reader)
    for row in reader:
        if row == header:
            continue  # the second run's header (line 887)
        if len(row) == 2 * len(header) - 1 and row[len(header):] == header[1:]:
            # Line 998: a data row with the next run's header glued to its
            # last field (no newline between); the glued names follow.
            row = row[:len(header)]
        if len(row) != len(header):
            sys.exit("row with %d fields, expected %d: %r" % (len(row), len(header), row[:3]))
        yield dict(zip(header, row))


def to_link(row):
    arxiv = row["paper_arxiv_id"] or None
    official = row["is_official"]
    if official not in ("true", "false"):
        sys.exit("is_official is %r" % official)
    return {
        "paper_url": row["paper_url"],
        "paper_title": row["paper_title"],
        "paper_arxiv_id": arxiv,
        "paper_url_abs": "https://arxiv.org/abs/" + arxiv if arxiv else None,
        "paper_url_pdf": "https://arxiv.org/pdf/" + arxiv + ".pdf" if arxiv else None,
        "repo_url": row["repo_url"],
        "is_official": official == "true",
        "mentioned_in_paper": None,
        "mentioned_in_github": None,
        "framework": row["framework"],
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("csv")
    parser.add_argument("out")
    parser.add_argument("--gzip", action="store_true", help="write gzip (-9, no name or time)")
    args = parser.parse_args()
    links = [to_link(r) for r in read_rows(args.csv)]
    text = json.dumps(links, ensure_ascii=False, indent=1).encode("utf-8")
    if args.gzip:
        text = gzip.compress(text, compresslevel=9, mtime=0)
    if args.out == "-":
        sys.stdout.buffer.write(text)
    else:
        with open(args.out, "wb") as f:
            f.write(text)
    print(len(links), file=sys.stderr)


if __name__ == "__main__":
    main()
