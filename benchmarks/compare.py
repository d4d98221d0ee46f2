"""What a peer's Parquet output lost compared with its JSON input.

    python compare.py CORPUS_DIR OUT_DIR

Prints one JSON object: records in the input and rows in the output, the
input's key paths (arrays as []) that the output schema has no column for
("dropped"), and those whose objects or arrays came out as a string column
("as_json_strings").
"""
import json
import os
import sys

import pyarrow.dataset as ds


def input_paths(corpus):
    paths = {}  # path -> set of JSON kinds seen
    records = 0

    def walk(v, p):
        kind = type(v).__name__
        paths.setdefault(p, set()).add(kind)
        if isinstance(v, dict):
            for k, e in v.items():
                walk(e, f"{p}.{k}" if p else k)
        elif isinstance(v, list):
            for e in v:
                walk(e, p + "[]")

    for root, _, names in os.walk(corpus):
        for n in sorted(names):
            if n == "index.txt" or not n.endswith(".txt"):
                continue
            with open(os.path.join(root, n), encoding="utf-8") as f:
                for line in f:
                    if line.strip():
                        records += 1
                        walk(json.loads(line), "")
    paths.pop("", None)
    return records, paths


def output_paths(out):
    import pyarrow as pa
    dataset = ds.dataset(out, format="parquet", partitioning="hive")
    paths = {}

    def walk(t, p):
        if pa.types.is_struct(t):
            paths[p] = "struct"
            for f in t:
                walk(f.type, f"{p}.{f.name}")
        elif pa.types.is_list(t) or pa.types.is_large_list(t):
            paths[p] = "list"
            walk(t.value_type, p + "[]")
        else:
            paths[p] = str(t)

    for f in dataset.schema:
        walk(f.type, f.name)
    return dataset.count_rows(), paths


def main():
    corpus, out = sys.argv[1], sys.argv[2]
    records, inp = input_paths(corpus)
    rows, outp = output_paths(out)
    as_strings = sorted(p for p, kinds in inp.items()
                        if kinds & {"dict", "list"} and outp.get(p) in ("string", "large_string"))

    def under(p, parents):
        return any(p.startswith(q + ".") or p.startswith(q + "[]") for q in parents)
    # Below a value kept as a JSON string nothing is lost, only typed worse.
    dropped = sorted(p for p in inp if p not in outp and not under(p, as_strings))
    # A path under a dropped or stringified parent is counted once, at the top.
    def top(ps):
        return [p for p in ps if not any(p != q and (p.startswith(q + ".") or p.startswith(q + "[]")) for q in ps)]
    print(json.dumps({
        "records": records, "rows": rows, "input_paths": len(inp),
        "dropped": len(top(dropped)), "dropped_examples": top(dropped)[:8],
        "as_json_strings": len(top(as_strings)), "as_json_strings_examples": top(as_strings)[:8],
    }))


if __name__ == "__main__":
    main()
