"""Notebooks are committed without outputs: fail naming every notebook and cell that has some."""
import json
import sys

bad = []
for path in sys.argv[1:]:
    with open(path, encoding="utf-8") as f:
        nb = json.load(f)
    for i, cell in enumerate(nb["cells"]):
        if cell.get("outputs") or cell.get("execution_count") is not None:
            bad.append(f"{path}: cell {i} has outputs or an execution count")
if bad:
    sys.exit("notebooks must be committed without outputs (clear them, e.g. jupyter nbconvert --clear-output):\n"
             + "\n".join(bad))
