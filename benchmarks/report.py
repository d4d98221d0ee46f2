"""Writes the tables of benchmarks/README.md from the results files, each
between its own markers, and touches nothing else of the README (other
scripts own other marked sections):

    <!-- results --> ... <!-- /results -->   results/results.jsonl (run.sh)
    <!-- full --> ... <!-- /full -->         results/full.jsonl (run.sh --full)
    <!-- rerun --> ... <!-- /rerun -->       results/rerun.jsonl (rerun.sh)
    <!-- pairs --> ... <!-- /pairs -->       results/pairs.jsonl (pairs.sh)

    python report.py README.md

A section whose results file or markers are missing is left as it is.
Every number written comes from a results file; none is typed here.
"""
import json
import os
import sys

RESULTS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "results")


def load(name):
    path = os.path.join(RESULTS, name)
    if not os.path.exists(path):
        return None
    with open(path) as f:
        return [json.loads(line) for line in f if line.strip()]


def mb(b):
    return f"{b / 1e6:,.0f}" if b else "-"


def machine_line(rows):
    m = next(r for r in rows if r["kind"] == "machine")
    return (f"Measured {m.get('date', '?')} at commit `{m['commit']}` on {m['cpu']}, {m['cores']} cores, "
            f"{m['mem_gb']} GiB; {m['go']}, DuckDB {m['duckdb']}" + (f" and {m['duckdb2']}" if m.get("duckdb2") else "") +
            f", polars {m['polars']}, pyarrow {m['pyarrow']}, " +
            (f"chdb {m['chdb']}, DataFusion {m['datafusion']}, " if m.get("chdb") else "") +
            f"lbzip2 {m['lbzip2']}" + (f"; load average {m['load']} at the start" if m.get("load") else "") + ". Each command ran twice from a warm page cache and the faster run is kept, "
            f"unless its first run took over {m.get('once_s', 300)} s (runs = 1).\n")


def gen_lines(rows, size):
    out = []
    for g in (r for r in rows if r["kind"] == "gen" and r["size"] == size):
        out.append(f"- `soa gen --records {size} --seed 1 --layout {g['layout']}`: {g['wall_s']:,.1f} s wall, "
                   f"{g['cpu_s']:,.1f} CPU-s, peak RSS {g['rss_mb']:,} MB, {g['bytes'] / 1e6:,.0f} MB written "
                   f"({g['cores']} cores).")
    return out


def fidelity_cells(f):
    if not f:
        return ["-"] * 4
    return [f"{f['records'] - f['rows']:,}", f"{f['leaves_lost']:,} of {f['leaves']:,}",
            f"{f['paths_losing']}", f"{f['json_text_paths']}"]


