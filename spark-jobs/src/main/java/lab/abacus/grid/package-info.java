/**
 * The evaluation grid as one Spark job: {@link lab.abacus.grid.EvaluateGridJob} packs a run's missing grid cells
 * into cost-balanced partitions, ships each partition the cells' problems from the dataset's eval split, and runs
 * the trainer's {@link lab.abacus.grid.PartitionEvaluator} there (one model load per partition), writing
 * {@code tables/eval_cells} as it goes; {@link lab.abacus.grid.GridProgress} reports cells done / total and an ETA.
 */
package lab.abacus.grid;
