/**
 * Datasets as data, without Spark: the {@code abacus.data} settings, the dataset id (hash of the canonical data
 * config + format version), the plan of cells and logical shards, the per-shard row generator, the train/eval
 * deduplication rule, the manifest that marks a complete dataset, the split reader and the training batches. The
 * Spark job in {@code lab.abacus.datagen} only spreads shards over executors and writes them.
 *
 * <p>May use: config, hash, storage, tables, task, version.
 */
package lab.abacus.data;
