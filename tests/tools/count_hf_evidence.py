#!/usr/bin/env python3
# tests/tools — count_hf_evidence.py
"""Independent count of what the framework_share sink reports for Hugging
Face models under a rules file with grades, weight-file globs, safetensors
header formats and lineage: the check behind the evidence figures.

Shares no code with the C++ sink. It reads the models and the rules TOML
itself and applies the rules as config/rules/README.md states them:

- Values compare in ASCII lower case, surrounding blanks ignored. Channels:
  tags, library_names (library_name split on commas), files (fnmatch globs;
  a pattern holding '/' matches the whole path, else the base name),
  header_formats.
- A record's own set is the union of the frameworks of its matching rules of
  grade "direct" if any match, else of grade "library" (a rule without
  grade is direct).
- Lineage: base names come from tags `base_model:<repo>` and
  `base_model:<relation>:<repo>` (relations finetune, adapter, quantized,
  merge), lower-cased, the record's own name left out. A record without an
  own set inherits the union over its bases of (the base's own set, else
  what the base inherits): the least fixed point, iterated until nothing
  moves. Grade "lineage" when that is non-empty.
- Unknown records get a reason, as the sink words it: files ("no file
  list" when the model has no siblings list and has tags, "evidence matches
  no rule" without tags, "no weight files", "safetensors, header not read
  yet", "<format> weights only", "weight files no rule names") then "; base
  not in store" / "; base unknown" when it names bases.

Input: JSON files (optionally .gz) each holding a list of Hub model objects,
or an object with the list under "models" (a listing page directory's
page-*.json files may be given together). Keys read: id, tags,
library_name / libraryName, downloads, siblings [{"rfilename"}]. Of the
siblings only the names the huggingface source keeps as evidence count (its
documented weight extensions, library configs, *.index.json,
openvino_model.xml, files inside *.mlpackage/); its per-record bounds are
not applied.

Prints one JSON object:
  {"total":{"count","downloads"}, "classified":..., "unknown":...,
   "direct":..., "library":..., "lineage":...,
   "unknown_reasons": {"<reason>": {"count","downloads"}},
   "frameworks": {"pytorch": {"exclusive":{...}, "available":{...}}},
   "tagged_with_files": [names]}
"tagged_with_files" lists, sorted, the models that carry a framework tag
(pytorch, tf, tensorflow, jax, flax, keras, mlx) and match a direct `files`
rule: where the Hub's own tags and the weight files can be compared.

Python 3.11+ standard library only.
"""

import argparse
import fnmatch
import gzip
import json
import posixpath
import tomllib

RELATIONS = {"finetune", "adapter", "quantized", "merge"}
# What plugins/huggingface/README.md says the source keeps of a file list.
WEIGHT_EXTENSIONS = {"bin", "pt", "pth", "ckpt", "h5", "hdf5", "pb", "tflite", "msgpack", "keras", "gguf", "ggml",
                     "onnx", "mlmodel", "safetensors", "nemo", "pdparams", "params", "joblib", "pkl", "pickle", "npz",
                     "ot", "llamafile", "engine", "pte"}
CONFIG_NAMES = {"adapter_config.json", "model_index.json", "config.json", "params.json", "hyperparams.yaml",
                "config_sentence_transformers.json", "modules.json"}


def kept_by_source(path):
    lower = path.lower()
    base = posixpath.basename(lower)
    if ".mlpackage/" in lower:
        return True
    if base in CONFIG_NAMES or base.endswith(".index.json") or base == "openvino_model.xml":
        return True
    return "." in base and base.rsplit(".", 1)[1] in WEIGHT_EXTENSIONS
CONFIG_SUFFIXES = (".json", ".yaml", ".yml")


def fold(value):
    return value.strip().lower()


def load_rules(path):
    with open(path, "rb") as f:
        doc = tomllib.load(f)
    rules = []
    for rule in doc.get("rule", []):
        rules.append({
            "framework": rule["framework"],
            "grade": rule.get("grade", "direct"),
            "tags": {fold(v) for v in rule.get("tags", [])},
            "library_names": {fold(v) for v in rule.get("library_names", [])},
            "files": [v.lower() for v in rule.get("files", [])],
            "header_formats": {fold(v) for v in rule.get("header_formats", [])},
        })
    formats = [(f["name"], [v.lower() for v in f["files"]]) for f in doc.get("format", [])]
    return rules, formats


def glob_matches(pattern, path):
    path = path.lower()
    target = path if "/" in pattern else posixpath.basename(path)
    return fnmatch.fnmatchcase(target, pattern)


def own_set(model, rules):
    sets = {"direct": set(), "library": set()}
    for rule in rules:
        hit = (model["tags"] & rule["tags"] or model["libs"] & rule["library_names"]
               or model["headers"] & rule["header_formats"]
               or any(glob_matches(p, f) for p in rule["files"] for f in model["files"]))
        if hit:
            sets[rule["grade"]].add(rule["framework"])
    if sets["direct"]:
        return "direct", sets["direct"]
    if sets["library"]:
        return "library", sets["library"]
    return None, set()


