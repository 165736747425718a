/**
 * The platform's result tables ({@code <root>/tables/runs}, {@code metrics}, {@code eval_cells}): typed column
 * schemas, an append-only writer that adds one Parquet file per call atomically (hidden temporary name, then rename),
 * and a small reader. No Spark here: parquet-hadoop over the Hadoop FileSystem, so the same code runs in a trainer
 * container, in the CLI and inside Spark executors. Views pick the latest row per key by {@code written_at}, so a
 * retried writer never double-counts.
 *
 * <p>May use: config, storage.
 */
package lab.abacus.tables;
