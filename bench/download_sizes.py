"""What the browser downloads, gzipped: the main module (WASM, wasm-bindgen's JS and the chunk
loader) on every page, plus each page's chunks (from the split manifest). Usage:
download_sizes.py PKG_DIR OUT.json"""
import gzip
import json
import os
import re
import statistics
import sys

pkg, out = sys.argv[1], sys.argv[2]


def gz(name):
    with open(os.path.join(pkg, name), "rb") as f:
        return len(gzip.compress(f.read(), 9))


loader = "__wasm_split.______________________.js"
main = gz("samverkan_bg.wasm") + gz("samverkan.js") + gz(loader)
with open(os.path.join(pkg, "__wasm_split_manifest.json")) as f:
    manifest = json.load(f)
pages = {}
for split, parts in manifest.items():
    page = re.sub(r"^__(.*)_view_\d+$", r"\1", split)
    pages[page] = main + sum(gz(p + ".wasm") for p in parts)
everything = sum(gz(n) for n in os.listdir(pkg) if n.endswith((".wasm", ".js")))
result = {
    "main_bytes": main,
    "page_bytes": dict(sorted(pages.items(), key=lambda kv: kv[1])),
    "page_median_bytes": int(statistics.median(pages.values())),
    "page_max_bytes": max(pages.values()),
    "pages_under_400kb": sum(1 for v in pages.values() if v < 400 * 1024),
    "pages": len(pages),
    "all_bytes": everything,
}
with open(out, "w") as f:
    json.dump(result, f, indent=2)
