/**
 * Tests of the SQL views over the append-only tables (empty views with the contract columns, the latest row per key)
 * and of the {@code sql} verb.
 */
package lab.abacus.sql;
