/**
 * Tests of the Spark-free grid parts: cell packing by predicted cost, evaluation settings, and the per-partition
 * evaluator with a scripted decoder.
 */
package lab.abacus.grid;
