/**
 * Spark SQL over the storage root's tables: temp views {@code runs}, {@code metrics}, {@code eval_cells} (the latest
 * row per key, so retried writes never double-count) and {@code results} (eval cells joined with their run's config
 * columns), and the {@code abacus sql} verb that prints a query's result as a table. Schemas: docs/tables.md.
 *
 * <p>May use: console, storage, tables.
 */
package lab.abacus.sql;
