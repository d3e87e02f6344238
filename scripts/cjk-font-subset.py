#!/usr/bin/env python3
"""Subset Noto Sans SC (SIL OFL 1.1) to the CJK glyphs the app's own strings use.

Headless Chromium on machines without CJK fonts drew every Chinese string as empty boxes. Shipping the whole font
(~10 MB per weight) for a UI of a few hundred distinct characters would be wasteful, so this collects every CJK
character in the shipped source (the zh strings, event labels, month names, explanation sentences) plus the CJK and
fullwidth punctuation, and keeps only those glyphs.

Source: the npm package @fontsource/noto-sans-sc@5.3.0, which ships the font as ~100 unicode-range WOFF2 chunks per
weight; each chunk is subset to the wanted characters and the pieces are merged into one regular-weight WOFF2.

Regenerate after adding Chinese text (needs npm, and the Debian python3-fonttools and python3-brotli):
  npm run font:cjk
which runs `/usr/bin/python3 scripts/cjk-font-subset.py`: with no argument it fetches the package with `npm pack` into a
temporary folder; given the folder of an unpacked package it uses that instead. Commit what changed.
Writes public/fonts/noto-sans-sc-ui.woff2, public/fonts/OFL.txt and scripts/cjk-font-coverage.json (the characters
covered, which src/ui/i18n/cjkFontCoverage.test.ts compares against the source so a new character cannot go unseen).
"""

import json
import os
import re
import subprocess
import sys
import tempfile

import logging

from fontTools import subset
from fontTools.merge import Merger
from fontTools.ttLib import TTFont

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT_FONT = os.path.join(ROOT, 'public', 'fonts', 'noto-sans-sc-ui.woff2')
OUT_LICENSE = os.path.join(ROOT, 'public', 'fonts', 'OFL.txt')
OUT_COVERAGE = os.path.join(ROOT, 'scripts', 'cjk-font-coverage.json')

# The same class as CJK_CHARACTER in src/ui/cjkFont.ts and the same files as shippedSources() in
# src/ui/i18n/cjkFontCoverage.test.ts, which checks that this line and its own agree.
CJK = re.compile('[\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]')
# Folders whose strings never reach the screen: test support and the CLI (a terminal's own fonts apply).
EXCLUDED = ('src/testSupport', 'src/cli')
# Punctuation a translation may reach for next: CJK symbols (、。「」《》…) and fullwidth ASCII forms (，：；（）！？).
PUNCTUATION = set(range(0x3000, 0x3040)) | set(range(0xFF01, 0xFF5F))


def shipped_sources():
    """Source files whose strings reach the screen: src/ minus tests, test support and the CLI."""
    for folder, dirs, files in os.walk(os.path.join(ROOT, 'src')):
        rel = os.path.relpath(folder, ROOT).replace(os.sep, '/')
        if any(rel == x or rel.startswith(x + '/') for x in EXCLUDED):
            continue
        for name in files:
            if re.search(r'\.tsx?$', name) and not re.search(r'\.test\.tsx?$', name):
                yield os.path.join(folder, name)


def source_code_points():
    found = set()
    for path in shipped_sources():
        with open(path, encoding='utf-8') as handle:
            found.update(ord(ch) for ch in CJK.findall(handle.read()))
    return found


def main(package_dir):
    logging.getLogger('fontTools').setLevel(logging.ERROR)
    files_dir = os.path.join(package_dir, 'files')
    used = source_code_points()
    wanted = used | PUNCTUATION
    pieces = []
    covered = set()
    with tempfile.TemporaryDirectory() as tmp:
        for name in sorted(os.listdir(files_dir)):
            if not name.endswith('-400-normal.woff2') or not name.startswith('noto-sans-sc-'):
                continue
            chunk = TTFont(os.path.join(files_dir, name), recalcTimestamp=False)
            here = wanted & set(chunk.getBestCmap().keys())
            if not here:
                continue
            options = subset.Options()
            # Horizontal text only; layout tables differ per chunk and would not merge, and CJK needs no shaping here.
            options.drop_tables += ['BASE', 'STAT', 'vhea', 'vmtx', 'GSUB', 'GPOS', 'GDEF']
            options.layout_features = []
            options.name_IDs = ['*']
            options.notdef_outline = True
            subsetter = subset.Subsetter(options)
            subsetter.populate(unicodes=sorted(here))
            subsetter.subset(chunk)
            path = os.path.join(tmp, name.replace('.woff2', '.ttf'))
            chunk.flavor = None
            chunk.save(path)
            pieces.append(path)
            source_created = chunk['head'].created
            covered |= here
        merged = Merger().merge(pieces)
    merged.flavor = 'woff2'
    # Keep the source's timestamp so that regenerating from the same inputs writes the same bytes.
    merged.recalcTimestamp = False
    merged['head'].created = merged['head'].modified = source_created
    os.makedirs(os.path.dirname(OUT_FONT), exist_ok=True)
    merged.save(OUT_FONT)
    # Re-read what was written so the coverage list describes the file, not the intent.
    written = set(TTFont(OUT_FONT).getBestCmap().keys())
    # One string of the covered characters, readable in review, laid out as Prettier would lay it out.
    characters = json.dumps(''.join(chr(cp) for cp in sorted(written)), ensure_ascii=False)
    with open(OUT_COVERAGE, 'w', encoding='utf-8') as handle:
        handle.write('{\n  "characters": ' + characters + '\n}\n')
    with open(os.path.join(package_dir, 'LICENSE'), encoding='utf-8') as src, open(OUT_LICENSE, 'w', encoding='utf-8') as dst:
        dst.write(src.read())
    # Punctuation the font lacks is fine (rare symbols); a character the UI uses that the font lacks is not.
    missing = sorted(used - written)
    print(f'{len(written)} code points, {os.path.getsize(OUT_FONT)} bytes -> {os.path.relpath(OUT_FONT, ROOT)}')
    if missing:
        sys.exit('used by the UI but not in Noto Sans SC: ' + ' '.join(f'U+{cp:04X}' for cp in missing))


PACKAGE = '@fontsource/noto-sans-sc@5.3.0'


def fetched_package(tmp):
    """The font package unpacked into `tmp` via `npm pack` (the registry's ordinary client)."""
    name = subprocess.run(['npm', 'pack', PACKAGE, '--silent'], cwd=tmp, check=True, capture_output=True, text=True).stdout.split()[-1]
    subprocess.run(['tar', 'xzf', name], cwd=tmp, check=True)
    return os.path.join(tmp, 'package')


if __name__ == '__main__':
    if len(sys.argv) > 2:
        sys.exit('usage: cjk-font-subset.py [unpacked @fontsource/noto-sans-sc package dir]')
    if len(sys.argv) == 2:
        main(sys.argv[1])
    else:
        with tempfile.TemporaryDirectory() as tmp:
            main(fetched_package(tmp))
