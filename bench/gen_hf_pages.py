#!/usr/bin/env python3
# bench — gen_hf_pages.py
"""Write N synthetic Hugging Face models as Hub-API-shaped listing pages for
the loopback replay server (tests/replay, `mltrend-replay --dir OUT`).

Seeded and reproducible: the same --seed, N and inputs give byte-identical
pages. Never committed; bench/run writes them into a scratch directory.

Distributions are drawn from the real recordings (see SOURCES.md beside them):
  - tags, pipeline_tag, downloads and lastModified: one row of the 9,715-model
    listing (hf_models_top_downloads_2024-09-20.csv.gz), picked uniformly per
    model, so the joint distribution of a row's tags is kept. The listing
    leans to popular models (downloads >= 1,193).
  - library_name: drawn from the 873,548-model library counts
    (hf_library_name_model_counts_2025-04.csv), weighted by count; the empty
    name means the key is absent, as the Hub sends it.
  - likes: the listing has none; likes = downloads times a likes/downloads
    ratio drawn from the 50 models of api_models_trending_50_2024-12.json.
  - createdAt: the listing has none; lastModified minus 0-540 days, clamped
    to the Hub's floor 2022-03-02T23:29:04.000Z as the Hub does for older
    models (which the plugin maps to period "pre-2022-03").
  - _id: 24 hex digits, unique per model; id: "<author>/<name>-<n>".

Pages: exactly the plugin's default first request (limit=1000 and its
default expand[] list, see tests/tools/hf_listing_to_pages.py, whose target
and cursor rules are reused), then `&cursor=...` pages named by the
`Link: <{{base_url}}...>; rel="next"` header of the page before.

--variant K rewrites every 100th model (1%) with K added to its downloads and
a `tf` tag appended: the same models, 1% changed, for the incremental fold.

Python 3 standard library only.
"""

import argparse
import ast
import bisect
import csv
import datetime
import gzip
import io
import json
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(REPO, "tests", "tools"))
from hf_listing_to_pages import default_target_prefix, opaque_cursor  # noqa: E402

FLOOR = datetime.datetime(2022, 3, 2, 23, 29, 4, tzinfo=datetime.timezone.utc)


def default_data_dir():
    shared = os.path.join(REPO, "..", "shared", "data", "huggingface")
    if os.path.isdir(shared):
        return shared
    return os.path.join(REPO, "tests", "fixtures", "huggingface")


def iso(moment):
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + "%03dZ" % (moment.microsecond // 1000)


def load_templates(data):
    raw = gzip.decompress(open(os.path.join(data, "hf_models_top_downloads_2024-09-20.csv.gz"), "rb").read())
    templates = []
    for row in csv.DictReader(io.StringIO(raw.decode("utf-8"), newline="")):
        modified = datetime.datetime.fromisoformat(row["lastModified"]).astimezone(datetime.timezone.utc)
        templates.append({
            "author": row["author"] or "user",
            "name": row["modelName"] or "model",
            "downloads": int(row["downloads"]),
            "tags": ast.literal_eval(row["tags"]),
            "pipeline_tag": row["pipeline_tag"] or None,
            "modified": modified,
        })
    return templates


def load_libraries(data):
    names, cumulative, total = [], [], 0
    with open(os.path.join(data, "hf_library_name_model_counts_2025-04.csv"), encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            total += int(row["Model Count"])
            names.append(row["Library"].strip())
            cumulative.append(total)
    return names, cumulative, total


def load_like_ratios(data):
    models = json.load(open(os.path.join(data, "api_models_trending_50_2024-12.json"), encoding="utf-8"))
    return [m["likes"] / max(m["downloads"], 1) for m in models if isinstance(m.get("likes"), int)]


def generate(args):
    rng = random.Random(args.seed)
    templates = load_templates(args.data)
    libraries, cumulative, total = load_libraries(args.data)
    ratios = load_like_ratios(args.data)
    # Pre-encoded per template: the JSON of its tags and strings, so that a
    # model costs a few random draws and one string format.
    encoded = [(json.dumps(t["author"] + "/" + t["name"], ensure_ascii=False)[:-1], json.dumps(t["tags"]),
                json.dumps(t["tags"] + ["tf"]), t) for t in templates]
    lib_json = [json.dumps(name) if name else None for name in libraries]

    prefix = default_target_prefix(args.page_size)
    os.makedirs(args.out, exist_ok=True)
    pages = max(1, (args.n + args.page_size - 1) // args.page_size)
    targets = [prefix if p == 0 else "%s&cursor=%s" % (prefix, opaque_cursor(p * args.page_size))
               for p in range(pages)]
    with open(os.path.join(args.out, "exchanges.jsonl"), "w", encoding="utf-8") as log:
        for p in range(pages):
            parts = []
            for i in range(p * args.page_size, min(args.n, (p + 1) * args.page_size)):
                name_json, tags_json, tags_tf_json, t = encoded[rng.randrange(len(encoded))]
                lib = lib_json[bisect.bisect_right(cumulative, rng.randrange(total))]
                created = max(FLOOR, t["modified"] - datetime.timedelta(seconds=rng.randrange(540 * 86400)))
                downloads = t["downloads"]
                likes = int(downloads * rng.choice(ratios))
                changed = args.variant and i % 100 == 0
                if changed:
                    downloads += args.variant
                fields = ['{"_id":"%08x%016x"' % (0x65000000 + (i >> 20), i), '"id":%s-%d"' % (name_json, i),
                          '"likes":%d' % likes, '"downloads":%d' % downloads,
                          '"tags":%s' % (tags_tf_json if changed else tags_json)]
                if t["pipeline_tag"]:
                    fields.append('"pipeline_tag":"%s"' % t["pipeline_tag"])
                if lib:
                    fields.append('"library_name":%s' % lib)
                fields.append('"createdAt":"%s","lastModified":"%s"}' % (iso(created), iso(t["modified"])))
                parts.append(",".join(fields))
            body_file = "page-%05d.json" % (p + 1)
            with open(os.path.join(args.out, body_file), "w", encoding="utf-8") as out:
                out.write("[" + ",".join(parts) + "]")
            headers = [["Content-Type", "application/json; charset=utf-8"]]
            if p + 1 < pages:
                headers.append(["Link", '<{{base_url}}%s>; rel="next"' % targets[p + 1]])
            log.write(json.dumps({"method": "GET", "target": targets[p], "status": 200, "headers": headers,
                                  "body_file": body_file}, separators=(",", ":")) + "\n")
    print("%d models in %d pages written to %s" % (args.n, pages, args.out), file=sys.stderr)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, required=True, help="models to write (up to 5,000,000)")
    parser.add_argument("--out", required=True, help="output directory (created if missing)")
    parser.add_argument("--data", default=default_data_dir(),
                        help="folder with the recorded HF files (default ../shared/data/huggingface, "
                             "else tests/fixtures/huggingface)")
    parser.add_argument("--seed", type=int, default=20241209)
    parser.add_argument("--page-size", type=int, default=1000, help="models per page (the plugin's default 1000)")
    parser.add_argument("--variant", type=int, default=0, help="change every 100th model by this many downloads")
    args = parser.parse_args()
    if not 0 < args.n <= 5_000_000 or args.page_size <= 0:
        parser.error("--n must be in 1..5,000,000 and --page-size positive")
    generate(args)


if __name__ == "__main__":
    main()
