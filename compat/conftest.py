"""Fixtures of the compatibility suite: the datasets the clients read.

- sample: the 228 real records of testdata/records, and the two documents
  of other types of testdata/other-types (rows of the other table),
  converted by one run.
- generated: SOA_COMPAT_RECORDS (default 100,000) records from `soa gen`,
  converted by three `soa convert --shard i/3` processes at once and put
  together with `soa merge`.

soa is the binary in $SOA_BIN, or built from this checkout.
"""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
RECORDS = int(os.environ.get("SOA_COMPAT_RECORDS", "100000"))

# Collecting a big table to the driver needs more than Spark's default 1 GiB.
os.environ.setdefault("PYSPARK_SUBMIT_ARGS", "--driver-memory 4g pyspark-shell")
os.environ.setdefault("PYSPARK_PYTHON", sys.executable)


class Dataset:
    def __init__(self, name, path):
        self.name = name
        self.path = path
        self.manifest = json.loads((path / "_manifest.json").read_text())

    def units(self, table):
        """Rows per unit of a table, as the manifest counts them."""
        for t in self.manifest["tables"]:
            if t["name"] == table:
                return t["units"]
        raise KeyError(table)

    def __repr__(self):
        return self.name


def soa(*args, **kwargs):
    return subprocess.run([str(soa_binary()), *map(str, args)], check=True, capture_output=True, text=True, **kwargs)


_binary = None


def soa_binary():
    global _binary
    if _binary is None:
        _binary = os.environ.get("SOA_BIN")
        if not _binary:
            out = Path(os.environ.get("TMPDIR", "/tmp")) / f"soa-compat-{os.getpid()}"
            subprocess.run(["go", "build", "-o", str(out), "./cmd/soa"], cwd=ROOT, check=True)
            _binary = str(out)
    return _binary


def _sample(tmp):
    out = tmp / "sample"
    soa("convert", "--progress", "none", "-o", out, *sorted((ROOT / "testdata" / "records").glob("*.jsonl")),
        *sorted((ROOT / "testdata" / "other-types").glob("*.jsonl")))
    return out


def _generated(tmp):
    corpus = tmp / "corpus"
    # 2% of the records in the union forms the schema allows beyond the
    # dump's own (string timestamps, a bare exhibition object, ...).
    soa("gen", "--records", RECORDS, "--seed", 7, "--other-forms", 0.02, "--progress", "none", "-o", corpus)
    shards = [tmp / f"shard{i}" for i in (1, 2, 3)]
    procs = [
        subprocess.Popen([soa_binary(), "convert", "--progress", "none", "--workers", "1",
                          "--shard", f"{i}/3", "-o", str(out), str(corpus)],
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        for i, out in zip((1, 2, 3), shards)
    ]
    for p in procs:
        _, err = p.communicate()
        assert p.returncode == 0, f"soa convert --shard: status {p.returncode}: {err}"
    out = tmp / "generated"
    soa("merge", "-o", out, *shards)
    return out


_datasets = {}


@pytest.fixture(scope="session", params=["sample", "generated"])
def dataset(request, tmp_path_factory):
    name = request.param
    if name not in _datasets:
        build = {"sample": _sample, "generated": _generated}[name]
        _datasets[name] = Dataset(name, build(tmp_path_factory.mktemp(name)))
    return _datasets[name]


@pytest.fixture(scope="session", autouse=True)
def _stop_spark():
    yield
    if "pyspark" in sys.modules:
        from pyspark.sql import SparkSession
        s = SparkSession.getActiveSession()
        if s is not None:
            s.stop()
