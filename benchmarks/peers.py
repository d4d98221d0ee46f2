"""Convert an EDAN JSON-lines corpus to Hive-partitioned Parquet the way a
user would with each peer tool: first with its defaults, then with what a
competent user tries next when the defaults fail.

    python peers.py PEER OUT FILE...

    duckdb           read_ndjson(files) with its default sampled schema
    duckdb-full      read_ndjson(files, sample_size=-1, union_by_name=true):
                     what DuckDB's own error message suggests
    polars           scan_ndjson(files) (schema from the first 100 rows)
    polars-full      scan_ndjson(files, infer_schema_length=None)
    polars-override  the schema of every row, with the union fields (the
                     elements of indexedStructured.name, the geoLocation
                     levels: object or string in the real records) declared
                     as String through schema_overrides, so both forms load
                     (objects as JSON text)
    pyarrow          pyarrow.json.read_json per file, concat_tables(promote)
    pyarrow-normalised  the same after rewriting the union fields in Python
                     (string -> {"content": string}): pyarrow's JSON reader
                     has no type that takes both an object and a string,
                     not even with an explicit schema (string, struct and
                     arrow.json all fail), so normalising first is the way

Each peer reads the plain (uncompressed) shards: none of them reads bzip2.
The partition column is the record's unitCode, as soa's unit_code. Every
peer uses all the machine's cores (DuckDB: SET threads to the core count;
polars and pyarrow do by default), as soa and lbzip2 do.
"""
import io
import json
import os
import sys


def run_duckdb(out, files, options=""):
    import duckdb
    con = duckdb.connect()
    con.execute(f"SET threads = {os.cpu_count()}")
    # read_ndjson infers the schema from a sample (sample_size=20480 rows by
    # default), as a user running it with defaults gets.
    target = "'" + out.replace("'", "''") + "'"  # COPY's target cannot be a parameter
    con.execute(
        f"COPY (SELECT *, unitCode AS unit_code FROM read_ndjson(?{options})) "
        f"TO {target} (FORMAT parquet, COMPRESSION zstd, PARTITION_BY unit_code)",
        [files],
    )


def run_duckdb_full(out, files):
    run_duckdb(out, files, ", sample_size = -1, union_by_name = true")


def run_polars(out, files, infer_schema_length=100, schema_overrides=None):
    import polars as pl
    df = (pl.scan_ndjson(files, infer_schema_length=infer_schema_length, schema_overrides=schema_overrides)
          .with_columns(pl.col("unitCode").alias("unit_code")).collect())
    df.write_parquet(out, compression="zstd", partition_by="unit_code")


def run_polars_full(out, files):
    run_polars(out, files, infer_schema_length=None)


def run_polars_override(out, files):
    import polars as pl
    # scan_ndjson over many files takes the first file's schema, so a key
    # first seen in a later file would be dropped: merge every file's.
    content = None
    for f in files:
        content = merge_dtypes(content, pl.scan_ndjson(f, infer_schema_length=None).collect_schema().get("content"))

    def union_as_string(dtype, path=()):
        if isinstance(dtype, pl.List):
            return pl.List(union_as_string(dtype.inner, path))
        if not isinstance(dtype, pl.Struct):
            return dtype
        fields = []
        for f in dtype.fields:
            p = path + (f.name,)
            if p == ("indexedStructured", "name"):
                fields.append(pl.Field(f.name, pl.List(pl.String)))
            elif p[:2] == ("indexedStructured", "geoLocation") and len(p) == 3 and f.name[:1] in ("L", "O"):
                fields.append(pl.Field(f.name, pl.String))
            else:
                fields.append(pl.Field(f.name, union_as_string(f.dtype, p)))
        return pl.Struct(fields)

    run_polars(out, files, infer_schema_length=None, schema_overrides={"content": union_as_string(content)})


def merge_dtypes(a, b):
    """The union of two inferred polars types: struct fields by name."""
    import polars as pl
    if a is None or a == pl.Null:
        return b
    if b is None or b == pl.Null:
        return a
    if isinstance(a, pl.Struct) and isinstance(b, pl.Struct):
        fields = {f.name: f.dtype for f in a.fields}
        for f in b.fields:
            fields[f.name] = merge_dtypes(fields.get(f.name), f.dtype)
        return pl.Struct([pl.Field(k, v) for k, v in fields.items()])
    if isinstance(a, pl.List) and isinstance(b, pl.List):
        return pl.List(merge_dtypes(a.inner, b.inner))
    return a if a == b else pl.String  # a union the override turns to text anyway


def run_pyarrow(out, files, normalise=False):
    import pyarrow as pa
    import pyarrow.dataset as ds
    import pyarrow.json as pj
    # Each file's schema is inferred from its first block; files are then
    # unified, promoting types where they differ.
    tables = [pj.read_json(normalised(f) if normalise else f) for f in files]
    table = pa.concat_tables(tables, promote_options="permissive")
    table = table.append_column("unit_code", table.column("unitCode"))
    ds.write_dataset(table, out, format="parquet", partitioning=["unit_code"],
                     partitioning_flavor="hive",
                     file_options=ds.ParquetFileFormat().make_write_options(compression="zstd"))


def normalised(path):
    """The file's records with every union field in its object form."""
    buf = io.BytesIO()
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            rec = json.loads(line)
            ist = (rec.get("content") or {}).get("indexedStructured") or {}
            if isinstance(ist.get("name"), list):
                ist["name"] = [{"content": n} if isinstance(n, str) else n for n in ist["name"]]
            for g in ist.get("geoLocation") or []:
                if isinstance(g, dict):
                    for k, v in g.items():
                        if isinstance(v, str):
                            g[k] = {"content": v}
            buf.write(json.dumps(rec, ensure_ascii=False).encode())
            buf.write(b"\n")
    buf.seek(0)
    return buf


def run_pyarrow_normalised(out, files):
    run_pyarrow(out, files, normalise=True)


PEERS = {"duckdb": run_duckdb, "duckdb-full": run_duckdb_full, "polars": run_polars, "polars-full": run_polars_full,
         "polars-override": run_polars_override, "pyarrow": run_pyarrow, "pyarrow-normalised": run_pyarrow_normalised}

if __name__ == "__main__":
    peer, out, files = sys.argv[1], sys.argv[2], sys.argv[3:]
    PEERS[peer](out, files)
