#!/usr/bin/env python3
# tests/tools — hf_evidence_models.py
"""Turn recorded Hugging Face model metadata into Hub-listing-shaped pages
(GET /api/models answers) that the replay server serves, for end-to-end
evidence tests: file lists (siblings), shas and lineage tags as the
huggingface plugin requests them with its default expand[] list.

Sets (first argument):
  trending   tests/fixtures/huggingface/api_models_trending_1000_2026-05-04.json.gz:
             {fetchedAt, source, count, models:[...]} as a collector wrote it.
             pipelineTag/libraryName are renamed back to pipeline_tag and
             library_name. The file has no _id, sha or siblings: _id is
             derived from the id (hf_listing_to_pages.stable_object_id), sha
             and siblings are left out.
  trees      tests/fixtures/huggingface/model_trees_2025-04/*.json.gz:
             {"models":[{model_id, metadata, ...}]}, metadata a JSON string of
             huggingface_hub ModelInfo attributes (or "N/A": skipped).
             created_at / lastModified "2025-02-21 09:09:41+00:00" become
             "2025-02-21T09:09:41.000Z"; siblings "RepoSibling(rfilename='x',
             ...)" become {"rfilename":"x"}. A model in several trees is kept
             once (first file, first record).
  cassettes  tests/fixtures/huggingface/hub_model_info_vcr_2024-2025.json.gz:
             the GET /api/models/{id} answers extracted from huggingface_hub's
             VCR cassettes (see --extract-cassettes), raw API objects. A
             model recorded twice is kept once, its newest answer.
Several input files may be given for a set.

Each model object carries, in this order and when the source had them:
_id, id, likes, downloads, tags, pipeline_tag, library_name, createdAt,
lastModified, sha, siblings ([{"rfilename": ...}]).

Output in --out: exchanges.jsonl and page-NNNN.json, written by
hf_listing_to_pages.write_pages with the plugin's default first-page target
(limit = --page-size, default 1000), and summary.json: models, with a
siblings list, with weight files (by the plugin's weight extensions), with
base_model tags, whose weight files are all .safetensors, and header
candidates (a .safetensors file, no framework weight file, no framework tag:
the plugin's rule for a header read); also printed on stderr.

--extract-cassettes DIR OUT.json.gz (needs PyYAML, run once by hand): reads
the cassettes' GET https://huggingface.co/api/models/{id} exchanges and
writes [{"cassette", "date", "model_info"}] sorted by cassette name.

Python 3 standard library only (except --extract-cassettes).
"""

import argparse
import glob
import gzip
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import hf_listing_to_pages as pages  # noqa: E402
from count_hf_evidence import WEIGHT_EXTENSIONS  # noqa: E402  (the plugin's weight extensions, written once)

KEYS = ["_id", "id", "likes", "downloads", "tags", "pipeline_tag", "library_name", "createdAt", "lastModified",
        "sha", "siblings"]
SIBLING = re.compile(r"""^RepoSibling\(rfilename=(?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)")""")


