"""Every client reads every table of every dataset, with the snippets of
docs/READING.md, and must agree with pyarrow (read directly) and with the
manifest: rows per unit, the value of every column of every row, and types."""
import json
import re
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as ds
import pytest

import snippets
from conftest import RECORDS

TABLES = ["objects", "media", "facets", "freetext", "other", "names", "identifiers"]

# The kinds each client must report for these columns.
KINDS = {
    "objects": {"unit_code": "text", "timestamp": "timestamp", "last_time_updated": "timestamp",
                "topics": "list", "year_start": "int", "is_cc0": "bool", "latitude": "float"},
    "media": {"unit_code": "text", "resources": "list", "ordinal": "int"},
    "facets": {"unit_code": "text", "ordinal": "int"},
    "freetext": {"unit_code": "text", "content": "text"},
    "other": {"unit_code": "text", "raw_json": "text"},
    "names": {"unit_code": "text", "role_class": "text", "birth_year": "int"},
    "identifiers": {"unit_code": "text", "scheme": "text", "value": "text"},
}

CLIENTS = ["pandas", "pyarrow", "polars", "duckdb", "duckdb-cli", "spark"]


# --- each client: its snippet, its native types, its rows as Arrow --------

_namespaces = {}


def namespace(client, dataset):
    key = (client, dataset.name)
    if key not in _namespaces:
        if client == "duckdb-cli":
            import duckdb
            con = duckdb.connect()
            lang, script = snippets.code_for("duckdb-cli", dataset.path)
            assert lang == "sql"
            con.execute(script)  # views, then the example query
            _namespaces[key] = {"load": lambda table: con.sql(f"SELECT * FROM {table}"), "con": con}
        else:
            _namespaces[key] = snippets.run_python(client, dataset.path)
    return _namespaces[key]


def to_arrow(client, frame, columns):
    """The rows of a client's frame, the given columns, as an Arrow table."""
    if client == "pandas":
        return pa.Table.from_pandas(frame[columns], preserve_index=False)
    if client == "pyarrow":
        return frame.select(columns)
    if client == "polars":
        return frame.select(columns).collect().to_arrow()
    if client in ("duckdb", "duckdb-cli"):
        out = frame.select(", ".join(f'"{c}"' for c in columns)).arrow()
        return out.read_all() if isinstance(out, pa.RecordBatchReader) else out
    if client == "spark":
        return frame.select(*columns).toArrow()
    raise ValueError(client)


def kind(client, frame, column):
    """What a client says a column is: text, timestamp, list, int, bool, float."""
    if client == "pandas":
        import numpy as np
        import pandas as pd
        dtype = frame[column].dtype
        if isinstance(dtype, pd.StringDtype):
            return "text"
        if isinstance(dtype, pd.DatetimeTZDtype):
            return "timestamp" if str(dtype.tz) == "UTC" else f"timestamp in {dtype.tz}"
        if pd.api.types.is_bool_dtype(dtype):
            return "bool"
        if pd.api.types.is_integer_dtype(dtype):
            return "int"
        if pd.api.types.is_float_dtype(dtype):
            return "float"
        if dtype == object:
            cells = frame[column].dropna()
            if len(cells) == 0:
                return "list"  # no cell to look at; the Arrow type says list
            return "list" if isinstance(cells.iloc[0], (np.ndarray, list)) else f"object of {type(cells.iloc[0]).__name__}"
        return str(dtype)
    if client == "pyarrow":
        return arrow_kind(frame.schema.field(column).type)
    if client == "polars":
        import polars as pl
        dtype = frame.collect_schema()[column]
        if dtype == pl.String:
            return "text"
        if isinstance(dtype, pl.Datetime):
            return "timestamp" if dtype.time_zone == "UTC" else f"timestamp in {dtype.time_zone}"
        if isinstance(dtype, pl.List):
            return "list"
        if dtype == pl.Boolean:
            return "bool"
        if dtype.is_integer():
            return "int"
        if dtype.is_float():
            return "float"
        return str(dtype)
    if client in ("duckdb", "duckdb-cli"):
        dtype = str(dict(zip(frame.columns, frame.types))[column])
        if dtype == "VARCHAR":
            return "text"
        if dtype == "TIMESTAMP WITH TIME ZONE":
            return "timestamp"
        if dtype.endswith("[]"):
            return "list"
        if dtype == "BOOLEAN":
            return "bool"
        if dtype in ("INTEGER", "BIGINT", "SMALLINT"):
            return "int"
        if dtype in ("DOUBLE", "FLOAT"):
            return "float"
        return dtype
    if client == "spark":
        from pyspark.sql import types as T
        dtype = frame.schema[column].dataType
        for cls, name in [(T.StringType, "text"), (T.TimestampType, "timestamp"), (T.ArrayType, "list"),
                          (T.BooleanType, "bool"), (T.IntegerType, "int"), (T.LongType, "int"), (T.DoubleType, "float")]:
            if isinstance(dtype, cls):
                return name
        return str(dtype)
    raise ValueError(client)


