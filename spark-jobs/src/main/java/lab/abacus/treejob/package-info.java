/**
 * The tree-projection job: t_score of a structural run's checkpoints (structural-grokking §3.3) with checkpoints ×
 * sentence chunks spread over executors; each task is the trainer's {@code treeprojection.CheckpointTScore}. Writes
 * the {@code structure} table.
 *
 * <p>May use: storage, structural, tables, treeprojection.
 */
package lab.abacus.treejob;
