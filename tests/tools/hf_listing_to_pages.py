#!/usr/bin/env python3
# tests/tools — hf_listing_to_pages.py
"""Turn the recorded Hugging Face model listing (CSV) into Hub-API-shaped pages
that the replay server (tests/support, mltrend_test::ReplayServer) serves.

Input: tests/fixtures/huggingface/hf_models_top_downloads_2024-09-20.csv.gz
(9,715 models, one row each; see tests/fixtures/SOURCES.md).

Output in --out:
  exchanges.jsonl   one JSON object a line, ReplayServer::LoadDirectory's format:
                    {"method":"GET","target":...,"status":200,
                     "headers":[["Content-Type",...],["Link","<{{base_url}}...>; rel=\"next\""]],
                     "body_file":"page-0001.json"}
                    (plus "gzip":true with --gzip)
  page-NNNN.json    a bare JSON array of model objects, as GET /api/models sends.

Targets. The first page's target is exactly what the huggingface plugin
requests with its default configuration (plugins/huggingface/hf_request.cpp,
BuildFirstPageUrl): /api/models?limit=<page size> followed by one
expand%5B%5D=<field> per default expand field, brackets percent-encoded, in the
plugin's default order. Every later page's target is the first page's target
plus "&cursor=<opaque>", the opaque cursor being the unpadded URL-safe base64
of the decimal offset of the page's first row. The Link header of every page
but the last names the next page as {{base_url}}<target>; the replay server
substitutes its own http://127.0.0.1:PORT for {{base_url}}.

Records. Keys appear in the API's order: _id, id, likes (absent: the CSV has
no likes), private, downloads, tags, pipeline_tag (absent when empty, as the
API omits it), lastModified, modelId, sha.
  - _id: the CSV has none. It is derived stably from the modelId: the first
    24 hex digits of sha1(modelId UTF-8). Not a real ObjectId (its first four
    bytes are no timestamp), but stable across runs and unique per model.
  - createdAt: the CSV has none, so the key is left out. These records are
    "undated" on the cohort axis: a source that reads them stores no date.
  - tags: the CSV holds a Python list repr; it is parsed with ast.literal_eval.
  - lastModified: "2024-02-19 11:06:12+00:00" becomes "2024-02-19T11:06:12.000Z".
  - library_name: the CSV has none, so the key is left out.
Rows are kept in file order (the collector's downloads order).

Input may also be a saved GET /api/models answer (a .json file holding a JSON
array, e.g. tests/fixtures/huggingface/api_models_trending_50_2024-12.json):
its model objects are used as they are, keys in their recorded order.

Refresh page sets and test edits (all optional):
  --sort createdAt|lastModified  order the models newest first by that key
                    (models without it last, ties in input order) and put
                    "&sort=<key>&direction=-1" before the expand[] list, as
                    the plugin's refresh requests do (BuildRefreshUrl).
  --drop-newest N   leave out the N models with the newest createdAt: the
                    Hub as it was before they were created.
  --override MODEL:FIELD=VALUE  set FIELD of model MODEL (its "id") to VALUE,
                    read as JSON when it parses, else as a string; repeatable.
                    Applied before sorting. Used to stand for a model changed
                    since the crawl, or one at the createdAt floor.
  --rate-remaining N [--rate-reset T] [--rate-quota Q]  page i carries
                    RateLimit: "api";r=max(N-i,0);t=T and RateLimit-Policy:
                    "fixed window";"api";q=Q;w=300, the Hub's header shape.

Python 3 standard library only.
"""

import argparse
import ast
import base64
import csv
import datetime
import gzip
import hashlib
import io
import json
import os
import sys

# The plugin's default expand[] list, in the order it sends them
# (plugins/huggingface/hf_config.hpp, key "expand").
DEFAULT_EXPAND = ["createdAt", "downloads", "lastModified", "library_name", "likes", "pipeline_tag", "sha",
                  "siblings", "tags"]


def default_target_prefix(page_size, sort=None):
    query = "limit=%d" % page_size
    if sort:
        query += "&sort=%s&direction=-1" % sort
    query += "".join("&expand%%5B%%5D=%s" % f for f in DEFAULT_EXPAND)
    return "/api/models?" + query


def read_models(path):
    """The model objects of a saved API answer (.json) or of the CSV listing."""
    if path.endswith(".json"):
        with open(path, encoding="utf-8") as f:
            models = json.load(f)
        if not isinstance(models, list) or not all(isinstance(m, dict) for m in models):
            raise SystemExit("%s is not a JSON array of model objects" % path)
        return models
    return [to_api_object(row, n + 2) for n, row in enumerate(read_rows(path))]  # +2: header, 1-based


def apply_override(models, spec):
    model_id, sep, rest = spec.partition(":")
    field, eq, text = rest.partition("=")
    if not sep or not eq or not field:
        raise SystemExit("--override %r is not MODEL:FIELD=VALUE" % spec)
    try:
        value = json.loads(text)
    except ValueError:
        value = text
    hits = [m for m in models if m.get("id") == model_id]
    if not hits:
        raise SystemExit("--override: no model %r" % model_id)
    for m in hits:
        m[field] = value


def newest_first(models, key):
    present = [m for m in models if isinstance(m.get(key), str)]
    absent = [m for m in models if not isinstance(m.get(key), str)]
    return sorted(present, key=lambda m: m[key], reverse=True) + absent


def stable_object_id(model_id):
    return hashlib.sha1(model_id.encode("utf-8")).hexdigest()[:24]


def opaque_cursor(offset):
    return base64.urlsafe_b64encode(str(offset).encode("ascii")).decode("ascii").rstrip("=")


