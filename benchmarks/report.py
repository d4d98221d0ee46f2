"""Writes the results tables of benchmarks/README.md from the results files,
between the markers <!-- results --> and <!-- /results -->.

    python report.py README.md results.jsonl [full.jsonl]

full.jsonl (from run.sh --full) adds the full-size section when present.
"""
import json
import os
import sys


def load(path):
    with open(path) as f:
        return [json.loads(line) for line in f if line.strip()]


def fmt_mb(b):
    return f"{b / 1e6:,.0f}" if b else "-"


def tables(rows):
    out = []
    machine = next(r for r in rows if r["kind"] == "machine")
    out.append(f"Machine: {machine['cpu']}, {machine['cores']} cores, {machine['mem_gb']} GiB. "
               f"soa {machine['soa']} ({machine['go']}), DuckDB {machine['duckdb']}, polars {machine['polars']}, "
               f"pyarrow {machine['pyarrow']}, lbzip2 {machine['lbzip2']}.\n")
    runs = [r for r in rows if r["kind"] == "run"]
    corpora = {r["size"]: r for r in rows if r["kind"] == "corpus"}
    fidelity = {(r["size"], r["tool"]): r["report"] for r in rows if r["kind"] == "fidelity"}
    for size in sorted({r["size"] for r in runs}):
        c = corpora[size]
        out.append(f"### {size:,} records ({c['plain_bytes'] / 1e6:,.0f} MB of JSON in {c['files']} shards; "
                   f"{c['bz2_bytes'] / 1e6:,.0f} MB as bzip2)\n")
        base = {r["input"]: r["wall_s"] for r in runs if r["size"] == size and r["tool"] == "soa" and r["status"] == "ok"}
        out.append("| tool | input | wall s | × soa (same input) | CPU s | peak RSS MB | output MB | rows lost | keys dropped | objects kept as JSON strings |")
        out.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|")
        for r in (r for r in runs if r["size"] == size):
            ratio = "-"
            if r["status"] == "ok" and r["input"] in base and base[r["input"]] > 0:
                ratio = f"{r['wall_s'] / base[r['input']]:.2f}"
            f = fidelity.get((size, r["tool"]))
            lost = dropped = strs = "-"
            if r["tool"] == "soa":
                lost, dropped, strs = "0", "0", "0 (see note)"
            elif f:
                lost = f"{f['records'] - f['rows']:,}"
                dropped = f"{f['dropped']}"
                strs = f"{f['as_json_strings']}"
            status = "" if r["status"] == "ok" else f" **failed**: {r['error']}"
            out.append(f"| {r['tool']}{status} | {r['input']} | {r['wall_s']:.1f} | {ratio} | {r['cpu_s']:.1f} | {r['rss_mb']:,} | "
                       f"{fmt_mb(r['out_bytes']) if r['tool'] not in ('cat', 'lbzip2 -d') else '-'} | {lost} | {dropped} | {strs} |")
        out.append("")
        for (fs, tool), f in sorted(fidelity.items()):
            if fs == size and (f["dropped_examples"] or f["as_json_strings_examples"]):
                out.append(f"- {tool}: dropped e.g. {', '.join('`'+p+'`' for p in f['dropped_examples'][:5]) or 'nothing'}; "
                           f"as JSON strings e.g. {', '.join('`'+p+'`' for p in f['as_json_strings_examples'][:5]) or 'nothing'}.")
        out.append("")
    soa_runs = [r for r in runs if r["tool"] == "soa" and r["status"] == "ok"]
    if len({r["size"] for r in soa_runs}) > 1:
        out.append("### Scaling of soa\n")
        out.append("| records | input | wall s | records/s | MB/s of JSON | peak RSS MB |")
        out.append("|---:|---|---:|---:|---:|---:|")
        for r in sorted(soa_runs, key=lambda r: (r["input"], r["size"])):
            mbps = corpora[r["size"]]["plain_bytes"] / 1e6 / r["wall_s"]
            out.append(f"| {r['size']:,} | {r['input']} | {r['wall_s']:.1f} | {r['size'] / r['wall_s']:,.0f} | {mbps:,.0f} | {r['rss_mb']:,} |")
        out.append("")
    queries = [r for r in rows if r["kind"] == "query"]
    if queries:
        size = max(r["size"] for r in queries)
        out.append(f"### Bundled queries on {size:,} records (goal: under 1 s each)\n")
        out.append("| query | ms | share of the 1 s goal |")
        out.append("|---|---:|---:|")
        for r in sorted((r for r in queries if r["size"] == size), key=lambda r: -r["ms"]):
            out.append(f"| {r['query']} | {r['ms']:,.0f} | {r['ms'] / 1000:.0%} |")
        out.append("")
    return "\n".join(out)


def full_size(rows):
    corpus = next(r for r in rows if r["kind"] == "corpus")
    out = [f"### Full size: {corpus['size']:,} records, once ({corpus['plain_bytes'] / 1e9:,.1f} GB of JSON in "
           f"{corpus['files']} plain shards)\n",
           "Made by `benchmarks/run.sh --full`: soa and the `cat` floor only. The bzip2 layout is left out "
           "(its generation took 211 s per million records here, so about 40 minutes at this size by "
           "extrapolation), and so are the peers, which fail on this corpus with their defaults.\n",
           "| tool | input | wall s | CPU s | peak RSS MB | output MB | records/s | MB/s of JSON |",
           "|---|---|---:|---:|---:|---:|---:|---:|"]
    for r in (r for r in rows if r["kind"] == "run"):
        out.append(f"| {r['tool']} | {r['input']} | {r['wall_s']:.1f} | {r['cpu_s']:.1f} | {r['rss_mb']:,} | "
                   f"{fmt_mb(r['out_bytes']) if r['tool'] == 'soa' else '-'} | {r['size'] / r['wall_s']:,.0f} | "
                   f"{corpus['plain_bytes'] / 1e6 / r['wall_s']:,.0f} |")
    return "\n".join(out) + "\n"


def main():
    args = sys.argv[1:]
    if not args[0].endswith(".md"):  # the older order: results.jsonl README.md
        args = [args[1], args[0]]
    readme, files = args[0], [f for f in args[1:] if os.path.exists(f)]
    body = tables(load(files[0]))
    if len(files) > 1:
        body += "\n" + full_size(load(files[1]))
    text = open(readme).read()
    start, end = "<!-- results -->", "<!-- /results -->"
    head, rest = text.split(start, 1)
    _, tail = rest.split(end, 1)
    open(readme, "w").write(head + start + "\n" + body + "\n" + end + tail)


if __name__ == "__main__":
    main()
