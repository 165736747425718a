/**
 * One training run: {@link lab.abacus.train.RunTrainer}, the single-run entry point every launcher calls, and what
 * its loop is made of: typed settings ({@code abacus.train}), one optimizer step ({@link lab.abacus.train.TrainingStep}),
 * AdamW with decoupled weight decay, the learning-rate trapezoid and batch-size ramp, run and metrics rows, stop
 * signals, and the progress line of a run ({@link lab.abacus.train.ConsoleProgress}).
 *
 * <p>May use: config, console, data, decode, hash, lease, model, run, storage, structural, tables, task.
 */
package lab.abacus.train;
