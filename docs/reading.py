"""Loading a soa dataset in pandas, pyarrow, polars and DuckDB: the snippets of
docs/READING.md, runnable as one script.

    python docs/reading.py DATASET
"""
import sys

dataset = sys.argv[1] if len(sys.argv) > 1 else "soa-demo"

# --- pandas ---------------------------------------------------------------
import pandas as pd
import pyarrow as pa
import pyarrow.dataset as ds

# Say that unit_code is text: without it, the hive partition comes back as a
# pandas category. numpy_nullable keeps year_start an Int32 with <NA>
# instead of a float64.
hive = ds.partitioning(pa.schema([("unit_code", pa.string())]), flavor="hive")
objects = pd.read_parquet(f"{dataset}/objects", partitioning=hive, dtype_backend="numpy_nullable")
media = pd.read_parquet(f"{dataset}/media", partitioning=hive, dtype_backend="numpy_nullable")
with_media = objects.merge(media, on=["record_id", "unit_code"], suffixes=("", "_media"))
print(objects.groupby("unit_code").size().sort_values(ascending=False).head())

# --- pyarrow --------------------------------------------------------------
table = ds.dataset(f"{dataset}/facets", format="parquet", partitioning=hive).to_table(
    filter=ds.field("facet") == "topic")
print(table.num_rows, "topic facets")

# --- polars ---------------------------------------------------------------
import polars as pl

freetext = pl.scan_parquet(f"{dataset}/freetext/*/*.parquet", hive_partitioning=True)
print(freetext.group_by("category").len().sort("len", descending=True).collect().head())

# --- DuckDB (Python; the CLI takes the same SQL) --------------------------
import duckdb

print(duckdb.sql(f"""
    SELECT unit_code, count(*) AS records, avg(is_cc0::INT) AS cc0_share
    FROM read_parquet('{dataset}/objects/*/*.parquet',
                      hive_partitioning = true, hive_types = {{'unit_code': VARCHAR}})
    GROUP BY ALL ORDER BY records DESC LIMIT 5"""))
