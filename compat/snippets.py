"""The code snippets of docs/READING.md, as the suite runs them.

A snippet is a fenced block right after an HTML comment `<!-- snippet: NAME -->`.
The suite runs each one as written, with the dataset's path in place of the
`soa-demo` the page uses.
"""
import re
from pathlib import Path

READING = Path(__file__).resolve().parent.parent / "docs" / "READING.md"
_SNIPPET = re.compile(r"<!-- snippet: ([\w-]+) -->\s*```(\w+)\n(.*?)```", re.S)


def snippets():
    """Returns {name: (language, code)} of every snippet on the page."""
    found = {}
    for name, lang, code in _SNIPPET.findall(READING.read_text(encoding="utf-8")):
        if name in found:
            raise ValueError(f"{READING}: snippet {name} appears twice")
        found[name] = (lang, code)
    return found


def code_for(name, dataset):
    lang, code = snippets()[name]
    return lang, code.replace("soa-demo", str(dataset))


def run_python(name, dataset):
    """Runs a Python snippet and returns the names it defined."""
    lang, code = code_for(name, dataset)
    assert lang == "python", f"snippet {name} is {lang}, not python"
    namespace = {}
    exec(compile(code, f"READING.md:{name}", "exec"), namespace)
    return namespace