def iso_timestamp(pandas_text):
    moment = datetime.datetime.fromisoformat(pandas_text)
    if moment.utcoffset() is None:
        raise ValueError("lastModified without a UTC offset: %r" % pandas_text)
    moment = moment.astimezone(datetime.timezone.utc)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + "%03dZ" % (moment.microsecond // 1000)


def parse_bool(text, row_number):
    if text == "True":
        return True
    if text == "False":
        return False
    raise ValueError("row %d: private is %r, expected True or False" % (row_number, text))


def to_api_object(row, row_number):
    tags = ast.literal_eval(row["tags"])
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        raise ValueError("row %d: tags is not a list of strings" % row_number)
    model = {
        "_id": stable_object_id(row["modelId"]),
        "id": row["modelId"],
        "private": parse_bool(row["private"], row_number),
        "downloads": int(row["downloads"]),
        "tags": tags,
    }
    if row["pipeline_tag"]:
        model["pipeline_tag"] = row["pipeline_tag"]
    model["lastModified"] = iso_timestamp(row["lastModified"])
    model["modelId"] = row["modelId"]
    model["sha"] = row["sha"]
    return model


def read_rows(path):
    raw = open(path, "rb").read()
    if path.endswith(".gz"):
        raw = gzip.decompress(raw)
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8"), newline="")))


def write_pages(models, out_dir, page_size, prefix, gzip_bodies=False, rate_remaining=None, rate_reset=157,
                rate_quota=500):
    """Writes `models` (API model objects) as pages of `page_size` and the
    exchanges.jsonl that serves them (see the module docstring); the first
    page's target is `prefix`. Also used by hf_evidence_models.py."""
    ids = {m["_id"] for m in models}
    if len(ids) != len(models):
        raise SystemExit("derived _id values collide; the listing has duplicate modelIds")
    os.makedirs(out_dir, exist_ok=True)
    offsets = list(range(0, len(models), page_size)) or [0]
    targets = [prefix if off == 0 else "%s&cursor=%s" % (prefix, opaque_cursor(off)) for off in offsets]
    with open(os.path.join(out_dir, "exchanges.jsonl"), "w", encoding="utf-8") as log:
        for number, offset in enumerate(offsets, start=1):
            body_file = "page-%04d.json" % number
            page = models[offset : offset + page_size]
            with open(os.path.join(out_dir, body_file), "w", encoding="utf-8") as out:
                json.dump(page, out, ensure_ascii=False, separators=(",", ":"))
            headers = [["Content-Type", "application/json; charset=utf-8"]]
            if number < len(offsets):
                headers.append(["Link", '<{{base_url}}%s>; rel="next"' % targets[number]])
            if rate_remaining is not None:
                remaining = max(rate_remaining - number, 0)
                headers.append(["RateLimit", '"api";r=%d;t=%d' % (remaining, rate_reset)])
                headers.append(["RateLimit-Policy", '"fixed window";"api";q=%d;w=300' % rate_quota])
            exchange = {"method": "GET", "target": targets[number - 1], "status": 200,
                        "headers": headers, "body_file": body_file}
            if gzip_bodies:
                exchange["gzip"] = True
            log.write(json.dumps(exchange, separators=(",", ":")) + "\n")
    return len(offsets)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("csv", help="the listing, .csv or .csv.gz, or a saved API answer (.json)")
    parser.add_argument("--out", required=True, help="output directory (created if missing)")
    parser.add_argument("--page-size", type=int, default=1000, help="models per page (default 1000)")
    parser.add_argument("--target-prefix", default=None,
                        help="the first page's target; default: what the plugin requests with "
                             "limit=<page size> and its default expand[] list")
    parser.add_argument("--max-rows", type=int, default=0, help="use only the first N rows (0: all)")
    parser.add_argument("--gzip", action="store_true",
                        help='add "gzip": true to each exchange: the replay server then compresses the body '
                             "when the client accepts it, as the Hub does")
    parser.add_argument("--sort", choices=["createdAt", "lastModified"], default=None,
                        help="newest first by this key, with the refresh request's target")
    parser.add_argument("--drop-newest", type=int, default=0, help="leave out the N newest models by createdAt")
    parser.add_argument("--override", action="append", default=[], help="MODEL:FIELD=VALUE (repeatable)")
    parser.add_argument("--rate-remaining", type=int, default=None, help="add RateLimit headers, r counting down")
    parser.add_argument("--rate-reset", type=int, default=157, help="t= of the RateLimit header (default 157)")
    parser.add_argument("--rate-quota", type=int, default=500, help="q= of RateLimit-Policy (default 500)")
    args = parser.parse_args()
    if args.page_size <= 0:
        parser.error("--page-size must be positive")

    prefix = args.target_prefix or default_target_prefix(args.page_size, args.sort)
    models = read_models(args.csv)
    if args.max_rows > 0:
        models = models[: args.max_rows]
    for spec in args.override:
        apply_override(models, spec)
    if args.drop_newest > 0:
        dropped = {id(m) for m in newest_first(models, "createdAt")[: args.drop_newest]}
        models = [m for m in models if id(m) not in dropped]
    if args.sort:
        models = newest_first(models, args.sort)
    pages = write_pages(models, args.out, args.page_size, prefix, gzip_bodies=args.gzip,
                        rate_remaining=args.rate_remaining, rate_reset=args.rate_reset, rate_quota=args.rate_quota)
    print("%d models in %d pages written to %s" % (len(models), pages, args.out), file=sys.stderr)


if __name__ == "__main__":
    main()
