/**
 * GenerateDatasets: the Spark job that spreads a dataset's logical shards over executors, each writing its shard
 * with parquet-hadoop into a staging directory that is renamed into place; the manifest is written last. What the
 * rows are is the trainer's {@code lab.abacus.data} and {@code lab.abacus.structural}.
 *
 * <p>May use: config, console, data, hash, lease, spark, storage, structural, task.
 */
package lab.abacus.datagen;
