#!/usr/bin/env python3
# daemon/cli/tests — check_svg.py
"""Check an SVG chart written by `mltrend chart` (daemon/cli/svg_chart.cpp).

usage: check_svg.py FILE

Parses FILE with xml.etree (so it must be well-formed XML), then checks that
the root is an SVG element in the SVG namespace with a viewBox, that the
plot group <g class="plot" data-top=T data-height=H> holds the band paths,
and that at every column the band heights add up to H: each band path is
"M x,y L x,y ... Z", its upper edge left to right then its lower edge back.
Prints one JSON line: {"bands": [names], "columns": N, "sums": [...]}; exits
1 with a message on the first failed check.
"""
import json
import re
import sys
import xml.etree.ElementTree as ET

NS = "{http://www.w3.org/2000/svg}"


def fail(message):
    print(message, file=sys.stderr)
    sys.exit(1)


def main():
    root = ET.parse(sys.argv[1]).getroot()
    if root.tag != NS + "svg":
        fail("root is %s, not svg in the SVG namespace" % root.tag)
    if not root.get("viewBox"):
        fail("no viewBox")
    plot = next((g for g in root.iter(NS + "g") if g.get("class") == "plot"), None)
    if plot is None:
        print(json.dumps({"bands": [], "columns": 0, "sums": []}))
        return
    top, height = float(plot.get("data-top")), float(plot.get("data-height"))
    sums, names = None, []
    for path in plot.iter(NS + "path"):
        if path.get("class") != "band":
            continue
        names.append(path.get("data-band"))
        d = path.get("d")
        if not d.startswith("M") or not d.endswith(" Z"):
            fail("band %s: path %r is not M..Z" % (names[-1], d[:40]))
        points = [tuple(map(float, p.split(","))) for p in re.findall(r"[ML]([-0-9.]+,[-0-9.]+)", d)]
        if len(points) % 2:
            fail("band %s: odd number of points" % names[-1])
        n = len(points) // 2
        upper, lower = points[:n], points[n:][::-1]
        heights = []
        for (xu, yu), (xl, yl) in zip(upper, lower):
            if abs(xu - xl) > 1e-9:
                fail("band %s: edges at different x (%s, %s)" % (names[-1], xu, xl))
            if yl < yu - 1e-9 or yu < top - 1e-9 or yl > top + height + 1e-9:
                fail("band %s: negative height or outside the plot" % names[-1])
            heights.append(yl - yu)
        sums = heights if sums is None else [a + b for a, b in zip(sums, heights)]
    sums = [round(s, 6) for s in (sums or [])]
    for s in sums:
        if abs(s - height) > 0.011:
            fail("a column's bands add up to %s, not the plot height %s" % (s, height))
    print(json.dumps({"bands": names, "columns": len(sums), "sums": sums, "height": height}))


if __name__ == "__main__":
    main()
