/**
 * Sweeps without Spark: parsing a HOCON sweep file ({@link lab.abacus.sweep.SweepSpec}), validating it before any
 * work, expanding its axes x seeds into points ({@link lab.abacus.sweep.RunSpec}, each with its
 * {@code lab.abacus.run.RunTarget}), classifying those points against what already exists
 * ({@link lab.abacus.sweep.SweepPlan} over an {@link lab.abacus.sweep.ExistingWork} view that the Spark side
 * implements by reading the tables), and the {@code abacus.launcher} settings. Orchestration and launchers live in
 * {@code spark-jobs}.
 *
 * <p>May use: config, console, data, grid, model, run, storage, structural, train.
 */
package lab.abacus.sweep;