def arrow_kind(t):
    if pa.types.is_string(t) or pa.types.is_large_string(t) or pa.types.is_string_view(t):
        return "text"
    if pa.types.is_timestamp(t):
        return "timestamp" if t.tz in ("UTC", "+00:00") else f"timestamp in {t.tz}"
    if pa.types.is_list(t) or pa.types.is_large_list(t) or pa.types.is_list_view(t):
        return "list"
    if pa.types.is_boolean(t):
        return "bool"
    if pa.types.is_integer(t):
        return "int"
    if pa.types.is_floating(t):
        return "float"
    return str(t)


# --- canonical rows: one Arrow table any two clients can be compared by ---

def canonical(t):
    """Every column as plain scalars (timestamps as epoch seconds, lists of
    scalars joined with U+001F, lists of structs as JSON text with sorted
    keys), rows sorted."""
    cols = {}
    for name in t.column_names:
        c = t.column(name).combine_chunks() if t.num_rows else pa.array([], t.schema.field(name).type)
        typ = c.type
        if pa.types.is_dictionary(typ):
            c, typ = c.cast(typ.value_type), typ.value_type
        if pa.types.is_timestamp(typ):
            per_second = {"s": 1, "ms": 1000, "us": 10**6, "ns": 10**9}[typ.unit]
            c = pc.divide(c.cast(pa.int64()), per_second)
        elif (pa.types.is_list(typ) or pa.types.is_large_list(typ)) and pa.types.is_struct(typ.value_type):
            c = pa.array([None if v is None else json.dumps(plain(v), sort_keys=True, default=str) for v in c.to_pylist()],
                         pa.string())
        elif pa.types.is_list(typ) or pa.types.is_large_list(typ):
            values = c.flatten() if len(c) else pa.array([], typ.value_type)
            values = values.cast(pa.string())
            offsets = c.offsets.cast(pa.int32()) if pa.types.is_large_list(typ) else c.offsets
            c = pc.binary_join(pa.ListArray.from_arrays(offsets, values, mask=c.is_null()), "\x1f")
        elif pa.types.is_null(typ):
            c = c.cast(pa.string())
        elif pa.types.is_integer(typ):
            c = c.cast(pa.int64())
        elif pa.types.is_floating(typ):
            c = c.cast(pa.float64())
        elif pa.types.is_boolean(typ):
            pass
        else:
            c = c.cast(pa.string())
        cols[name] = c
    out = pa.table(cols)
    return out.sort_by([(n, "ascending") for n in out.column_names])


def plain(v):
    """A nested value with the clients' number spellings made one: pandas
    turns the integers of a struct with a null into floats (3506.0), and a
    missing number into NaN."""
    if isinstance(v, dict):
        return {k: plain(e) for k, e in v.items()}
    if isinstance(v, (list, tuple)):
        return [plain(e) for e in v]
    if isinstance(v, float):
        if v != v:
            return None
        if v.is_integer():
            return int(v)
    return v


