"""The platform's tables from a notebook, as pandas DataFrames.

Spark SQL is the query language of record: by default every query goes through the platform's own Spark SQL
(`bin/abacus sql "<query>" --format parquet --out <file>`), over the same views as everywhere else
(docs/tables.md): `runs`, `metrics`, `eval_cells`, `sweep_points`, `structure` (the latest row per key) and `results`.

    from abacus_tables import Tables
    t = Tables("../abacus-data")              # a storage root: a path, file://, hdfs:// or s3a:// URI
    df = t.sql("select * from results limit 10")

Other backends, same views, same answers:
- `Tables(root, backend="pyspark")`: PySpark's `spark.sql`, when PySpark is installed (it is not on every machine);
- `Tables(root, backend="duckdb")`: DuckDB reading the Parquet files of a local root directly; much faster on a
  root with many sweeps. A test checks that it answers as Spark SQL does (notebooks/check_backends.py).

Environment: ABACUS_ROOT (default storage root), ABACUS_BACKEND (default backend), ABACUS_CMD (the abacus command,
default: bin/abacus of this checkout).
"""

import os
import shlex
import subprocess
import tempfile
from pathlib import Path

import pandas as pd

REPO = Path(__file__).resolve().parent.parent

# Each table's key: the views keep the latest row per key (the higher attempt, then the later written_at), as the
# platform's TableViews does.
KEYS = {
    "runs": ["run_id"],
    "metrics": ["run_id", "step"],
    "eval_cells": ["run_id", "task", "len_a", "len_b", "eval_recurrences", "eval_noise"],
    "sweep_points": ["sweep", "run_id"],
    "structure": ["run_id", "step", "measure", "layer"],
}


# Tables whose rows carry the attempt that wrote them: a later attempt's row wins before the later written_at.
WITH_ATTEMPT = {"runs", "metrics"}


def latest_view_sql(table, source):
    """The latest row per key of `source` (a relation), with a helper column _rn to drop. Spark SQL and DuckDB."""
    order = ("attempt desc nulls last, " if table in WITH_ATTEMPT else "") + "written_at desc nulls last"
    keys = ", ".join(KEYS[table])
    return (f"select * from (select *, row_number() over (partition by {keys} order by {order}) as _rn"
            f" from {source}) where _rn = 1")


class Tables:
    """Query a storage root's tables with Spark SQL (or DuckDB / PySpark); results as pandas DataFrames."""

    def __init__(self, root=None, backend=None):
        self.root = str(root or os.environ.get("ABACUS_ROOT", REPO / "abacus-data"))
        self.backend = backend or os.environ.get("ABACUS_BACKEND", "abacus")
        if self.backend not in ("abacus", "duckdb", "pyspark"):
            raise ValueError(f"backend {self.backend!r}: one of abacus, duckdb, pyspark")
        self._duck = None
        self._spark = None

    def sql(self, query):
        """The query's rows as a DataFrame."""
        if self.backend == "abacus":
            return self._abacus(query)
        if self.backend == "duckdb":
            return self._duckdb().execute(query).df()
        return self._pyspark().sql(query).toPandas()

    def _abacus(self, query):
        cmd = shlex.split(os.environ.get("ABACUS_CMD", str(REPO / "bin" / "abacus")))
        with tempfile.TemporaryDirectory() as d:
            out = Path(d) / "result.parquet"
            args = cmd + ["sql", query, "--format", "parquet", "--out", str(out), "--set", f"storage.root={self.root}"]
            p = subprocess.run(args, capture_output=True, text=True)
            if p.returncode != 0:
                raise RuntimeError(f"abacus sql failed ({p.returncode}):\n{p.stderr[-3000:]}")
            return pd.read_parquet(out)

    def _duckdb(self):
        if self._duck is None:
            import duckdb

            con = duckdb.connect()
            views = set()
            for table in KEYS:
                files = Path(self.root.removeprefix("file:"), "tables", table)
                if any(files.glob("*.parquet")):
                    source = f"read_parquet('{files}/*.parquet', union_by_name=true)"
                    con.execute(f"create view {table} as select * exclude (_rn) from ({latest_view_sql(table, source)})")
                    views.add(table)
            if {"eval_cells", "runs"} <= views:  # a root of structural runs only has no grid cells
                con.execute("create view results as select c.*, r.* exclude (run_id, written_at, task),"
                            " r.written_at as run_written_at from eval_cells c left join runs r on c.run_id = r.run_id")
            self._duck = con
        return self._duck

    def _pyspark(self):
        if self._spark is None:
            from pyspark.sql import SparkSession

            spark = SparkSession.builder.appName("abacus notebook").getOrCreate()
            views = set()
            for table in KEYS:
                path = f"{self.root}/tables/{table}"
                try:
                    raw = spark.read.option("mergeSchema", "true").parquet(path)
                except Exception:  # no such table yet: no view, as with DuckDB
                    continue
                raw.createOrReplaceTempView(f"{table}_raw")
                spark.sql(latest_view_sql(table, f"{table}_raw")).drop("_rn").createOrReplaceTempView(table)
                views.add(table)
            if {"eval_cells", "runs"} <= views:
                cells, runs = spark.table("eval_cells"), spark.table("runs")
                extra = [runs[c] for c in runs.columns if c not in cells.columns]
                cells.join(runs, cells.run_id == runs.run_id, "left") \
                    .select([cells[c] for c in cells.columns] + extra + [runs.written_at.alias("run_written_at")]) \
                    .createOrReplaceTempView("results")
            self._spark = spark
        return self._spark