def file_reason(model, formats):
    if not model["listed"]:
        return "no file list" if model["tags"] else "evidence matches no rule"
    found = [name for name, patterns in formats
             if any(glob_matches(p, f) for p in patterns for f in model["files"])]
    if "safetensors" in found:
        return ("safetensors, header names no framework" if model["header_read"]
                else "safetensors, header not read yet")
    if found:
        return found[0] + " weights only"
    if any(not f.lower().endswith(CONFIG_SUFFIXES) for f in model["files"]):
        return "weight files no rule names"
    return "no weight files"


def inherit(own, bases, keys_by_name):
    """What each record without an own set inherits: own maps a record key to
    its own set, bases a key to the (lower-cased) names it cites,
    keys_by_name a name to the keys of the records so named. The union over
    the bases of (own set, else inherited set), iterated from empty sets
    until nothing moves: the least fixed point, so cycles add nothing."""
    inherited = {key: set() for key in own}
    moved = True
    while moved:
        moved = False
        for key, found in own.items():
            if found:
                continue
            union = set()
            for base in bases[key]:
                for b in keys_by_name.get(base, []):
                    union |= own[b] or inherited[b]
            if union != inherited[key]:
                inherited[key] = union
                moved = True
    return inherited


def base_names(name, raw_tags):
    bases = set()
    for tag in raw_tags:
        if not tag.lower().startswith("base_model:") or len(tag) <= len("base_model:"):
            continue
        rest = tag[len("base_model:"):]
        if ":" in rest and rest.split(":", 1)[0].lower() in RELATIONS:
            rest = rest.split(":", 1)[1]
        if rest:
            bases.add(rest.lower())
    bases.discard(name.lower())
    return bases


def read_models(paths):
    items = []
    for path in paths:
        opener = gzip.open if path.endswith(".gz") else open
        with opener(path, "rt", encoding="utf-8") as f:
            doc = json.load(f)
        items += doc["models"] if isinstance(doc, dict) else doc
    models = []
    for m in items:
        library = m.get("library_name", m.get("libraryName")) or ""
        siblings = m.get("siblings")
        models.append({
            "name": m["id"],
            "tags": {fold(t) for t in m.get("tags", [])},
            "libs": {fold(p) for p in library.split(",") if p.strip()},
            "files": [s["rfilename"] for s in siblings if kept_by_source(s["rfilename"])] if siblings is not None else [],
            "listed": siblings is not None,
            "headers": {fold(h) for h in m.get("header_formats", [])},
            "header_read": "safetensors_header" in m,
            "bases": base_names(m["id"], m.get("tags", [])),
            "downloads": max(0, int(m.get("downloads") or 0)),
        })
    return models


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("models", nargs="+")
    parser.add_argument("--rules", required=True)
    args = parser.parse_args()
    rules, formats = load_rules(args.rules)
    models = read_models(args.models)

    by_name = {}
    for m in models:
        m["grade"], m["own"] = own_set(m, rules)
        by_name.setdefault(m["name"].lower(), []).append(id(m))
    inherited = inherit({id(m): m["own"] for m in models}, {id(m): m["bases"] for m in models}, by_name)

    def measure():
        return {"count": 0, "downloads": 0}

    out = {k: measure() for k in ("total", "classified", "unknown", "direct", "library", "lineage")}
    reasons, frameworks = {}, {}
    for m in models:
        w = {"count": 1, "downloads": m["downloads"]}
        grade, found = (m["grade"], m["own"]) if m["own"] else ("lineage", inherited[id(m)])
        keys = ["total"]
        if found:
            keys += ["classified", grade]
            for f in found:
                entry = frameworks.setdefault(f, {"exclusive": measure(), "available": measure()})
                kinds = ["available"] + (["exclusive"] if len(found) == 1 else [])
                for kind in kinds:
                    for k in w:
                        entry[kind][k] += w[k]
        else:
            keys.append("unknown")
            reason = file_reason(m, formats)
            if m["bases"]:
                stored = any(b in by_name for b in m["bases"])
                reason += "; " + ("base unknown" if stored else "base not in store")
            r = reasons.setdefault(reason, measure())
            for k in w:
                r[k] += w[k]
        for key in keys:
            for k in w:
                out[key][k] += w[k]
    out["unknown_reasons"] = reasons
    out["frameworks"] = frameworks
    framework_tags = {"pytorch", "tf", "tensorflow", "jax", "flax", "keras", "mlx"}
    file_rules = [r for r in rules if r["grade"] == "direct" and r["files"]]
    out["tagged_with_files"] = sorted(
        m["name"] for m in models
        if m["tags"] & framework_tags
        and any(glob_matches(p, f) for r in file_rules for p in r["files"] for f in m["files"]))
    print(json.dumps(out, sort_keys=True, indent=1))


if __name__ == "__main__":
    main()
