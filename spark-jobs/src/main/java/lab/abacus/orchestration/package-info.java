/**
 * Sweep orchestration: {@code abacus sweep run|plan|status}. {@link lab.abacus.orchestration.SweepRunner} takes a
 * sweep's points ({@code lab.abacus.sweep}) through datasets → training → evaluation grids → report, asking
 * {@link lab.abacus.orchestration.TablesExistingWork} what already exists so that every stage does only what is
 * missing. Points travel as {@code lab.abacus.run.RunPoint}s through a {@link lab.abacus.orchestration.Launcher}
 * (in the driver, in a trainer process, one Spark task per point with a GPU each, one pod of a Kubernetes Job), which always ends in the
 * trainer's single-run entry point ({@code lab.abacus.train.RunTrainer}).
 *
 * <p>May use: config, console, data, datagen, decode, grid, gridjob, kubernetes, process, report, run, spark, storage,
 * structural, sweep, tables, train.
 */
package lab.abacus.orchestration;
