#!/usr/bin/env python3
"""The man pages in BUILD/man against the programs they document.

- each page is what packaging/man/make_man.py makes from the programs' --help
  and --help-config now (a stale or hand-edited page fails), and its .gz
  (the installed file) holds the same text;
- groff renders each with no warning (-ww) and `man -l` with none either;
- rendered, mltrendd(8) names every option of `mltrendd --help`, mltrend(1)
  carries every line of `mltrend --help`, and mltrend.toml(5) every key of
  docs/CONFIG.md with its type and default (CONFIG.md is itself checked
  against --help-config by e2e_tests).

usage: check_man.py BUILD_DIR SOURCE_DIR VERSION
"""
import gzip
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

build, source, version = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
mltrendd, mltrend = build / "bin/mltrendd", build / "bin/mltrend"
pages = {"mltrendd.8": None, "mltrend.1": None, "mltrend.toml.5": None}
failures = []


def fail(msg):
    failures.append(msg)
    print("FAIL: " + msg)


def run(*argv, env=None):
    return subprocess.run([str(a) for a in argv], capture_output=True, text=True, env=env)


def render(page):
    """The page as plain text on one very long line per paragraph, unhyphenated."""
    r = run("groff", "-man", "-Tutf8", "-rLL=5000n", "-rHY=0", "-P-cbou", page)
    return " ".join(r.stdout.split())


with tempfile.TemporaryDirectory() as fresh:
    r = run(sys.executable, source / "packaging/man/make_man.py", mltrendd, mltrend, fresh, version)
    if r.returncode != 0:
        fail("make_man.py: " + r.stderr)
    for name in pages:
        built = build / "man" / name
        text = built.read_text()
        pages[name] = render(built)
        if (Path(fresh) / name).read_text() != text:
            fail(f"{built} differs from what make_man.py makes from the programs now: rebuild (target mltrend_man)")
        if gzip.decompress((build / "man" / (name + ".gz")).read_bytes()).decode() != text:
            fail(f"{built}.gz does not hold {built}")
        r = run("groff", "-man", "-Tutf8", "-ww", "-z", built)
        if r.returncode != 0 or r.stderr:
            fail(f"groff -ww warns about {name}: {r.stderr}")
        env = dict(os.environ, MANWIDTH="80", LC_ALL="C.UTF-8", MAN_KEEP_STDERR="1")
        r = run("man", "--warnings", "-l", built, env=env)
        if r.returncode != 0 or r.stderr or "NAME" not in r.stdout:
            fail(f"man -l {name}: exit {r.returncode}, {r.stderr}")

for opt in sorted(set(re.findall(r"(?<![\w-])--[a-z][a-z-]*", run(mltrendd, "--help").stdout))):
    if opt not in pages["mltrendd.8"]:
        fail(f"mltrendd(8) lacks {opt}, which mltrendd --help lists")
for l in run(mltrend, "--help").stdout.split("\n\n", 1)[1].splitlines():
    if l.strip() and " ".join(l.split()) not in pages["mltrend.1"]:
        fail(f"mltrend(1) lacks the --help line '{l.strip()}'")
keys = 0
for row in (source / "docs/CONFIG.md").read_text().splitlines():
    m = re.match(r"^\| `([a-z_]+)` \| ([^|]+) \| ([^|]+) \|", row)
    if not m:
        continue
    keys += 1
    default = m.group(3).strip().strip("`*")
    want = f"{m.group(1)} ({m.group(2).strip()}, " + ("required)" if default == "required" else f"default {default})")
    if want not in pages["mltrend.toml.5"]:
        fail(f"mltrend.toml(5) lacks '{want}' (docs/CONFIG.md)")

if failures:
    sys.exit(f"{len(failures)} failure(s)")
print(f"ok: 3 pages render without warnings; {keys} config keys, every --help option and line present")
