"""What a tool's Parquet output kept of its JSON input, measured the same way
for every tool, soa included.

    python fidelity.py soa|peer CORPUS_DIR OUT_DIR

The scanner reads every record of the corpus (plain shards) and lists its
leaves: (key path, value) for every string, number and boolean (nulls are
not counted). It then reads the output rows of the same unit partition,
maps each row back to key paths, and, record by record, looks for every
input leaf among the output's leaves of that record. A leaf not found is
lost (a dropped key, a changed value, a missing row). An object or array
found only as JSON text in a string cell (a peer's JSON column, soa's
extra_json) is counted as a path kept as JSON text: kept, but not typed.

Key paths are dotted keys with array levels left out, so that an array of
objects and a bare object (EDAN allows both) are the same path for every
tool, and a final `.content` is dropped, so that a string and its
{content, type} object form (name elements, geoLocation levels, freetext
items) are too.

How rows map back to key paths:
- peer: a row of the peer's table is the record, its columns the JSON keys
  (structs and lists as the JSON nests them); a string cell holding JSON
  text where the record has an object or array is parsed.
- soa: as docs/DATASET.md says where each value goes: objects columns to
  their source paths (unit_code, the partition, to unitCode and
  descriptiveNonRepeating.unit_code; title to title and title.content;
  media_count to online_media.mediaCount, which soa leaves out of
  extra_json only when it equals that count), every facets row to
  indexedStructured.<facet>[.<level>](.content and .type when qualified),
  every freetext row to freetext.<category>.label/.content, media rows and
  their resources to online_media.media.* and media.resources.*, and the
  keys of every extra_json cell (JSON paths) to those paths. Derived
  columns (is_cc0, year_start, country, latitude, max_width, ...) and the
  list columns, which repeat facets rows, are not used: every leaf must be
  found where soa says the value itself is.

Prints one JSON object: records, rows (records with an output row), leaves,
leaves_lost, paths_losing (key paths with a lost leaf; examples), and
json_text_paths (object/array paths kept as JSON text; examples).

For soa it also checks the two derived long tables against the JSON
(derived: "names" and "identifiers", each with rows, and unmatched: rows
whose value the record does not hold, plus, for identifiers, items without a
row): every identifiers value must be a freetext.identifier content, or the
part after the colon of a "Label : value" content; every names row must
belong to a record with that name in freetext.name or indexedStructured.name
(compared case-insensitively, its display form a prefix of the text with
life dates, relator codes and punctuation ignored).
"""
import collections
import datetime
import glob
import json
import os
import sys

import pyarrow.parquet as pq

DNR = "content.descriptiveNonRepeating"
MEDIA = DNR + ".online_media.media"


def canon(v):
    """A leaf value as text, the same for every tool."""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        return str(int(v)) if v.is_integer() and abs(v) < 2**53 else json.dumps(v)
    if isinstance(v, datetime.datetime):
        if v.tzinfo is None:
            v = v.replace(tzinfo=datetime.timezone.utc)
        return str(int(v.timestamp()))
    if isinstance(v, (datetime.date, datetime.time)):
        return v.isoformat()
    return str(v)


def join(p, k):
    return f"{p}.{k}" if p else k


def key(p):
    """The path a leaf is matched by: EDAN's unions give a bare string and a
    {content, type} object for the same value (name elements, geoLocation
    levels, freetext items), so a final .content is dropped."""
    return p[:-8] if p.endswith(".content") else p


def leaves(v, p, out, containers=None):
    """Adds (path, value) of every leaf under v to the Counter out; records
    the paths of objects and arrays in containers."""
    if isinstance(v, dict):
        if containers is not None:
            containers.add(p)
        for k, e in v.items():
            leaves(e, join(p, k), out, containers)
    elif isinstance(v, (list, tuple)):
        if containers is not None:
            containers.add(p)
        for e in v:
            leaves(e, p, out, containers)
    elif v is not None:
        out[(key(p), canon(v))] += 1


class Found:
    """The output's leaves of one record, and the paths found as JSON text."""

    def __init__(self):
        self.leaves = collections.Counter()
        self.text_paths = set()

    def add(self, p, v):
        if v is not None:
            self.leaves[(key(p), canon(v))] += 1

    def add_text(self, p, text):
        """A JSON text cell at path p: its leaves, and p if it holds a container."""
        try:
            v = json.loads(text)
        except (ValueError, TypeError):
            return False
        if isinstance(v, (dict, list)):
            self.text_paths.add(p)
        leaves(v, p, self.leaves)
        return True


def input_records(corpus):
    """Yields (unit folder, [record]) for each unit folder of the corpus."""
    for root, _, names in sorted(os.walk(corpus)):
        files = sorted(n for n in names if len(n) == 6 and n.endswith(".txt") and n != "index.txt")
        if not files:
            continue
        recs = []
        for n in files:
            with open(os.path.join(root, n), encoding="utf-8") as f:
                recs.extend(json.loads(line) for line in f if line.strip())
        yield root, recs


