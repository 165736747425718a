/**
 * Tests of the data layer: data settings and their validation, the dataset plan, training batches; {@code TinyDatasets}
 * writes small addition datasets in the datagen layout for the trainer tests.
 */
package lab.abacus.data;
