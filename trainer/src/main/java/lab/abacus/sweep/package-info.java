/**
 * Sweeps without Spark: parsing a HOCON sweep file ({@link lab.abacus.sweep.SweepSpec}), validating it before
 * any work, expanding its axes x seeds into content-addressed runs ({@link lab.abacus.sweep.RunSpec},
 * {@link lab.abacus.sweep.RunId}), and classifying those runs against what already exists
 * ({@link lab.abacus.sweep.SweepPlan} over a {@link lab.abacus.sweep.ExistingWork} view that the Spark side
 * implements by reading the tables). Orchestration and launchers live in {@code spark-jobs}.
 */
package lab.abacus.sweep;
