/**
 * Tests of run and sweep reports (heatmaps and summary tables) over tables written on local Spark.
 */
package lab.abacus.report;