def record_id(rec):
    return ((rec.get("content") or {}).get("descriptiveNonRepeating") or {}).get("record_ID")


def read_unit(path, unit):
    """The rows of one unit's partition folder (unit_code=UNIT, as every tool
    here writes it; the generated unit codes need no escaping)."""
    files = sorted(glob.glob(os.path.join(glob.escape(path), f"unit_code={glob.escape(unit)}", "*.parquet")))
    rows = []
    for f in files:  # one by one: a tool may give two files of a folder other schemas
        rows.extend(pq.ParquetFile(f).read().to_pylist())  # no partitioning guessed from the path
    return rows


# --- peers: rows are records ---------------------------------------------------

def peer_found(out, unit, containers_of):
    found = {}
    for row in read_unit(out, unit):
        f = Found()
        if "content" not in row and isinstance(row.get("json"), str):
            # A tool that keeps each record as one JSON value (ClickHouse's
            # JSONAsObject): the record is that text, kept untyped at its root.
            try:
                rec = json.loads(row["json"])
            except ValueError:
                rec = None
            if isinstance(rec, dict):
                f.text_paths.add("(the whole record)")
                row = dict(rec, unit_code=row.get("unit_code"))
        rid = ((row.get("content") or {}).get("descriptiveNonRepeating") or {}).get("record_ID")
        cont = containers_of.get(rid, set())

        def walk(v, p):
            if isinstance(v, dict):
                for k, e in v.items():
                    walk(e, join(p, k))
            elif isinstance(v, (list, tuple)):
                for e in v:
                    walk(e, p)
            elif isinstance(v, str) and v[:1] in ("{", "[", '"') and (p in cont or v[:1] == '"'):
                # A JSON column: objects and arrays as text, strings quoted.
                if not f.add_text(p, v):
                    f.add(p, v)
                elif v[:1] == '"':
                    f.add(p, v)  # a string that merely starts with a quote
            else:
                f.add(p, v)

        for k, v in row.items():
            if k != "unit_code":
                walk(v, k)
        if rid is not None:
            found.setdefault(rid, Found())
            found[rid].leaves += f.leaves
            found[rid].text_paths |= f.text_paths
    return found


# --- soa: rows of five tables, mapped as docs/DATASET.md says ----------------------

OBJECT_PATHS = {
    "record_id": [DNR + ".record_ID"], "id": ["id"], "url": ["url"], "type": ["type"], "hash": ["hash"],
    "doc_signature": ["docSignature"], "version": ["version"], "linked_id": ["linkedId"],
    "title": ["title", DNR + ".title.content"], "title_label": [DNR + ".title.label"],
    "title_sort": [DNR + ".title_sort"], "data_source": [DNR + ".data_source"],
    "record_link": [DNR + ".record_link"], "guid": [DNR + ".guid"],
    "metadata_access": [DNR + ".metadata_usage.access"], "timestamp": ["timestamp"],
    "last_time_updated": ["lastTimeUpdated"], "media_count": [DNR + ".online_media.mediaCount"],
    "record_type": [DNR + ".record_type"],
}
MEDIA_PATHS = {
    "type": "type", "content_url": "content", "thumbnail_url": "thumbnail", "ids_id": "idsId", "guid": "guid",
    "media_id": "id", "usage_access": "usage.access",
}
RESOURCE_FIELDS = ["label", "url", "width", "height", "dimensions", "name", "type", "title", "category", "filename"]


def soa_found(out, unit):
    found = collections.defaultdict(Found)
    for row in read_unit(os.path.join(out, "objects"), unit):
        f = found[row["record_id"]]
        for col, paths in OBJECT_PATHS.items():
            for p in paths:
                f.add(p, row.get(col))
        f.add("unitCode", unit)
        f.add(DNR + ".unit_code", unit)
        extra_json(f, "", row.get("extra_json"))
    for row in read_unit(os.path.join(out, "media"), unit):
        f = found[row["record_id"]]
        for col, key in MEDIA_PATHS.items():
            f.add(join(MEDIA, key), row.get(col))
        for key in ("altTextAccessibility", "text_equiv", "alt"):
            f.add(join(MEDIA, key), row.get("alt_text"))
        for res in row.get("resources") or []:
            base = MEDIA + ".resources"
            for key in RESOURCE_FIELDS:
                f.add(join(base, key), res.get(key))
            extra_json(f, base, res.get("extra_json"))
        extra_json(f, MEDIA, row.get("extra_json"))
    for row in read_unit(os.path.join(out, "facets"), unit):
        f = found[row["record_id"]]
        base = "content.indexedStructured." + row["facet"]
        if row.get("level"):
            base = join(base, row["level"])
        if row.get("qualifier") is not None:
            f.add(base + ".content", row.get("value"))
            f.add(base + ".type", row["qualifier"])
        else:
            f.add(base, row.get("value"))  # a string, or an object with a content and no type
    for row in read_unit(os.path.join(out, "freetext"), unit):
        f = found[row["record_id"]]
        base = "content.freetext." + row["category"]
        f.add(base + ".label", row.get("label"))
        f.add(base + ".content", row.get("content"))  # a bare string item too
        extra_json(f, base, row.get("extra_json"))
    for row in read_unit(os.path.join(out, "other"), unit):
        f = found[row.get("record_id")]
        f.add_text("", row.get("raw_json"))
    return found


