#!/bin/sh
# tests/tools — make_readme_chart.sh
#
# Makes the README charts (docs/images/*.svg) and a sample report from the
# REAL recorded data in tests/fixtures, the same replays the end-to-end tests
# use: the Hugging Face listing (9,715 models, 2024-09-20) served by
# mltrend-replay as Hub API pages, the Papers with Code links subset as a
# dump, the GitHub topic search as search pages. A real mltrendd crawls
# them once, then `mltrend chart` and `mltrend report` ask it.
#
# usage: tests/tools/make_readme_chart.sh [BUILD_DIR] [OUT_DIR]
#   BUILD_DIR  a configured and built tree (default: build)
#   OUT_DIR    where the SVGs go (default: docs/images); report.html goes to $TMPDIR
# MLTREND_RULES names another rules file (default config/rules/frameworks.toml).
# Needs python3 and the built mltrendd, mltrend, mltrend-replay and plugins.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../.." && pwd)
build=$(cd "${1:-$src/build}" && pwd)
out=${2:-$src/docs/images}
mkdir -p "$out"
out=$(cd "$out" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/mltrend-readme.XXXXXX")
pids=""
cleanup() {
  for p in $pids; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT INT TERM
fx="$src/tests/fixtures"

python3 "$here/hf_listing_to_pages.py" "$fx/huggingface/hf_models_top_downloads_2024-09-20.csv.gz" \
  --out "$work/hf_pages" >/dev/null
python3 "$here/pwc_csv_to_dump.py" "$fx/paperswithcode/pwc_links_subset_with_github_info_2024-09.csv.gz" \
  "$work/links.json.gz" --gzip >/dev/null
python3 "$here/github_csv_to_search_pages.py" "$fx/github/github_search_repos_by_ml_topic_2024-10.csv.gz" \
  --out "$work/gh_pages" --search-limit 100000 >/dev/null

"$build/bin/mltrend-replay" --dir "$work/hf_pages" --port-file "$work/hf.port" >/dev/null 2>&1 &
pids="$pids $!"
"$build/bin/mltrend-replay" --dir "$work/gh_pages" --port-file "$work/gh.port" >/dev/null 2>&1 &
pids="$pids $!"
i=0
while [ ! -s "$work/hf.port" ] || [ ! -s "$work/gh.port" ]; do
  i=$((i + 1)); [ $i -lt 100 ] || { echo "replay servers did not start" >&2; exit 1; }
  sleep 0.1
done

rules=${MLTREND_RULES:-$src/config/rules/frameworks.toml}
cat > "$work/mltrend.toml" <<TOML
[daemon]
state_dir = "$work/state"
socket = "$work/mltrend.sock"
plugin_dir = "$build/lib/mltrend/plugins"
log_level = "warn"

[[source]]
name = "huggingface"
plugin = "huggingface"
interval = "6h"
jitter = "0s"
base_url = "http://127.0.0.1:$(cat "$work/hf.port")"

[[source]]
name = "paperswithcode"
plugin = "paperswithcode"
interval = "6h"
jitter = "0s"
links = "$work/links.json.gz"

[[source]]
name = "github"
plugin = "github"
interval = "6h"
jitter = "0s"
base_url = "http://127.0.0.1:$(cat "$work/gh.port")"
created_until = "2024-10-31"
queries = ["topic:python", "topic:machine-learning", "topic:ai", "topic:data-science", "topic:api"]

[[sink]]
name = "trends"
plugin = "framework_share"
rules = "$rules"
TOML

"$build/bin/mltrendd" --once --config "$work/mltrend.toml"
"$build/bin/mltrendd" --config "$work/mltrend.toml" &
pids="$pids $!"
i=0
until "$build/bin/mltrend" --socket "$work/mltrend.sock" get /healthz >/dev/null 2>&1; do
  i=$((i + 1)); [ $i -lt 300 ] || { echo "mltrendd did not start" >&2; exit 1; }
  sleep 0.1
done

cli="$build/bin/mltrend --socket $work/mltrend.sock"
# The Hub listing carries no creation dates: one "undated" column.
$cli chart --source huggingface --output "$out/huggingface-share.svg"
$cli chart --source paperswithcode --bucket year --output "$out/paperswithcode-share.svg"
$cli chart --source github --bucket year --weight stars --output "$out/github-share.svg"
$cli report --output "$work/report.html"
cp "$work/report.html" "${TMPDIR:-/tmp}/mltrend-report.html"
echo "wrote $out/huggingface-share.svg $out/paperswithcode-share.svg $out/github-share.svg" \
  "and ${TMPDIR:-/tmp}/mltrend-report.html"
