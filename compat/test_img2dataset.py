"""img2dataset downloads every image `soa export images` lists (issue 27).

The README's two commands, end to end and offline: the sample is exported
with --iiif-base pointing at a small HTTP server on 127.0.0.1 that answers
IIIF full-image paths with a tiny JPEG, and img2dataset (from its own pinned
virtual environment, see compat/requirements-img2dataset.txt and
scripts/compat) reads the Parquet file's url and caption columns. Every row
must be downloaded, and every request must have been an IIIF one.
"""
import base64
import http.server
import json
import os
import subprocess
import threading

import pyarrow.parquet as pq
import pytest

from conftest import ROOT, soa

# An 8x8 grey-green JPEG (634 bytes).
JPEG = base64.b64decode(
    "/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAIBAQEBAQIBAQECAgICAgQDAgICAgUEBAMEBgUGBgYFBgYGBwkIBgcJBwYGCAsICQoKCgoKBggLDAsK"
    "DAkKCgr/2wBDAQICAgICAgUDAwUKBwYHCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgr/wAARCAAIAAgD"
    "ASIAAhEBAxEB/8QAHwAAAQUBAQEBAQEAAAAAAAAAAAECAwQFBgcICQoL/8QAtRAAAgEDAwIEAwUFBAQAAAF9AQIDAAQRBRIhMUEGE1FhByJxFDKB"
    "kaEII0KxwRVS0fAkM2JyggkKFhcYGRolJicoKSo0NTY3ODk6Q0RFRkdISUpTVFVWV1hZWmNkZWZnaGlqc3R1dnd4eXqDhIWGh4iJipKTlJWWl5iZ"
    "mqKjpKWmp6ipqrKztLW2t7i5usLDxMXGx8jJytLT1NXW19jZ2uHi4+Tl5ufo6erx8vP09fb3+Pn6/8QAHwEAAwEBAQEBAQEBAQAAAAAAAAECAwQF"
    "BgcICQoL/8QAtREAAgECBAQDBAcFBAQAAQJ3AAECAxEEBSExBhJBUQdhcRMiMoEIFEKRobHBCSMzUvAVYnLRChYkNOEl8RcYGRomJygpKjU2Nzg5"
    "OkNERUZHSElKU1RVVldYWVpjZGVmZ2hpanN0dXZ3eHl6goOEhYaHiImKkpOUlZaXmJmaoqOkpaanqKmqsrO0tba3uLm6wsPExcbHyMnK0tPU1dbX"
    "2Nna4uPk5ebn6Onq8vP09fb3+Pn6/9oADAMBAAIRAxEAPwD4rooor+Vz+Jz/2Q=="
)
FULL = "/full/full/0/default.jpg"


class _Mirror(http.server.BaseHTTPRequestHandler):
    """An IIIF image service that has every image: each is JPEG."""

    requests = []

    def do_GET(self):
        _Mirror.requests.append(self.path)
        if self.path.startswith("/iiif/") and self.path.endswith(FULL):
            self.send_response(200)
            self.send_header("Content-Type", "image/jpeg")
            self.send_header("Content-Length", str(len(JPEG)))
            self.end_headers()
            self.wfile.write(JPEG)
        else:
            self.send_response(404)
            self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def mirror():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Mirror)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    _Mirror.requests = []
    yield f"http://127.0.0.1:{server.server_address[1]}/iiif"
    server.shutdown()
    server.server_close()


def test_img2dataset_downloads_every_exported_image(tmp_path, mirror):
    img2dataset = os.environ.get("SOA_IMG2DATASET")
    if not img2dataset:
        pytest.skip("SOA_IMG2DATASET is not set: scripts/compat installs img2dataset and sets it")
    ds = tmp_path / "ds"
    soa("convert", "--progress", "none", "-o", ds, *sorted((ROOT / "testdata" / "records").glob("*.jsonl")))
    images = tmp_path / "images.parquet"
    # One sample image is hosted by NMNH itself, outside IIIF (its idsId is a
    # URL): no mirror has it, so its record is left out here.
    soa("export", "images", ds, "-o", images, "--iiif-base", mirror,
        "--where", "record_id NOT IN (SELECT record_id FROM media WHERE ids_id LIKE '%://%')")
    table = pq.read_table(images)
    urls = table.column("url").to_pylist()
    assert len(urls) == 304  # the sample's 305 CC0 images, less the NMNH one
    assert all(u.startswith(mirror + "/") and u.endswith(FULL) for u in urls)

    out = tmp_path / "out"
    env = dict(os.environ, NO_ALBUMENTATIONS_UPDATE="1", WANDB_MODE="disabled")
    subprocess.run([img2dataset, "--url_list", str(images), "--input_format", "parquet",
                    "--url_col", "url", "--caption_col", "caption", "--output_format", "files",
                    "--output_folder", str(out), "--processes_count", "1", "--thread_count", "8",
                    "--image_size", "64", "--timeout", "20"],
                   check=True, capture_output=True, text=True, env=env)

    stats = [json.loads(p.read_text()) for p in sorted(out.glob("*_stats.json"))]
    assert sum(s["count"] for s in stats) == len(urls)
    assert sum(s["successes"] for s in stats) == len(urls), stats
    jpgs = sorted(out.glob("*/*.jpg"))
    assert len(jpgs) == len(urls)
    # Each image comes with its caption, the record's title.
    captions = {p.read_text() for p in out.glob("*/*.txt")}
    assert set(table.column("caption").to_pylist()) == captions
    assert sorted(_Mirror.requests) == sorted(u[len(mirror) - len("/iiif"):] for u in urls)
