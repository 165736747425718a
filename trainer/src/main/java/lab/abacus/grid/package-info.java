/**
 * The evaluation grid, the parts that need no Spark: grid cells and grid specs per task, the decode-cost model and
 * the cost-balanced packing of cells into partitions, the {@code abacus.eval} settings, the per-partition evaluation
 * function ({@link lab.abacus.grid.PartitionEvaluator}) and the checkpoint loader that opens a run's model where a
 * partition runs. The Spark job ({@code lab.abacus.gridjob.EvaluateGridJob}) runs them once per partition.
 *
 * <p>May use: config, data, decode, model, run, storage, tables, task.
 */
package lab.abacus.grid;
