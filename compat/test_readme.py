"""The pandas code of the README's "Who made it, where, when", run as written
(with the dataset's path in place of soa-demo) on the real sample."""
import re
from pathlib import Path

README = Path(__file__).resolve().parent.parent / "README.md"


def readme_block(name):
    m = re.search(r"<!-- who-made-it: " + re.escape(name) + r" -->\s*```(\w+)\n(.*?)```", README.read_text(encoding="utf-8"), re.S)
    assert m, f"README.md has no who-made-it block {name}"
    return m.group(2)


def test_readme_who_made_it_pandas(dataset):
    if dataset.name != "sample":
        return  # Hokusai is in the real sample; a generated corpus repeats it in other ids
    code = readme_block("pandas").replace("soa-demo", str(dataset.path))
    ns = {}
    exec(compile(code, "README.md:who-made-it", "exec"), ns)
    assert list(ns["by_hokusai"].record_id) == ["fsg_F1900.47"]
    assert list(ns["japan_1840s"].record_id) == ["fsg_F1900.47"]
