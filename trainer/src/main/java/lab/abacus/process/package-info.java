/**
 * The trainer process protocol: {@link lab.abacus.process.TrainerMain} (one run per JVM, the entry point of trainer
 * processes and containers), its arguments, exit codes and result file, signal handling, and how a launcher's device
 * assignment becomes the run's device settings.
 *
 * <p>May use: train, run, sweep (to train a sweep's point), storage, config. Nothing in the trainer module uses it;
 * launchers (spark-jobs) start it.
 */
package lab.abacus.process;
