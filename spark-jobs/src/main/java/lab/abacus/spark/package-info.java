/**
 * Spark plumbing shared by every job: creating or joining the session ({@link lab.abacus.spark.SparkSessions}),
 * embedded {@code local[*]} by default or whatever spark-submit set up, with {@code abacus.spark} settings applied.
 */
package lab.abacus.spark;
