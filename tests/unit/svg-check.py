#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
"""svg-check.py MAP.json PICTURE.svg [PICTURE.png]

Checks 'scxcmask map --svg' against the same map's --json: the SVG is
well-formed XML, every possible cpu is drawn exactly once as a cpu cell
whose two labels are "cpu N" and "cid M" with M the cpu's cid, cpus the
kernel walks are inside a node box and tail cpus are marked offline, and
every shard is in the legend.  With a PNG (headless Chromium's rendering
of the SVG), it must be a PNG of the SVG's size whose pixels are not all
alike.  Prints what it checked; exits 1 with the reason on a failure.
"""
import json
import struct
import sys
import xml.etree.ElementTree as ET
import zlib

NS = "{http://www.w3.org/2000/svg}"


def fail(msg):
    print("FAIL: " + msg)
    sys.exit(1)


def check_png(path, width, height):
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        fail("%s is not a PNG" % path)
    w, h = struct.unpack(">II", data[16:24])
    if (w, h) != (width, height):
        fail("%s is %dx%d, the SVG %dx%d" % (path, w, h, width, height))
    idat, pos = b"", 8
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        if kind == b"IDAT":
            idat += data[pos + 8:pos + 8 + n]
        pos += 12 + n
    raw = zlib.decompress(idat)
    if len(set(raw[1:4096 * 16])) < 4:
        fail("%s: the rendering is blank" % path)
    return w, h, len(data)


def main():
    m = json.load(open(sys.argv[1]))
    root = ET.parse(sys.argv[2]).getroot()
    if root.tag != NS + "svg":
        fail("the root element is %s, not svg" % root.tag)
    width, height = int(root.get("width")), int(root.get("height"))
    cells = {}
    for g in root.iter(NS + "g"):
        classes = (g.get("class") or "").split()
        if "cpu" not in classes:
            continue
        texts = [t.text for t in g.iter(NS + "text")]
        if len(texts) != 2 or not texts[0].startswith("cpu ") or not texts[1].startswith("cid "):
            fail("a cpu cell reads %r" % texts)
        cpu, cid = int(texts[0][4:]), int(texts[1][4:])
        if cpu in cells:
            fail("cpu %d is drawn twice" % cpu)
        cells[cpu] = (cid, "offline" in classes)
    c2c = m["cpu_to_cid"]
    walked = sum(1 for t in m["topo"] if t["node_idx"] >= 0)
    possible = [cpu for cpu, cid in enumerate(c2c) if cid >= 0]
    if sorted(cells) != possible:
        fail("cpus drawn %s, possible cpus %s" % (sorted(cells), possible))
    for cpu in possible:
        cid, offline = cells[cpu]
        if cid != c2c[cpu]:
            fail("cpu %d is labelled cid %d; its cid is %d" % (cpu, cid, c2c[cpu]))
        if offline != (cid >= walked):
            fail("cpu %d (cid %d): drawn %s" % (cpu, cid, "in the tail" if offline else "walked"))
    labels = [t.text or "" for t in root.iter(NS + "text")]
    shards = sorted({t["shard_idx"] for t in m["topo"] if t.get("shard_idx", -1) >= 0})
    for s in shards:
        if not any(l.startswith("shard %d: " % s) for l in labels):
            fail("shard %d is not in the legend" % s)
    nodes = sum(1 for r in root.iter(NS + "rect") if r.get("class") == "node")
    print("svg: %dx%d, %d cpu cells (%d in the tail), %d nodes, %d shards" %
          (width, height, len(cells), len(possible) - walked, nodes, len(shards)))
    if len(sys.argv) > 3:
        w, h, size = check_png(sys.argv[3], width, height)
        print("png: %s, %dx%d, %d bytes" % (sys.argv[3], w, h, size))


if __name__ == "__main__":
    main()
