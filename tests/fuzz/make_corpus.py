#!/usr/bin/env python3
# tests/fuzz — make_corpus.py
"""Write the fuzz targets' seed corpora (tests/fuzz/corpus/<target>/) from
the project's recordings in tests/fixtures and its config files. Seeds are
kept small (a few elements of each real page) so libFuzzer's default
max_len stays a few KB and each run spends its time mutating, not parsing
50-model pages. corpus/SOURCES.md says where each seed comes from; rerun
this script after a fixture changes and commit what it writes (crash
reproducers added by hand, named repro-*, are left alone).

Usage: make_corpus.py [REPO_ROOT]   (default: two levels up from here)
Python 3 standard library only.
"""
import ast
import csv
import gzip
import io
import json
import os
import subprocess
import sys

ROOT = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", ".."))
FIX = os.path.join(ROOT, "tests", "fixtures")
OUT = os.path.join(ROOT, "tests", "fuzz", "corpus")


def compact(value):
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


def write(target, name, data):
    folder = os.path.join(OUT, target)
    os.makedirs(folder, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    with open(os.path.join(folder, name), "wb") as f:
        f.write(data)


def clear(target):
    folder = os.path.join(OUT, target)
    if os.path.isdir(folder):
        for name in os.listdir(folder):
            if not name.startswith("repro-"):
                os.remove(os.path.join(folder, name))


def read_text(*parts):
    path = os.path.join(FIX, *parts)
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as f:
        return f.read()


def pygithub_exchanges(text):
    """PyGithub ReplayData: 10 lines per exchange, a blank line between."""
    lines = text.split("\n")
    out = []
    i = 0
    while i + 9 < len(lines):
        if lines[i] == "":
            i += 1
            continue
        method, host, path = lines[i + 1], lines[i + 2], lines[i + 4]
        headers = ast.literal_eval(lines[i + 5])
        out.append({"method": method, "host": host, "path": path, "headers": headers, "body": lines[i + 9]})
        i += 10
    return out


def hf_record(model):
    """The record hf_page_parser makes of a model, as EncodeRecord writes it."""
    libs = [p.strip() for p in (model.get("library_name") or "").split(",") if p.strip()]
    metrics = {k: model[k] for k in ("downloads", "likes") if isinstance(model.get(k), int)}
    attrs = {}
    if model.get("library_name"):
        attrs["library_name"] = model["library_name"]
    for key in ("createdAt", "lastModified", "pipeline_tag"):
        if isinstance(model.get(key), str):
            attrs[key] = model[key]
    record = {"id": model["_id"], "name": model["id"], "date": model.get("createdAt", ""),
              "period_override": "", "tags": model.get("tags", []), "library_names": libs,
              "topics": [], "declared": [], "metrics": dict(sorted(metrics.items())),
              "attrs": dict(sorted(attrs.items()))}
    return compact(record)


def toml_blocks(markdown):
    """The ```toml fenced blocks of a Markdown file."""
    blocks, current = [], None
    with open(markdown, encoding="utf-8") as f:
        for line in f:
            if current is None and line.strip() == "```toml":
                current = []
            elif current is not None and line.strip() == "```":
                blocks.append("".join(current))
                current = None
            elif current is not None:
                current.append(line)
    return blocks


def main():
    # Hugging Face: /api/models pages and the stored record copy.
    models = json.loads(read_text("huggingface", "api_models_trending_50_2024-12.json"))
    clear("hf_models_page")
    write("hf_models_page", "trending-first3.json", compact(models[:3]))
    write("hf_models_page", "trending-49.json", compact(models[49:]))
    write("hf_models_page", "empty.json", "[]")
    clear("hf_record_json")
    for i in (0, 1, 2):
        write("hf_record_json", "trending-%d.json" % i, hf_record(models[i]))

    # Hugging Face: commits pages (the recorded-shape replay of the enrichment tests).
    clear("hf_commits_page")
    seen = 0
    for line in read_text("huggingface", "commits", "exchanges.jsonl").splitlines():
        exchange = json.loads(line)
        body = exchange.get("body", "")
        if exchange.get("status") == 200 and body.startswith("[") and seen < 3:
            write("hf_commits_page", "commits-%d.json" % seen, compact(json.loads(body)[:3]))
            seen += 1

    # Hugging Face: safetensors header prefixes (8-byte length + JSON), as read by Range requests.
    clear("hf_safetensors_header")
    for name in ("peft-lora-distilbert_adapter_model", "mlx-lm-lora_adapters"):
        with open(os.path.join(FIX, "huggingface", "safetensors_headers", name + ".safetensors.head"), "rb") as f:
            write("hf_safetensors_header", name + ".head", f.read())

    # GitHub: /search/repositories answers from the PyGithub recordings.
    clear("gh_search_page")
    search = pygithub_exchanges(read_text("github", "Search.testSearchRepos.txt.gz"))
    for n, exchange in enumerate(search[:2]):
        page = json.loads(exchange["body"])
        page["items"] = page["items"][:2]
        write("gh_search_page", "search-repos-page%d.json" % (n + 1), compact(page))
    empty = pygithub_exchanges(read_text("github", "Search.testSearchReposWithNoResults.txt"))
    write("gh_search_page", "search-no-results.json", empty[0]["body"])

    # Papers with Code: API pages.
    clear("pwc_api_page")
    papers = json.loads(read_text("paperswithcode", "api_v1", "paper_list_response.json"))
    papers["results"] = papers["results"][:2]
    write("pwc_api_page", "paper-list-first2.json", compact(papers))
    write("pwc_api_page", "papers-page2.json", compact(json.loads(read_text("paperswithcode", "api_v1", "papers_page2.json"))))
    write("pwc_api_page", "repositories-gan.json", compact(json.loads(read_text("paperswithcode", "api_v1", "repositories_gan.json"))))

    # Papers with Code: dumps (links as pwc_csv_to_dump.py makes them, plain
    # and gzip; papers-with-abstracts objects from the API's papers).
    clear("pwc_dump")
    tool = os.path.join(ROOT, "tests", "tools", "pwc_csv_to_dump.py")
    csv_path = os.path.join(FIX, "paperswithcode", "pwc_links_subset_with_github_info_2024-09.csv.gz")
    links = json.loads(subprocess.run([sys.executable, tool, csv_path, "-"], check=True, capture_output=True).stdout)
    plain = json.dumps(links[:3], indent=1, ensure_ascii=False)
    write("pwc_dump", "links-first3.json", plain)
    write("pwc_dump", "links-first3.json.gz", gzip.compress(plain.encode("utf-8"), compresslevel=9, mtime=0))
    paper_objects = [{"paper_url": "https://paperswithcode.com/paper/" + p["id"], "arxiv_id": p.get("arxiv_id"),
                      "title": p.get("title"), "date": p.get("published")} for p in papers["results"]]
    write("pwc_dump", "papers-first2.json", json.dumps(paper_objects, indent=1, ensure_ascii=False))

    # Config and rules: the shipped files and the test rules file.
    clear("config_load")
    with open(os.path.join(ROOT, "config", "mltrend.toml"), encoding="utf-8") as f:
        write("config_load", "mltrend.toml", f.read())
    for plugin in ("huggingface", "github", "paperswithcode"):
        for n, block in enumerate(toml_blocks(os.path.join(ROOT, "plugins", plugin, "README.md"))):
            write("config_load", "readme-%s-%d.toml" % (plugin, n), block)
    clear("rules")
    with open(os.path.join(ROOT, "config", "rules", "frameworks.toml"), encoding="utf-8") as f:
        write("rules", "frameworks.toml", f.read())
    write("rules", "rules_tags_only.toml", read_text("huggingface", "rules_tags_only.toml"))
    for n, block in enumerate(toml_blocks(os.path.join(ROOT, "config", "rules", "README.md"))):
        write("rules", "readme-%d.toml" % n, block)

    # Query targets: what the CLI and the README ask, and the GitHub client's
    # recorded request lines (a real query string with %-escapes and '+').
    clear("query_params")
    targets = ["/v1/trends?source=huggingface&bucket=year",
               "/v1/trends?axis=cohort&bucket=quarter&metric=exclusive&source=huggingface&weight=downloads",
               "/v1/trends?sink=trends-official&source=paperswithcode&weight=stars",
               "/v1/sources", "/v1/status", "/metrics", "/healthz", search[0]["path"]]
    for n, target in enumerate(targets):
        write("query_params", "target-%d.txt" % n, target)

    # HTTP requests: what `mltrend` (Beast) and curl send, a pipelined
    # keep-alive pair, POST /v1/reload, and the GitHub recording's request head.
    clear("http_request")
    cli = "GET /v1/sources HTTP/1.1\r\nHost: localhost\r\nUser-Agent: mltrend-cli\r\n\r\n"
    curl = ("GET /v1/trends?source=huggingface&bucket=year HTTP/1.1\r\nHost: localhost\r\n"
            "User-Agent: curl/7.88.1\r\nAccept: */*\r\n\r\n")
    write("http_request", "cli-sources.http", cli)
    write("http_request", "curl-trends.http", curl)
    write("http_request", "pipelined.http", cli + curl.replace("Accept: */*\r\n", "Connection: close\r\n"))
    write("http_request", "post-reload.http", "POST /v1/reload HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\n\r\n")
    write("http_request", "chunked.http", "POST /v1/reload HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n"
          "2\r\n{}\r\n0\r\n\r\n")
    head = search[0]
    headers = "".join("%s: %s\r\n" % (k, v) for k, v in head["headers"].items())
    write("http_request", "pygithub-search.http", "%s %s HTTP/1.1\r\nHost: %s\r\n%s\r\n" % (head["method"], head["path"], head["host"], headers))


if __name__ == "__main__":
    main()
