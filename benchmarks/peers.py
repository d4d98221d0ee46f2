"""Convert an EDAN JSON-lines corpus to Hive-partitioned Parquet the way a
user would with each peer tool, with its default schema inference.

    python peers.py duckdb|duckdb-full|polars|polars-full|pyarrow OUT FILE...

Each peer reads the plain (uncompressed) shards: none of them reads bzip2.
The partition column is the record's unitCode, as soa's unit_code.
"""
import sys


def run_duckdb(out, files, options=""):
    import duckdb
    con = duckdb.connect()
    con.execute("SET threads = 2")
    # read_ndjson infers the schema from a sample (sample_size=20480 rows by
    # default), as a user running it with defaults gets.
    target = "'" + out.replace("'", "''") + "'"  # COPY's target cannot be a parameter
    con.execute(
        f"COPY (SELECT *, unitCode AS unit_code FROM read_ndjson(?{options})) "
        f"TO {target} (FORMAT parquet, COMPRESSION zstd, PARTITION_BY unit_code)",
        [files],
    )


def run_duckdb_full(out, files):
    # What DuckDB's own error message suggests: sample every row, unify files by name.
    run_duckdb(out, files, ", sample_size = -1, union_by_name = true")


def run_polars(out, files, infer_schema_length=100):
    import polars as pl
    # scan_ndjson infers the schema from the first 100 rows by default.
    df = (pl.scan_ndjson(files, infer_schema_length=infer_schema_length)
          .with_columns(pl.col("unitCode").alias("unit_code")).collect())
    df.write_parquet(out, compression="zstd", partition_by="unit_code")


def run_polars_full(out, files):
    # What a user tries next: infer the schema from every row.
    run_polars(out, files, infer_schema_length=None)


def run_pyarrow(out, files):
    import pyarrow as pa
    import pyarrow.dataset as ds
    import pyarrow.json as pj
    # Each file's schema is inferred from its first block; files are then
    # unified, promoting types where they differ.
    tables = [pj.read_json(f) for f in files]
    table = pa.concat_tables(tables, promote_options="permissive")
    table = table.append_column("unit_code", table.column("unitCode"))
    ds.write_dataset(table, out, format="parquet", partitioning=["unit_code"],
                     partitioning_flavor="hive",
                     file_options=ds.ParquetFileFormat().make_write_options(compression="zstd"))


if __name__ == "__main__":
    peer, out, files = sys.argv[1], sys.argv[2], sys.argv[3:]
    {"duckdb": run_duckdb, "duckdb-full": run_duckdb_full, "polars": run_polars, "polars-full": run_polars_full,
     "pyarrow": run_pyarrow}[peer](out, files)
