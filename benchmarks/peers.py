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
    duckdb2          DuckDB 2.0's read_ndjson(files, sample_size=-1,
                     union_by_name=true) with its default memory limit
                     (run from a second environment, benchmarks/requirements-v2.txt)
    duckdb2-mem      the same after SET memory_limit = '200GB', what a user
                     tries after DuckDB 2.0's out-of-memory error
    chdb             ClickHouse (chdb): file(glob, JSONEachRow), its schema
                     inferred, INSERT INTO FUNCTION file(... Parquet)
                     PARTITION BY unitCode
    chdb-str         the same with input_format_json_read_objects_as_strings=1
    chdb-object      file(glob, JSONAsObject): each record one column of
                     ClickHouse's JSON type (written to Parquet as JSON text,
                     not flattened), partitioned by json.unitCode
    datafusion       DataFusion's read_json over the shards (linked into a
                     folder as .json: its reader takes one folder and an
                     extension, and index.txt is not JSON)
    datafusion-full  the same with schema_infer_max_records over every row
    datafusion-normalised  the union fields rewritten in Python first (as
                     pyarrow-normalised), then DataFusion reads and writes

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


def run_duckdb2(out, files, memory_limit=None):
    import duckdb
    assert duckdb.__version__.startswith("2."), f"duckdb2 needs DuckDB 2.x, this is {duckdb.__version__}"
    con = duckdb.connect()
    con.execute(f"SET threads = {os.cpu_count()}")
    if memory_limit:
        con.execute(f"SET memory_limit = '{memory_limit}'")
    target = "'" + out.replace("'", "''") + "'"
    con.execute(
        f"COPY (SELECT *, unitCode AS unit_code FROM read_ndjson(?, sample_size = -1, union_by_name = true)) "
        f"TO {target} (FORMAT parquet, COMPRESSION zstd, PARTITION_BY unit_code)",
        [files],
    )


def run_duckdb2_mem(out, files):
    run_duckdb2(out, files, memory_limit="200GB")


def run_chdb(out, files, settings="", select="SELECT *, unitCode AS unit_code", fmt="JSONEachRow"):
    import shutil
    import chdb
    os.makedirs(out, exist_ok=True)
    target = os.path.join(out, "unit_code={_partition_id}", "part.parquet").replace("'", "\\'")
    # ClickHouse's file() takes one glob: the shards, linked into one folder,
    # are exactly the files given (a glob over the corpus would take index.txt).
    d = json_links(files)
    try:
        sql = (f"INSERT INTO FUNCTION file('{target}', Parquet) PARTITION BY unit_code "
               f"{select} FROM file('{d}/*.json', {fmt})")
        if settings:
            sql += " SETTINGS " + settings
        chdb.query(sql)
    finally:
        shutil.rmtree(d, ignore_errors=True)


def run_chdb_str(out, files):
    run_chdb(out, files, settings="input_format_json_read_objects_as_strings = 1")


def run_chdb_object(out, files):
    run_chdb(out, files, select="SELECT json, json.unitCode::String AS unit_code", fmt="JSONAsObject")


def json_links(files):
    """A temporary folder of links to files, named .json, for DataFusion."""
    import tempfile
    d = tempfile.mkdtemp(prefix="soa-df-")
    for i, f in enumerate(files):
        os.symlink(os.path.abspath(f), os.path.join(d, f"{i:06d}.json"))
    return d


def run_datafusion(out, files, infer=None, normalise=False):
    import shutil
    import tempfile
    from datafusion import DataFrameWriteOptions, SessionContext, col
    if normalise:
        d = tempfile.mkdtemp(prefix="soa-df-")
        for i, f in enumerate(files):
            with open(os.path.join(d, f"{i:06d}.json"), "wb") as w:
                shutil.copyfileobj(normalised(f), w)
    else:
        d = json_links(files)
    try:
        ctx = SessionContext()
        opts = {} if infer is None else {"schema_infer_max_records": infer}
        df = ctx.read_json(d, **opts).with_column("unit_code", col('"unitCode"'))
        df.write_parquet(out, compression="zstd", write_options=DataFrameWriteOptions(partition_by="unit_code"))
    finally:
        shutil.rmtree(d, ignore_errors=True)


def run_datafusion_full(out, files):
    run_datafusion(out, files, infer=10**12)


def run_datafusion_normalised(out, files):
    run_datafusion(out, files, infer=10**12, normalise=True)


PEERS = {"duckdb": run_duckdb, "duckdb-full": run_duckdb_full, "polars": run_polars, "polars-full": run_polars_full,
         "polars-override": run_polars_override, "pyarrow": run_pyarrow, "pyarrow-normalised": run_pyarrow_normalised,
         "duckdb2": run_duckdb2, "duckdb2-mem": run_duckdb2_mem, "chdb": run_chdb, "chdb-str": run_chdb_str,
         "chdb-object": run_chdb_object, "datafusion": run_datafusion, "datafusion-full": run_datafusion_full,
         "datafusion-normalised": run_datafusion_normalised}

if __name__ == "__main__":
    peer, out, files = sys.argv[1], sys.argv[2], sys.argv[3:]
    PEERS[peer](out, files)
