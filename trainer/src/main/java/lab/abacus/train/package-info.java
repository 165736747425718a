/**
 * One training run: typed settings ({@code abacus.train}), AdamW with decoupled weight decay, the learning-rate
 * trapezoid and batch-size ramp over a step or wall-clock budget, global-norm clipping, checkpoints that resume
 * exactly, metrics and run rows in the tables, the progress line, and {@link lab.abacus.train.RunTrainer}, the
 * single-run entry point every launcher calls.
 */
package lab.abacus.train;
