#!/usr/bin/env python3
"""Renders `ppb report` pages in headless Chromium, as a resident's browser would, and checks
that the screenshot is not blank and that the page's text lists every funded project.

usage: report_render.py PPB DATA_DIR

Exit 77 (CTest: skipped) when Chromium is not installed: `scripts/install-deps.sh --with-chromium`
installs Debian's `chromium`. Standard library only: the PNG is decoded with zlib.
"""
import html.parser
import json
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib

SKIP = 77
WIDTH, HEIGHT = 1200, 1600
# Flags for this machine: no sandbox as root, no GPU, and nothing that phones home (the network is
# closed, so background connections would only fail and slow the start).
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
FUNDED_GREEN = (0x1b, 0x7f, 0x3b)  # the chart's funded bar and the funded status badge

CASES = [  # (file, language, extra rule options)
    ("czestochowa_2024_bleszno.pb", "en", []),
    ("toulouse_2022_17.pb", "ru", ["--tie-break", "file-order"]),
    ("mturk_ranking_3.pb", "kk", ["--rule", "greedy-cost"]),
]


def chromium():
    for name in ("chromium", "chromium-browser"):
        path = shutil.which(name)
        if path:
            return path
    return None


def run_chromium(browser, args, page):
    with tempfile.TemporaryDirectory(prefix="ppb-chromium-") as profile:
        cmd = [browser] + FLAGS + ["--user-data-dir=" + profile] + args + ["file://" + page]
        return subprocess.run(cmd, capture_output=True, timeout=180)


def decode_png(data):
    """(width, height, rows of RGB(A) bytes) of an 8-bit truecolour PNG."""
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    pos, idat, width = 8, [], None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", body)
            if depth != 8 or colour not in (2, 6) or interlace != 0:
                raise ValueError("unexpected PNG format: depth %d colour %d interlace %d" % (depth, colour, interlace))
            bpp = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            idat.append(body)
        elif kind == b"IEND":
            break
    raw = zlib.decompress(b"".join(idat))
    stride = width * bpp
    rows, prev = [], bytearray(stride)
    for y in range(height):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        if f == 1:
            for i in range(bpp, stride):
                line[i] = (line[i] + line[i - bpp]) & 255
        elif f == 2:
            line = bytearray((a + b) & 255 for a, b in zip(line, prev))
        elif f == 3:
            for i in range(stride):
                left = line[i - bpp] if i >= bpp else 0
                line[i] = (line[i] + ((left + prev[i]) >> 1)) & 255
        elif f == 4:
            for i in range(stride):
                a = line[i - bpp] if i >= bpp else 0
                b = prev[i]
                c = prev[i - bpp] if i >= bpp else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else (b if pb <= pc else c))) & 255
        elif f != 0:
            raise ValueError("bad PNG filter %d" % f)
        rows.append(bytes(line))
        prev = line
    return width, height, bpp, rows


class TextOf(html.parser.HTMLParser):
    """The text a reader sees (no <style>/<title> contents)."""

    def __init__(self):
        super().__init__()
        self.parts, self.skip = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in ("style", "script", "title"):
            self.skip += 1

    def handle_endtag(self, tag):
        if tag in ("style", "script", "title"):
            self.skip -= 1

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def check_case(ppb, data, browser, work, case):
    name, lang, options = case
    path = os.path.join(data, name)
    page = os.path.join(work, "%s.%s.html" % (name, lang))
    r = subprocess.run([ppb, "report", path, "-o", page, "--lang", lang, "--quiet"] + options,
                       capture_output=True, text=True)
    if r.returncode != 0:
        return ["ppb report failed: " + r.stderr.strip()]
    t = subprocess.run([ppb, "tally", path, "--json", "--quiet"] + options, capture_output=True, text=True, check=True)
    outcome = json.loads(t.stdout)
    funded = [p["name"] or p["id"] for p in outcome["projects"] if p["status"] == "funded"]
    problems = []

    shot = os.path.join(work, "%s.%s.png" % (name, lang))
    run_chromium(browser, ["--screenshot=" + shot, "--window-size=%d,%d" % (WIDTH, HEIGHT)], page)
    if not os.path.exists(shot):
        return ["chromium wrote no screenshot"]
    width, height, bpp, rows = decode_png(open(shot, "rb").read())
    if (width, height) != (WIDTH, HEIGHT):
        problems.append("screenshot is %dx%d, want %dx%d" % (width, height, WIDTH, HEIGHT))
    colours, green, background = set(), 0, 0
    bg = tuple(rows[0][:3])
    for row in rows[::4]:
        for x in range(0, width * bpp, 4 * bpp):
            px = tuple(row[x:x + 3])
            colours.add(px)
            green += px == FUNDED_GREEN
            background += px == bg
    sampled = (height // 4) * (width // 4)
    if len(colours) < 50:
        problems.append("screenshot looks blank: %d distinct colours" % len(colours))
    if background > 0.9 * sampled:
        problems.append("screenshot is %.0f%% background" % (100.0 * background / sampled))
    if funded and green < 20:
        problems.append("no funded-green pixels in the screenshot (%d)" % green)

    dom = run_chromium(browser, ["--dump-dom"], page).stdout.decode("utf-8", "replace")
    text = TextOf()
    text.feed(dom)
    seen = " ".join(text.parts)
    for project in funded:
        if project not in seen:
            problems.append("funded project %r is not in the page's text" % project)
    if dom.count('<tr class="funded">') != len(funded):
        problems.append("%d funded rows in the DOM, %d funded projects" % (dom.count('<tr class="funded">'), len(funded)))
    print("%s (%s): %dx%d, %d colours, %d green samples, %d funded projects found in the text%s"
          % (name, lang, width, height, len(colours), green, len(funded), "" if not problems else " — FAILED"))
    return problems


def main():
    ppb, data = sys.argv[1:3]
    browser = chromium()
    if browser is None:
        print("SKIPPED: chromium is not installed (bash scripts/install-deps.sh --with-chromium installs it)")
        return SKIP
    failures = 0
    with tempfile.TemporaryDirectory(prefix="ppb-report-render-") as work:
        for case in CASES:
            problems = check_case(ppb, data, browser, work, case)
            for p in problems:
                print("  " + p)
            failures += bool(problems)
    print("%d passed, %d failed" % (len(CASES) - failures, failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
