"""Checks of an executed notebooks run (notebooks/ci/run.sh):

1. each notebook's headline numbers (lines `HEADLINE <name> = <value>` in its outputs) equal the same numbers
   computed by `abacus sql`, the platform's Spark SQL;
2. the DuckDB backend answers as Spark SQL does, query by query, on the same tables.

    python check.py <out>       (ABACUS_ROOT, ABACUS_SWEEP, ABACUS_SWEEPS, ABACUS_GROKKING_SWEEP as the run set them)
"""
import math
import os
import re
import sys
from concurrent.futures import ThreadPoolExecutor

import nbformat
import pandas as pd

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from abacus_tables import Tables  # noqa: E402

out = sys.argv[1]
root = os.environ["ABACUS_ROOT"]
sweep = os.environ["ABACUS_SWEEP"]
grokking_sweep = os.environ["ABACUS_GROKKING_SWEEP"]
in_sweeps = "(" + ", ".join(f"'{s}'" for s in os.environ["ABACUS_SWEEPS"].split(",")) + ")"
spark = Tables(root, "abacus")
VARIANT = ("coalesce(r.eval_noise, false) = false"
           " and coalesce(r.eval_recurrences, r.model_recurrence) = r.model_recurrence")


def expected_sql(name):
    """The SQL of headline `name`, independent of the notebook's pandas code: one row, one column."""
    m = re.fullmatch(r"(id|ood)_mean\[(.+)\]", name)
    if m:
        region = ("r.in_distribution" if m.group(1) == "id"
                  else "not r.in_distribution and r.len_a <= 100 and r.len_b <= 100")
        return f"""
            select avg(acc) from (
              select r.train_seed, avg(r.accuracy) as acc
              from results r join sweep_points p on p.run_id = r.run_id
              where p.sweep = '{sweep}' and r.task = 'addition' and r.status = 'succeeded' and {VARIANT}
                and r.model_embedding = '{m.group(2)}' and {region}
              group by r.train_seed)"""
    if name == "final_ood_mean":
        return f"""
            select avg(m.ood_acc) from metrics m
            join (select run_id, max(step) as step from metrics where ood_acc is not null group by run_id) l
              on l.run_id = m.run_id and l.step = m.step
            where m.run_id in (select run_id from sweep_points where sweep = '{grokking_sweep}')"""
    if name == "mean_final_loss":
        return (f"select avg(final_loss) from runs"
                f" where run_id in (select run_id from sweep_points where sweep in {in_sweeps})")
    raise SystemExit(f"no Spark SQL check for headline {name}")


def expected(names):
    """Every headline in one `abacus sql` call (one JVM): name -> value."""
    union = " union all ".join(f"select '{n}' as name, cast(({expected_sql(n)}) as double) as v" for n in names)
    df = spark.sql(union)
    return dict(zip(df.name, df.v))


def headlines(path):
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        for o in cell.get("outputs", []):
            for line in o.get("text", "").splitlines():
                m = re.fullmatch(r"HEADLINE (\S+) = (\S+)", line.strip())
                if m:
                    yield m.group(1), float(m.group(2))


# Between them every view: sweep_points, results (eval_cells with runs), metrics, structure.
QUERIES = [
    "select p.sweep, r.run_id, r.attempt, r.status, r.final_loss, r.model_embedding, r.train_seed, r.task, r.len_a,"
    " r.len_b, r.n, r.correct, r.accuracy, r.in_distribution from sweep_points p join results r on r.run_id = p.run_id",
    "select run_id, attempt, step, loss, tokens_per_s from metrics",
    "select run_id, step, id_acc, ood_acc, id_loss, ood_loss, weight_norm from metrics where ood_acc is not null",
    "select run_id, step, measure, layer, value, samples from structure",
]

failures = []
executed = os.path.join(out, "executed")
found = {name: list(headlines(os.path.join(executed, name))) for name in sorted(os.listdir(executed))}
# Each `abacus sql` is a JVM of its own: the headlines and the backend queries run side by side.
with ThreadPoolExecutor(max_workers=3) as pool:
    wanted_f = pool.submit(expected, sorted({key for pairs in found.values() for key, _ in pairs}))
    spark_f = [pool.submit(spark.sql, q) for q in QUERIES]
    wanted = wanted_f.result()
    spark_answers = [f.result() for f in spark_f]
for name, pairs in found.items():
    if not pairs:
        failures.append(f"{name}: no HEADLINE line in its outputs")
    for key, value in pairs:
        want = float(wanted[key])
        ok = math.isclose(value, want, rel_tol=1e-6, abs_tol=1e-6)
        print(f"[notebooks] {name}: {key} = {value:.6f}, abacus sql {want:.6f}: {'equal' if ok else 'DIFFERENT'}")
        if not ok:
            failures.append(f"{name}: {key} = {value} but abacus sql says {want}")

# The fast path: DuckDB over the Parquet files must give Spark SQL's answers.
duck = Tables(root, "duckdb")
for q, a in zip(QUERIES, spark_answers):
    b = duck.sql(q)
    cols = list(a.columns)
    a = a.sort_values(cols).reset_index(drop=True)
    b = b[cols].sort_values(cols).reset_index(drop=True)
    try:
        pd.testing.assert_frame_equal(a, b, check_dtype=False, check_exact=False, rtol=1e-12)
        print(f"[notebooks] duckdb = spark sql ({len(a)} rows): {q}")
    except AssertionError as e:
        failures.append(f"duckdb differs from spark sql for: {q}\n{e}")
if failures:
    sys.exit("\n".join(failures))
