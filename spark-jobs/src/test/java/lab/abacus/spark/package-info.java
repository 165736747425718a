/**
 * Tests of the CLI's Spark session: embedded defaults vs spark-submit, the {@code abacus.spark} settings, one real
 * local session.
 */
package lab.abacus.spark;
