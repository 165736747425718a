/**
 * The evaluation grid, the parts that need no Spark: grid cells and grid specs per task, the decode-cost model
 * and the cost-balanced packing of cells into partitions, the {@code abacus.eval} settings, exact-match scoring
 * of decoded answers, and the per-partition evaluation function that the Spark job
 * ({@code lab.abacus.grid.EvaluateGridJob} in spark-jobs) runs once per partition.
 */
package lab.abacus.grid;
