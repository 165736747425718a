/**
 * Benchmarks that need Spark, each a picocli command of {@code abacus bench}: dataset generation rows/s
 * ({@code datagen}) and the grid job's measured vs predicted partition costs ({@code grid-spark}). Kept out of the
 * product packages, like the trainer's {@code lab.abacus.bench}.
 *
 * <p>May use: bench, config, datagen, decode, grid, gridjob, sql, storage, task.
 */
package lab.abacus.bench.spark;
