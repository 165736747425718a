"""Execute notebooks headless with nbclient, each from its own folder; any error cell fails the run.

    python execute.py <out> <notebook>...     executed copies go to <out>/executed, figures to <out>/figures/<name>
"""
import os
import sys

import nbformat
from nbclient import NotebookClient

out = sys.argv[1]
os.makedirs(os.path.join(out, "executed"), exist_ok=True)
for path in sys.argv[2:]:
    name = os.path.splitext(os.path.basename(path))[0]
    os.environ["ABACUS_FIGURES"] = os.path.join(out, "figures", name)
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=600, kernel_name="python3",
                            resources={"metadata": {"path": os.path.dirname(os.path.abspath(path))}})
    try:
        client.execute()
    finally:
        nbformat.write(nb, os.path.join(out, "executed", name + ".ipynb"))
    print(f"[notebooks] {path}: executed, figures in {os.environ['ABACUS_FIGURES']}", file=sys.stderr)
