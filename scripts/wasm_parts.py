"""The largest parts of the main wasm module by crate, from `twiggy top
--format csv` on stdin (the module as split, before wasm-opt: it still has
its function names). Custom sections (names, bindgen data) are left out:
they are not served."""
import collections
import csv
import re
import sys

sizes = collections.Counter()
for row in csv.DictReader(sys.stdin):
    name, size = row["Name"], int(row["ShallowSize"])
    if "custom section" in name or "subsection" in name:
        continue
    if name.startswith("data"):
        part = "(static data: strings, tables)"
    elif name.startswith("elem"):
        part = "(function tables)"
    else:
        crate = re.search(r"([a-z_][a-z0-9_]*)(?:\[[0-9a-f]+\])?::", name)
        part = crate.group(1) if crate else "(unnamed)"
    sizes[part] += size
total = sum(sizes.values())
print(f"\nMain wasm module before wasm-opt: {total / 1024:.0f} KB; largest parts:")
for part, size in sizes.most_common(15):
    print(f"  {part:32} {size / 1024:7.0f} KB  {100 * size / total:4.1f}%")
