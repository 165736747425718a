/**
 * Datasets of the structural tasks ({@link lab.abacus.task.StructuralTask}), without Spark: their
 * {@code abacus.data} settings, the structural split of Dyck strings by component skeleton, the ingestion and
 * checking of McCoy's published files, the Parquet row format of the {@code train}, {@code val} and {@code gen} splits
 * and the manifest that marks a complete dataset. The Spark job in {@code lab.abacus.datagen} only spreads the Dyck
 * shards over executors.
 *
 * <p>May use: config, data, hash, storage, tables, task, version.
 */
package lab.abacus.structural;