def extra_json(f, base, text):
    """An extra_json cell: a JSON object keyed by paths below base."""
    if not text:
        return
    for k, v in json.loads(text).items():
        p = join(base, k)
        if isinstance(v, (dict, list)):
            f.text_paths.add(p)
        leaves(v, p, f.leaves)


# --- the scan ------------------------------------------------------------------------

def words(s):
    """Lower-case words of s, punctuation dropped."""
    out, w = [], []
    for ch in s.lower():
        if ch.isalnum():
            w.append(ch)
        elif w:
            out.append("".join(w))
            w = []
    if w:
        out.append("".join(w))
    return out


def derived_tables(out, unit, recs):
    """Checks soa's names and identifiers rows of one unit against its records."""
    by_id = {record_id(r): r for r in recs}
    stats = collections.Counter()
    wanted_ids = collections.Counter()
    for r in recs:
        for item in ((r.get("content") or {}).get("freetext") or {}).get("identifier") or []:
            if isinstance(item, dict) and isinstance(item.get("content"), str) and item["content"].strip():
                wanted_ids[record_id(r)] += 1
    got_ids = collections.Counter()
    for row in read_unit(os.path.join(out, "identifiers"), unit):
        stats["identifiers_rows"] += 1
        got_ids[row["record_id"]] += 1
        r = by_id.get(row["record_id"]) or {}
        texts = [i.get("content") or "" for i in ((r.get("content") or {}).get("freetext") or {}).get("identifier") or []
                 if isinstance(i, dict)]
        v = row["value"]
        if not any(t.strip() == v or (":" in t and t.split(":", 1)[1].strip() == v) for t in texts):
            stats["identifiers_unmatched"] += 1
    stats["identifiers_items_without_row"] = sum(max(0, n - got_ids[rid]) for rid, n in wanted_ids.items())
    for row in read_unit(os.path.join(out, "names"), unit):
        stats["names_rows"] += 1
        r = by_id.get(row["record_id"]) or {}
        c = r.get("content") or {}
        texts = [i.get("content") or "" for i in (c.get("freetext") or {}).get("name") or [] if isinstance(i, dict)]
        for n in (c.get("indexedStructured") or {}).get("name") or []:
            texts.append(n.get("content") or "" if isinstance(n, dict) else str(n))
        name = words(row["name"])
        if not any(words(t)[:len(name)] == name for t in texts):
            stats["names_unmatched"] += 1
    return stats


def top(paths):
    """Paths not below another path of the set."""
    ps = sorted(paths)
    return [p for p in ps if not any(p != q and p.startswith(q + ".") for q in ps)]


def main():
    tool, corpus, out = sys.argv[1], sys.argv[2], sys.argv[3]
    records = rows = total = lost = 0
    lost_paths = collections.Counter()
    text_paths = set()
    derived = collections.Counter()
    for _, recs in input_records(corpus):
        by_unit = collections.defaultdict(list)
        for r in recs:
            by_unit[r.get("unitCode")].append(r)
        for unit, urecs in by_unit.items():
            want, containers = {}, {}
            for r in urecs:
                rid = record_id(r)
                c = collections.Counter()
                cont = set()
                leaves(r, "", c, cont)
                want.setdefault(rid, collections.Counter()).update(c)
                containers.setdefault(rid, set()).update(cont)
            found = soa_found(out, unit) if tool == "soa" else peer_found(out, unit, containers)
            if tool == "soa":
                derived.update(derived_tables(out, unit, urecs))
            for rid, c in want.items():
                records += 1
                f = found.get(rid)
                if f is not None:
                    rows += 1
                    text_paths |= f.text_paths
                have = f.leaves if f is not None else collections.Counter()
                for (p, v), n in c.items():
                    total += n
                    miss = n - min(n, have.get((p, v), 0))
                    if miss:
                        lost += miss
                        lost_paths[p] += miss
    losing = top(lost_paths)
    texts = top(text_paths)
    print(json.dumps({
        "records": records, "rows": rows, "leaves": total, "leaves_lost": lost,
        "paths_losing": len(losing), "paths_losing_examples": [f"{p} ({lost_paths[p]:,})" for p in losing[:8]],
        "json_text_paths": len(texts), "json_text_examples": texts[:8],
        **({"derived": dict(sorted(derived.items()))} if tool == "soa" else {}),
    }))


if __name__ == "__main__":
    main()
