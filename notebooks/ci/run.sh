#!/usr/bin/env bash
# The notebooks in CI: the notebook environment, two tiny sweeps into a fresh storage root, every notebook executed
# headless (an error in any cell fails), each notebook's headline number recomputed with `abacus sql`, and the DuckDB
# backend's answers compared with Spark SQL's. Executed notebooks and their figures land in <out> (default
# target/notebooks).
#
#   notebooks/ci/run.sh [<out>]
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="${1:-$repo/target/notebooks}"
cd "$repo"
t0=$SECONDS
rm -rf "$out"
mkdir -p "$out"
python3 notebooks/ci/no_outputs.py notebooks/*.ipynb
notebooks/setup.sh "$out/venv"
echo "[notebooks] environment in $((SECONDS - t0)) s" >&2

export ABACUS_ROOT="$out/root" ABACUS_SWEEP=nb-a ABACUS_SWEEPS=nb-a,nb-b ABACUS_CMD="$repo/bin/abacus"
t1=$SECONDS
for sweep in nb-a nb-b; do
  bin/abacus sweep run "notebooks/ci/$sweep.conf" --set "storage.root=$ABACUS_ROOT" > "$out/$sweep.log" 2>&1 \
    || { tail -40 "$out/$sweep.log"; exit 1; }
done
echo "[notebooks] sweeps nb-a, nb-b in $((SECONDS - t1)) s" >&2

t2=$SECONDS
# Side by side: each notebook spends most of its time waiting for `abacus sql` JVMs.
pids=()
for nb in notebooks/*.ipynb; do
  "$out/venv/bin/python" notebooks/ci/execute.py "$out" "$nb" &
  pids+=($!)
done
for pid in "${pids[@]}"; do
  wait "$pid"
done
echo "[notebooks] executed in $((SECONDS - t2)) s" >&2
"$out/venv/bin/python" notebooks/ci/check.py "$out"
echo "[notebooks] done in $((SECONDS - t0)) s: executed notebooks and figures under $out" >&2