def runs_table(rows, size, fidelity):
    runs = [r for r in rows if r["kind"] == "run" and r["size"] == size]
    base = {r["input"]: r["wall_s"] for r in runs if r["tool"] == "soa" and r["status"] == "ok"}
    out = ["| tool | input | runs | wall s | × soa (same input) | CPU s | peak RSS MB | output MB | "
           "rows lost | leaves lost | paths losing leaves | object/array paths kept as JSON text |",
           "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    notes, faster = [], []
    floors = ("cat", "lbzip2 -d")
    for r in runs:
        ok = r["status"] == "ok"
        ratio = f"{r['wall_s'] / base[r['input']]:.2f}" if ok and base.get(r["input"]) else "-"
        tool = r["tool"] if ok else f"{r['tool']} **{r['status']}**"
        if r["status"] == "skipped":
            notes.append(f"- {r['tool']}: {r['error'].strip()}.")
            out.append(f"| {tool} | {r['input']} | 0 | - | - | - | - | - | - | - | - | - |")
            continue
        if not ok:
            notes.append(f"- {r['tool']} failed after {r['wall_s']:.1f} s: `{r['error'].strip()}`")
        elif r["tool"] not in floors and r["tool"] != "soa" and base.get(r["input"]) and r["wall_s"] < base[r["input"]]:
            faster.append(f"{r['tool']} ({ratio}× soa's wall time)")
        f = fidelity.get(r["tool"]) if ok and r["tool"] not in floors else None
        cells = fidelity_cells(f) if fidelity else ["-"] * 4
        out.append(f"| {tool} | {r['input']} | {r['runs']} | {r['wall_s']:,.1f} | {ratio} | {r['cpu_s']:,.1f} | "
                   f"{r['rss_mb']:,} | {mb(r['out_bytes']) if r['tool'] not in floors else '-'} | " + " | ".join(cells) + " |")
    out.append("")
    if any(r["tool"] not in floors and r["tool"] != "soa" for r in runs):
        if faster:
            out.append("Faster than soa on the same input: " + ", ".join(faster) + ".\n")
        else:
            out.append("No peer that converted was faster than soa on the same input.\n")
    out.extend(notes)
    for tool, f in fidelity.items():
        if f["paths_losing_examples"] or f["json_text_examples"]:
            out.append(f"- {tool}: leaves lost under e.g. "
                       f"{', '.join('`' + p + '`' for p in f['paths_losing_examples'][:5]) or 'nothing'}; "
                       f"kept as JSON text e.g. {', '.join('`' + p + '`' for p in f['json_text_examples'][:5]) or 'nothing'}.")
    return out


def bzip2_split(runs):
    """The distance of soa on bzip2 to the goal and to what decoding allows,
    from one run: soa's extra CPU on bzip2 over plain input is its decoding,
    its CPU on plain input the converting, lbzip2's CPU the decode floor. The
    least soa could take on these cores is the floor's CPU plus its own
    converting, spread over the cores (lbzip2 on many small files uses about
    one core, so that least can be below lbzip2's own wall time)."""
    by = {(r["tool"], r["input"]): r for r in runs if r["status"] == "ok"}
    bz, plain, lb = by.get(("soa", "bz2")), by.get(("soa", "plain")), by.get(("lbzip2 -d", "bz2"))
    if not (bz and plain and lb):
        return []
    cores = bz.get("cores", 2)
    least = (lb["cpu_s"] + plain["cpu_s"]) / cores
    return [f"bzip2 split: soa on the bzip2 files took {bz['wall_s']:,.1f} s, {bz['wall_s'] / lb['wall_s']:.2f}× "
            f"the {lb['wall_s']:,.1f} s of `lbzip2 -dc -n {cores}` on the same files, and "
            f"{bz['cpu_s']:,.1f} CPU-s: about {bz['cpu_s'] - plain['cpu_s']:,.1f} decoding (its CPU on bzip2 less its CPU "
            f"on the plain files) and {plain['cpu_s']:,.1f} converting, where lbzip2 decodes in {lb['cpu_s']:,.1f} CPU-s. "
            f"Decoding at lbzip2's cost and converting at soa's, on {cores} cores, would take {least:,.1f} s: "
            f"soa took {bz['wall_s'] / least:.2f}× that (issue #25's goal: within 1.1×).", ""]


def results_section(rows):
    out = [machine_line(rows)]
    corpora = {r["size"]: r for r in rows if r["kind"] == "corpus"}
    fid_sizes = {r["size"] for r in rows if r["kind"] == "fidelity"}
    for size in sorted(corpora):
        c = corpora[size]
        out.append(f"### {size:,} records ({c['plain_bytes'] / 1e6:,.0f} MB of JSON in {c['files']} files; "
                   f"{c['bz2_bytes'] / 1e6:,.0f} MB as bzip2)\n")
        out.extend(gen_lines(rows, size))
        out.append("")
        fidelity = {r["tool"]: r["report"] for r in rows if r["kind"] == "fidelity" and r["size"] == size}
        if not fidelity and fid_sizes:
            out.append(f"(Fidelity columns: measured at {', '.join(f'{s:,}' for s in sorted(fid_sizes))} records.)\n")
        out.extend(runs_table(rows, size, fidelity))
        out.append("")
        out.extend(bzip2_split([r for r in rows if r["kind"] == "run" and r["size"] == size]))
    soa_runs = [r for r in rows if r["kind"] == "run" and r["tool"] == "soa" and r["status"] == "ok"]
    if len({r["size"] for r in soa_runs}) > 1:
        out.append("### Scaling of soa\n")
        out.append("| records | input | wall s | records/s | MB/s of JSON | CPU-s per GB of JSON | peak RSS MB |")
        out.append("|---:|---|---:|---:|---:|---:|---:|")
        for r in sorted(soa_runs, key=lambda r: (r["input"], r["size"])):
            gb = corpora[r["size"]]["plain_bytes"] / 1e9
            out.append(f"| {r['size']:,} | {r['input']} | {r['wall_s']:,.1f} | {r['size'] / r['wall_s']:,.0f} | "
                       f"{gb * 1e3 / r['wall_s']:,.0f} | {r['cpu_s'] / gb:,.1f} | {r['rss_mb']:,} |")
        out.append("")
    queries = [r for r in rows if r["kind"] == "query"]
    if queries:
        size = max(r["size"] for r in queries)
        out.append(f"### Bundled queries on soa's dataset of {size:,} records (goal: under 1 s each)\n")
        out.append("| query | ms | share of the 1 s goal |")
        out.append("|---|---:|---:|")
        for r in sorted((r for r in queries if r["size"] == size), key=lambda r: -r["ms"]):
            out.append(f"| {r['query']} | {r['ms']:,.0f} | {r['ms'] / 1000:.0%} |")
        out.append("")
    return "\n".join(out)


def full_section(rows):
    c = next(r for r in rows if r["kind"] == "corpus")
    bz2 = (f"{c['bz2_bytes'] / 1e9:,.1f} GB as bzip2" if c["bz2_bytes"]
           else "the bzip2 shards left out of this run (SOA_BENCH_BZIP2=0)")
    out = [machine_line(rows),
           f"### Full size: {c['size']:,} records ({c['plain_bytes'] / 1e9:,.1f} GB of JSON in {c['files']} files; "
           f"{bz2})\n",
           "Made by `benchmarks/run.sh --full`: soa on each layout measured and the floors; the peers are "
           "measured at the sizes above.\n"]
    out.extend(gen_lines(rows, c["size"]))
    out.append("")
    runs = [r for r in rows if r["kind"] == "run"]
    floor = {r["input"]: r["wall_s"] for r in runs if r["tool"] in ("cat", "lbzip2 -d") and r["status"] == "ok"}
    out.append("| tool | input | runs | wall s | × the floor (same input) | CPU s | CPU-s per GB of JSON | peak RSS MB | output MB | records/s | MB/s of JSON |")
    out.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in runs:
        ok = r["status"] == "ok"
        ratio = f"{r['wall_s'] / floor[r['input']]:.2f}" if ok and floor.get(r["input"]) else "-"
        out.append(f"| {r['tool']}{'' if ok else ' **failed**'} | {r['input']} | {r['runs']} | {r['wall_s']:,.1f} | {ratio} | "
                   f"{r['cpu_s']:,.1f} | {r['cpu_s'] / (c['plain_bytes'] / 1e9):,.1f} | {r['rss_mb']:,} | "
                   f"{mb(r['out_bytes']) if r['tool'] == 'soa' else '-'} | {r['size'] / r['wall_s']:,.0f} | {c['plain_bytes'] / 1e6 / r['wall_s']:,.0f} |")
        if not ok:
            out.append(f"\n{r['tool']} failed: `{r['error'].strip()}`\n")
    split = bzip2_split(runs)
    if split:
        out.append("")
        out.extend(split[:-1])
    return "\n".join(out) + "\n"


def rerun_section(rows):
    steps = [r for r in rows if r["kind"] == "rerun"]
    size = steps[0]["size"] if steps else 0
    m = next(r for r in rows if r["kind"] == "machine")
    out = [f"Measured {m.get('date', '?')} at commit `{m['commit']}` on {m['cpu']}, {m['cores']} cores, "
           f"{m['mem_gb']} GiB; {m['go']}.\n",
           f"| {size:,} records, S3 layout (plain files) | seconds | checked |",
           "|---|---:|---|"]
    for s in steps:
        out.append(f"| {s['step']} | {s['wall_s']:,.1f} | {s['check']} |")
    return "\n".join(out) + "\n"


def replace(text, name, body):
    start, end = f"<!-- {name} -->", f"<!-- /{name} -->"
    if start not in text or end not in text:
        print(f"report.py: no {start} … {end} markers in the README; section {name} not written", file=sys.stderr)
        return text
    head, rest = text.split(start, 1)
    _, tail = rest.split(end, 1)
    return head + start + "\n" + body + "\n" + end + tail


def main():
    readme = sys.argv[1]
    text = open(readme).read()
    for name, file, render in [("results", "results.jsonl", results_section), ("full", "full.jsonl", full_section),
                               ("rerun", "rerun.jsonl", rerun_section), ("pairs", "pairs.jsonl", pairs_section)]:
        rows = load(file)
        if rows:
            text = replace(text, name, render(rows))
    with open(readme, "w") as f:
        f.write(text)


def pairs_section(rows):
    """soa against each peer, run in alternation: the median of each tool
    and the median and range of the per-pair ratio of wall times (a peer's
    run over the soa run of its own round)."""
    import statistics
    m = next(r for r in rows if r["kind"] == "machine")
    versions = m.get("peer_versions") or {m["peer"]: m.get("peer_version", "?")}
    peers = list(versions)
    out = [f"Measured {m['date']} at commit `{m['commit']}` on {m['cpu']}, {m['cores']} cores; {m['go']}; "
           f"peers " + ", ".join(f"`{p}` ({versions[p]})" for p in peers) + f"; load average {m['load']} at the start. "
           "Each round ran soa, then each peer in turn (soa, " + ", ".join(peers) + ", soa, ...), from a warm page cache.\n",
           "| records | peer | pairs | soa wall s (median) | peer wall s (median) | soa / peer (median) | range | "
           "soa CPU s | peer CPU s | soa peak RSS MB | peer peak RSS MB |",
           "|---:|---|---:|---:|---:|---:|---|---:|---:|---:|---:|"]
    for size in sorted({r["size"] for r in rows if r["kind"] == "pair"}):
        for peer in peers:
            by = {}
            for r in rows:
                if r["kind"] == "pair" and r["size"] == size and r["tool"] in ("soa", peer):
                    by.setdefault(r["pair"], {})["soa" if r["tool"] == "soa" else "peer"] = r
            full = [p for p in by.values() if "soa" in p and "peer" in p]
            if not full:
                continue
            ratios = [p["soa"]["wall_s"] / p["peer"]["wall_s"] for p in full]
            med = lambda k, f: statistics.median(p[k][f] for p in full)
            out.append(f"| {size:,} | {peer} | {len(full)} | {med('soa', 'wall_s'):,.1f} | {med('peer', 'wall_s'):,.1f} | "
                       f"{statistics.median(ratios):.2f}× | {min(ratios):.2f}-{max(ratios):.2f} | "
                       f"{med('soa', 'cpu_s'):,.1f} | {med('peer', 'cpu_s'):,.1f} | "
                       f"{max(p['soa']['rss_mb'] for p in full):,} | {max(p['peer']['rss_mb'] for p in full):,} |")
    return "\n".join(out) + "\n"



if __name__ == "__main__":
    main()
