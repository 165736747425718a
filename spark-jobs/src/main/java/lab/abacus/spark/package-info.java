/**
 * Spark plumbing shared by every job: creating or joining the session ({@link lab.abacus.spark.SparkSessions}),
 * embedded {@code local[*]} by default or whatever spark-submit set up, with {@code abacus.spark} settings applied,
 * and the session's {@code StorageRef} (the root with the session's {@code spark.hadoop.*} settings).
 *
 * <p>May use: config, storage.
 */
package lab.abacus.spark;
