/**
 * Tests of dataset generation on local Spark: the job on the local file system (every row re-checked by independent
 * computation in {@code DatagenTestSupport}), on HDFS (MiniDFS) and on s3a (s3proxy).
 */
package lab.abacus.datagen;
