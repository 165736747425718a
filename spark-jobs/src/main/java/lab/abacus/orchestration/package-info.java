/**
 * Sweep orchestration: {@code abacus sweep run|plan|status}. {@link lab.abacus.orchestration.SweepRunner} takes a
 * sweep's points ({@code lab.abacus.sweep}) through datasets → training → evaluation grids → report, asking
 * {@link lab.abacus.orchestration.TablesExistingWork} what already exists so that every stage does only what is
 * missing. Points train through a {@link lab.abacus.orchestration.Launcher} (in the driver JVM, or one Spark task
 * per point with a GPU each), which always ends in the trainer's single-run entry point
 * ({@code lab.abacus.train.RunTrainer}) via {@link lab.abacus.orchestration.PointTrainer}.
 */
package lab.abacus.orchestration;
