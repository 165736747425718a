#!/usr/bin/env bash
# The notebooks in CI: the notebook environment, three tiny sweeps into a fresh storage root (two arithmetic ones
# sharing a point, one structural with t_score on one run), every notebook executed
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
export ABACUS_GROKKING_SWEEP=nb-g ABACUS_GROKKING_THRESHOLD=0.5 ABACUS_GROKKING_LAST_K=2
t1=$SECONDS
for sweep in nb-a nb-b nb-g; do
  bin/abacus sweep run "notebooks/ci/$sweep.conf" --set "storage.root=$ABACUS_ROOT" > "$out/$sweep.log" 2>&1 \
    || { tail -40 "$out/$sweep.log"; exit 1; }
done
# t_score of one structural run's checkpoints, for the notebook's internal-measures figure
run=$(bin/abacus sql "select min(run_id) as run_id from sweep_points where sweep = 'nb-g'" --format csv \
  --set "storage.root=$ABACUS_ROOT" | tail -1)
bin/abacus tscore notebooks/ci/nb-g.conf --run "$run" --sentences 10 --max-words 8 \
  --set "storage.root=$ABACUS_ROOT" > "$out/tscore.log" 2>&1 || { tail -40 "$out/tscore.log"; exit 1; }
echo "[notebooks] sweeps nb-a, nb-b, nb-g and t_score in $((SECONDS - t1)) s" >&2

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
