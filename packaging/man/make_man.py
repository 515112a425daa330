#!/usr/bin/env python3
"""Writes the man pages mltrendd(8), mltrend(1) and mltrend.toml(5).

Their substance comes from the built programs, the one source of truth:
`mltrendd --help` (options), `mltrend --help` (commands and options) and
`mltrendd --help-config` (every key, the text docs/CONFIG.md is checked
against). This file adds only what a man page has and --help has not: the
NAME line, a short description, FILES, SEE ALSO.

usage: make_man.py MLTRENDD MLTREND OUT_DIR VERSION
"""
import re
import subprocess
import sys
from pathlib import Path

DATE = "2026-12-05"  # fixed, so the pages build reproducibly


def run(*argv):
    return subprocess.run(argv, check=True, capture_output=True, text=True).stdout


def esc(text):
    """Plain text as roff: backslashes and minus signs escaped."""
    return text.replace("\\", "\\e").replace("-", "\\-")


def line(text):
    """One roff text line; a leading . or ' would be read as a request."""
    return "\\&" + text if text[:1] in (".", "'") else text


def inline(md):
    """Markdown's `code` as bold, *emphasis* as italic."""
    out = []
    for i, part in enumerate(re.split(r"`([^`]*)`", md)):
        if i % 2:
            out.append("\\fB" + esc(part) + "\\fR")
        else:
            out.append(re.sub(r"\*([^*]+)\*", r"\\fI\1\\fR", esc(part)))
    return "".join(out)


def header(name, section, title):
    # Left-adjusted: URLs and paths in the key descriptions cannot be spread.
    return [f'.TH {name.upper()} {section} "{DATE}" "mltrend {VERSION}" "{title}"', ".ad l"]


def verbatim(text):
    """--help text as it prints, unfilled: its columns are already laid out."""
    out = [".PP", ".nf", ".RS 2"]
    out += [line(esc(l)) if l.strip() else ".sp" for l in text.rstrip("\n").split("\n")]
    return out + [".RE", ".fi"]


def options_list(text):
    """`  --opt ARG   description` blocks (continuations indented) as .TP items."""
    items = []
    for l in text.split("\n"):
        m = re.match(r"^  (-\S+(?: [A-Z]\S*)?)\s{2,}(.*)$", l)
        if m:
            items.append([m.group(1), m.group(2)])
        elif items and l.startswith("   ") and l.strip():
            items[-1][1] += " " + l.strip()
    out = []
    for opt, desc in items:
        flag, _, arg = opt.partition(" ")
        out += [".TP", "\\fB" + esc(flag) + "\\fR" + (" \\fI" + esc(arg) + "\\fR" if arg else ""), line(esc(desc))]
    return out


def synopsis(usage):
    """The usage lines before the first blank one, one per line."""
    head = usage.split("\n\n", 1)[0].split("\n")
    out = [".SH SYNOPSIS"]
    for i, l in enumerate(head):
        out += ([".br"] if i else []) + [line(esc(l.removeprefix("usage:").strip()))]
    return out


def see_also(*pages):
    return [".SH SEE ALSO", ",\n".join(f"\\fB{esc(p)}\\fR({s})" for p, s in pages)]


def mltrendd_page(usage):
    return header("mltrendd", 8, "System Administration") + [
        ".SH NAME", "mltrendd \\- which ML framework is winning, where, and since when (daemon)",
    ] + synopsis(usage) + [
        ".SH DESCRIPTION",
        "\\fBmltrendd\\fR pulls records from its source plugins (the Hugging Face Hub, Papers with Code's",
        "archive, GitHub), keeps them in an embedded RocksDB store, lets its sink plugins compute",
        "each framework's share per period, and answers queries over HTTP/1.1 on a Unix socket",
        "(\\fBmltrend\\fR(1), or \\fBcurl \\-\\-unix\\-socket\\fR). It runs as the systemd service",
        "\\fBmltrendd.service\\fR (Type=notify); SIGHUP or \\fBsystemctl reload mltrendd\\fR applies a",
        "changed configuration, or keeps the old one and says why.",
        ".SH OPTIONS"] + options_list(usage) + [
        ".SH EXIT STATUS", "0 success, 1 a run failed, 64 a usage error, 78 a configuration error.",
        ".SH FILES",
        ".TP", "\\fI/etc/mltrend/mltrend.toml\\fR", "the configuration, \\fBmltrend.toml\\fR(5)",
        ".TP", "\\fI/etc/mltrend/rules/frameworks.toml\\fR", "the classification rules",
        ".TP", "\\fI/var/lib/mltrend\\fR", "the store",
        ".TP", "\\fI/run/mltrend/mltrend.sock\\fR", "the query socket",
    ] + see_also(("mltrend", 1), ("mltrend.toml", 5), ("systemctl", 1), ("journalctl", 1))


def mltrend_page(usage):
    body = usage.split("\n\n", 1)[1]
    return header("mltrend", 1, "User Commands") + [
        ".SH NAME", "mltrend \\- query mltrendd: framework shares, charts, reports, status",
    ] + synopsis(usage) + [
        ".SH DESCRIPTION",
        "\\fBmltrend\\fR is the client of \\fBmltrendd\\fR(8)'s query socket. The commands and",
        "options, as \\fBmltrend \\-\\-help\\fR prints them:",
    ] + verbatim(body) + [
        ".SH ENVIRONMENT", ".TP", "\\fBMLTREND_SOCKET\\fR", "the socket, unless \\fB\\-\\-socket\\fR is given",
        ".SH EXIT STATUS", "0 success, non-zero on a usage error, an unreachable daemon or an error answer.",
    ] + see_also(("mltrendd", 8), ("mltrend.toml", 5))


def config_page(reference):
    out = header("mltrend.toml", 5, "File Formats") + [
        ".SH NAME", "mltrend.toml \\- configuration of mltrendd",
        ".SH SYNOPSIS", "\\fI/etc/mltrend/mltrend.toml\\fR",
        ".SH DESCRIPTION"]
    for l in reference.split("\n"):
        if l.startswith("# "):
            continue
        m = re.match(r"^##+ (.*)$", l)
        if m:
            out += [".SH " + inline(m.group(1)).replace('"', "")]
        elif l.startswith("| ---") or l.startswith("| Key |"):
            continue
        elif l.startswith("|"):
            key, typ, default, desc = [c.strip() for c in l.strip("|").split("|")]
            default = "required" if default == "*required*" else "default " + inline(default)
            out += [".TP", f"{inline(key)} ({esc(typ)}, {default})", line(inline(desc))]
        elif l.strip():
            out.append(line(inline(l)))
        else:
            out.append(".PP")
    return out + see_also(("mltrendd", 8), ("mltrend", 1))


def main():
    global VERSION
    mltrendd, mltrend, out_dir, VERSION = sys.argv[1:5]
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    pages = {
        "mltrendd.8": mltrendd_page(run(mltrendd, "--help")),
        "mltrend.1": mltrend_page(run(mltrend, "--help")),
        "mltrend.toml.5": config_page(run(mltrendd, "--help-config")),
    }
    for name, lines in pages.items():
        # Collapse paragraph breaks that open or close a section.
        text = "\n".join(lines) + "\n"
        text = re.sub(r"(\.PP\n)+(\.SH|\.TP)", r"\2", text)
        text = re.sub(r"(\.SH [^\n]*\n)\.PP\n", r"\1", text)
        (out / name).write_text(text)


VERSION = ""
if __name__ == "__main__":
    main()
