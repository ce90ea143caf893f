"""Turns bench/run.sh's results (and download_sizes.py's) into a table and target/bench/latest.json.
Usage: report.py RESULTS.tsv DOWNLOAD.json OUT.json [PHONE.json]"""
import json
import sys

TARGETS_P99_MS = {
    "picture": 50, "dashboard": 50, "list_first": 30, "list_deep": 30,
    "list_filtered": 30, "list_filtered_deep": 30, "list_search": 50, "list_search_rare": 50,
    "detail": 50, "mixed_picture": 50, "mixed_list_first": 50, "mixed_detail": 50,
    "mixed_dashboard": 50,
}

rows = [line.rstrip("\n").split("\t") for line in open(sys.argv[1]) if line.strip()]
report = {}
for db, name, value in rows:
    entry = report.setdefault(db, {})
    parts = value.split()
    if len(parts) == 4:
        rps, p50, p99, errors = float(parts[0]), float(parts[1]), float(parts[2]), int(parts[3])
        entry[name] = {"rps": rps, "p50_ms": p50, "p99_ms": p99, "errors": errors}
    else:
        entry[name] = float(value)

for db, entry in report.items():
    if db == "all":
        continue
    floor = entry.get("static", {}).get("rps") or 0
    print(f"\n{db}: load {entry.get('load_seconds')} s, start-up {entry.get('startup_ms')} ms, "
          f"peak RSS {entry.get('peak_rss_mb')} MB")
    firsts = {k[: -len("_first_ms")]: v for k, v in entry.items() if k.endswith("_first_ms")}
    queries = {k[: -len("_queries")]: v for k, v in entry.items() if k.endswith("_queries")}
    sizes = {k[: -len("_bytes")]: v for k, v in entry.items()
             if k.endswith("_bytes") and not k.endswith("_wire_bytes")}
    wire = {k[: -len("_wire_bytes")]: v for k, v in entry.items() if k.endswith("_wire_bytes")}
    print(f"{'endpoint':<20}{'req/s':>10}{'p50 ms':>10}{'p99 ms':>10}{'errors':>8}{'vs static':>11}"
          f"{'first ms':>10}{'queries':>9}{'KB':>8}{'wire KB':>9}{'target':>10}")
    for name, r in entry.items():
        if not isinstance(r, dict):
            continue
        ratio = r["rps"] / floor if floor else 0
        r["ratio_to_static"] = round(ratio, 3)
        target = TARGETS_P99_MS.get(name)
        answered = r["rps"] > 0 and r["p99_ms"] == r["p99_ms"] and r["p99_ms"] > 0
        if target is None:
            verdict = ""
        elif not answered:
            verdict = f"p99<{target} MISSED (no answers in 2 s)"
        else:
            verdict = f"p99<{target}" + (" ok" if r["p99_ms"] < target else " MISSED")
        first = firsts.get(name)
        first = f"{first:.0f}" if first is not None else "-"
        query_count = queries.get(name)
        query_count = f"{query_count:.0f}" if query_count is not None else "-"
        size = f"{sizes[name] / 1024:.0f}" if name in sizes else "-"
        on_wire = f"{wire[name] / 1024:.0f}" if name in wire else "-"
        print(f"{name:<20}{r['rps']:>10.0f}{r['p50_ms']:>10.2f}{r['p99_ms']:>10.2f}{r['errors']:>8}{ratio:>11.3f}"
              f"{first:>10}{query_count:>9}{size:>8}{on_wire:>9}{verdict:>14}")
download = json.load(open(sys.argv[2]))
report.setdefault("all", {})["download"] = download
kb = lambda n: f"{n / 1024:.0f} KB"
print(f"\nWASM + JS gzipped, per page (main module {kb(download['main_bytes'])} + the page's chunks): "
      f"median {kb(download['page_median_bytes'])}, largest {kb(download['page_max_bytes'])}, "
      f"{download['pages_under_400kb']} of {download['pages']} pages under 400 KB")
print("  " + ", ".join(f"{page} {kb(n)}" for page, n in download["page_bytes"].items()))
print(f"CSV import of 100,000 incidents: {report['all'].get('csv_import_100k_seconds')} s")

# The phone profile (bench/phone.cjs), against the targets.
PHONE_TARGETS = {"cold": 3000, "warm": 1500}
if len(sys.argv) > 4:
    phone = json.load(open(sys.argv[4]))
    report["all"]["phone"] = phone
    p = phone["profile"]
    print(f"\nPhone: {p['viewport']}, {p['downloadThroughput'] * 8 / 1e6:.1f} Mbit/s down, "
          f"{p['latency']} ms round trip, CPU {p['cpu_slowdown']}x slower; median of rounds")
    print(f"{'page':<20}{'cache':>6}{'heading s':>11}{'interactive s':>15}{'KB':>8}{'requests':>10}  target")
    for name, page in phone["pages"].items():
        for cache in ("cold", "warm"):
            m = page[cache]
            goal = PHONE_TARGETS[cache]
            verdict = f"interactive<{goal / 1000:g} s" + (" ok" if m["interactive_ms"] < goal else " MISSED")
            if name == "log incident" and cache == "cold":
                verdict += ", <250 KB" + (" ok" if m["bytes"] < 250 * 1024 else " MISSED")
            print(f"{name:<20}{cache:>6}{m['heading_ms'] / 1000:>11.1f}{m['interactive_ms'] / 1000:>15.1f}"
                  f"{m['bytes'] / 1024:>8.0f}{m['requests']:>10}  {verdict}")
json.dump(report, open(sys.argv[3], "w"), indent=2)
print(f"written {sys.argv[3]}")