def load_json(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as f:
        return json.load(f)


def ordered(model):
    return {k: model[k] for k in KEYS if k in model and model[k] is not None}


def iso(text):
    return pages.iso_timestamp(text) if isinstance(text, str) and " " in text else text


def from_trending(paths):
    out = []
    for path in paths:
        for m in load_json(path)["models"]:
            out.append(ordered({"_id": pages.stable_object_id(m["id"]), "id": m["id"], "likes": m.get("likes"),
                                "downloads": m.get("downloads"), "tags": m.get("tags"),
                                "pipeline_tag": m.get("pipelineTag"), "library_name": m.get("libraryName"),
                                "createdAt": m.get("createdAt"), "lastModified": m.get("lastModified")}))
    return out


def sibling_name(text):
    match = SIBLING.match(text)
    if not match:
        raise SystemExit("unreadable sibling %r" % text)
    quoted = match.group(1) if match.group(1) is not None else match.group(2)
    return re.sub(r"\\(.)", r"\1", quoted)


def from_trees(paths):
    out, seen = [], set()
    for path in paths:
        for record in load_json(path)["models"]:
            if not isinstance(record.get("metadata"), str) or record["metadata"] == "N/A":
                continue
            info = json.loads(record["metadata"])
            if info["_id"] in seen:
                continue
            seen.add(info["_id"])
            model = {"_id": info["_id"], "id": info["id"], "likes": info.get("likes"),
                     "downloads": info.get("downloads"), "tags": info.get("tags"),
                     "pipeline_tag": info.get("pipeline_tag"), "library_name": info.get("library_name"),
                     "createdAt": iso(info.get("created_at")),
                     "lastModified": iso(info.get("lastModified") or info.get("last_modified")),
                     "sha": info.get("sha")}
            if isinstance(info.get("siblings"), list):
                model["siblings"] = [{"rfilename": sibling_name(s)} for s in info["siblings"]]
            out.append(ordered(model))
    return out


def from_cassettes(paths):
    newest = {}
    for path in paths:
        for entry in load_json(path):
            info = entry["model_info"]
            newest[info["_id"]] = info  # entries are in date order within a model: see --extract-cassettes
    return [ordered(dict(info)) for info in newest.values()]


def extract_cassettes(folder, out_path):
    import yaml  # only this mode needs PyYAML

    entries = []
    for path in sorted(glob.glob(os.path.join(folder, "*.yaml"))):
        for interaction in yaml.safe_load(open(path, encoding="utf-8"))["interactions"]:
            uri = interaction["request"]["uri"]
            if not re.match(r"^https://huggingface\.co/api/models/[^/]+/[^/?]+$", uri):
                continue
            if interaction["response"]["status"]["code"] != 200:
                continue
            headers = {k.lower(): v for k, v in interaction["response"]["headers"].items()}
            entries.append({"cassette": os.path.basename(path), "date": (headers.get("date") or [""])[0],
                            "model_info": json.loads(interaction["response"]["body"]["string"])})
    with gzip.open(out_path, "wt", encoding="utf-8") as f:
        json.dump(entries, f, ensure_ascii=False, separators=(",", ":"))
    print("%d model_info answers written to %s" % (len(entries), out_path), file=sys.stderr)


def extension(name):
    base = name.rsplit("/", 1)[-1]
    return base.rsplit(".", 1)[-1].lower() if "." in base[1:] else ""


FRAMEWORK_TAGS = {"pytorch", "tf", "tensorflow", "jax", "flax", "keras", "tf-keras"}


def framework_weight_file(name):
    """hf_files.cpp IsFrameworkWeightFile: a weight file only one framework writes."""
    base, ext = name.rsplit("/", 1)[-1].lower(), extension(name)
    if ext in {"pt", "pth", "ckpt", "h5", "hdf5", "tflite", "keras", "pdparams", "nemo"}:
        return True
    if ext == "bin":
        return base.startswith("pytorch_model") or base.startswith("diffusion_pytorch_model")
    if ext == "msgpack":
        return base.startswith("flax_model")
    return base == "saved_model.pb"


def summary(models):
    def weights(m):
        return [s["rfilename"] for s in m.get("siblings", []) if extension(s["rfilename"]) in WEIGHT_EXTENSIONS]

    listed = [m for m in models if "siblings" in m]
    with_weights = [m for m in listed if weights(m)]
    return {
        "models": len(models),
        "with_siblings": len(listed),
        "with_weight_files": len(with_weights),
        "with_base_model_tags": sum(1 for m in models if any(t.startswith("base_model:") for t in m.get("tags", []))),
        "safetensors_only_weights": sum(1 for m in with_weights
                                        if all(extension(f) == "safetensors" for f in weights(m))),
        # The plugin's header-read rule (hf_headers.cpp IsHeaderCandidate), sha aside.
        "header_candidates": sum(1 for m in with_weights
                                 if any(extension(f) == "safetensors" for f in weights(m))
                                 and not any(framework_weight_file(f) for f in weights(m))
                                 and not FRAMEWORK_TAGS & {t.lower() for t in m.get("tags", [])}),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("set", nargs="?", choices=["trending", "trees", "cassettes"])
    parser.add_argument("inputs", nargs="*", help="input files of the set")
    parser.add_argument("--out", help="output directory (created if missing)")
    parser.add_argument("--page-size", type=int, default=1000, help="models per page (default 1000)")
    parser.add_argument("--extract-cassettes", nargs=2, metavar=("DIR", "OUT"), help="see the docstring")
    args = parser.parse_args()
    if args.extract_cassettes:
        extract_cassettes(*args.extract_cassettes)
        return
    if not args.set or not args.inputs or not args.out:
        parser.error("give a set, its input files and --out")
    if args.page_size <= 0:
        parser.error("--page-size must be positive")
    models = {"trending": from_trending, "trees": from_trees, "cassettes": from_cassettes}[args.set](args.inputs)
    count = pages.write_pages(models, args.out, args.page_size, pages.default_target_prefix(args.page_size))
    figures = summary(models)
    with open(os.path.join(args.out, "summary.json"), "w", encoding="utf-8") as f:
        json.dump(figures, f, indent=1, sort_keys=False)
        f.write("\n")
    print("%s: %d pages in %s; %s" % (args.set, count, args.out, json.dumps(figures)), file=sys.stderr)


if __name__ == "__main__":
    main()