_reference = {}


def columns(dataset, table):
    """Every column of a table: those of its files and unit_code."""
    return [f.name for f in _table(dataset, table).schema]


def _table(dataset, table):
    hive = ds.partitioning(pa.schema([("unit_code", pa.string())]), flavor="hive")
    return ds.dataset(dataset.path / table, format="parquet", partitioning=hive).to_table()


def reference(dataset, table):
    """Every column as pyarrow.dataset reads it, with hive partitioning."""
    key = (dataset.name, table)
    if key not in _reference:
        _reference[key] = canonical(_table(dataset, table))
    return _reference[key]


def per_unit(t):
    counts = t.group_by("unit_code").aggregate([([], "count_all")])
    return {u: n for u, n in zip(counts["unit_code"].to_pylist(), counts["count_all"].to_pylist())}


def first_difference(want, got):
    for i, (w, g) in enumerate(zip(want.to_pylist(), got.to_pylist())):
        if w != g:
            return f"row {i}: want {w}, got {g}"
    return f"{want.num_rows} rows wanted, {got.num_rows} got"


# --- the tests ---------------------------------------------------------------

def test_reference_matches_manifest(dataset):
    for table in TABLES:
        assert per_unit(reference(dataset, table)) == dataset.units(table), table
    assert reference(dataset, "objects").num_rows + reference(dataset, "other").num_rows == dataset.manifest["records"]
    want = {"sample": 228 + 2, "generated": RECORDS}[dataset.name]
    assert dataset.manifest["records"] == want
    if dataset.name == "sample":  # testdata/other-types: the other table is compared with rows in it
        assert reference(dataset, "other").num_rows == 2


@pytest.mark.parametrize("client", CLIENTS)
@pytest.mark.parametrize("table", TABLES)
def test_client_reads_table(client, table, dataset):
    frame = namespace(client, dataset)["load"](table)
    want = reference(dataset, table)
    got = canonical(to_arrow(client, frame, columns(dataset, table)))
    assert per_unit(got) == dataset.units(table), f"{client} rows per unit of {table}"
    assert got.schema == want.schema, f"{client}: {got.schema} vs {want.schema}"
    assert got.equals(want), f"{client} values of {table}: {first_difference(want, got)}"
    kinds = {c: kind(client, frame, c) for c in KINDS[table]}
    assert kinds == KINDS[table], f"{client} types of {table}"


def test_snippet_examples(dataset):
    """The examples after each loader run and give sensible answers."""
    objects = sum(dataset.units("objects").values())  # the manifest's records count other documents too
    pd_ns = namespace("pandas", dataset)
    assert len(pd_ns["objects"]) == objects
    media_rows = sum(dataset.units("media").values())
    assert len(pd_ns["with_media"]) == media_rows  # every media row has its object
    assert namespace("pyarrow", dataset)["topics"].num_rows > 0
    pl_ns = namespace("polars", dataset)
    assert pl_ns["by_category"]["len"].sum() == sum(dataset.units("freetext").values())
    assert len(pl_ns["with_media"]) == media_rows
    assert sum(n for _, n, _ in namespace("duckdb", dataset)["per_unit"]) == objects
    assert namespace("spark", dataset)["with_media"].count() == media_rows


def test_table_folders_hold_only_parts(dataset):
    part = re.compile(r"part-[A-Za-z0-9._%-]+\.parquet")
    for table in TABLES:
        root = dataset.path / table
        assert root.is_dir(), f"{table} folder missing"
        for p in root.iterdir():
            assert p.is_dir() and p.name.startswith("unit_code="), f"stray {p}"
            for f in p.iterdir():
                assert f.is_file() and part.fullmatch(f.name), f"stray {f}"


def test_every_snippet_is_run():
    run = set(CLIENTS)
    assert set(snippets.snippets()) == run, "a snippet of docs/READING.md that no test runs, or the reverse"
