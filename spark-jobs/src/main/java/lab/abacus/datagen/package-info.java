/**
 * GenerateDatasets, the Spark side of datasets: spreads the logical shards planned by {@code lab.abacus.data} over
 * executors, writes each as one Parquet file with parquet-hadoop's low-level writer, stages and publishes the
 * dataset directory atomically with its manifest, and the datagen benchmark.
 */
package lab.abacus.datagen;
