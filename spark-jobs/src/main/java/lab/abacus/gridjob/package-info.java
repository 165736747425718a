/**
 * EvaluateGrid: the Spark job that scores a run's checkpoint on its task's length grid. It skips cells
 * {@code eval_cells} already has, packs the rest by predicted decode cost into partitions, routes each cell's eval
 * rows to its partition, and runs the trainer's {@code lab.abacus.grid.PartitionEvaluator} once per partition, with
 * progress and an ETA on the driver.
 *
 * <p>May use: config, console, grid, lease, sql, storage, task.
 */
package lab.abacus.gridjob;
