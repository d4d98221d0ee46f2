"""Convert an EDAN JSON-lines corpus to Hive-partitioned Parquet the way a
user would with each peer tool, with its default schema inference.

    python peers.py duckdb|polars|pyarrow OUT FILE...

Each peer reads the plain (uncompressed) shards: none of them reads bzip2.
The partition column is the record's unitCode, as soa's unit_code.
"""
import sys


def run_duckdb(out, files):
    import duckdb
    con = duckdb.connect()
    con.execute("SET threads = 2")
    # read_ndjson infers the schema from a sample (sample_size=20480 rows by
    # default), as a user running it with defaults gets.
    con.execute(
        "COPY (SELECT *, unitCode AS unit_code FROM read_ndjson(?)) "
        "TO ? (FORMAT parquet, COMPRESSION zstd, PARTITION_BY unit_code)",
        [files, out],
    )


def run_polars(out, files):
    import polars as pl
    # scan_ndjson infers the schema from the first 100 rows by default.
    df = pl.scan_ndjson(files).with_columns(pl.col("unitCode").alias("unit_code")).collect()
    df.write_parquet(out, compression="zstd", partition_by="unit_code")


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
    {"duckdb": run_duckdb, "polars": run_polars, "pyarrow": run_pyarrow}[peer](out, files)
