/**
 * Tests of the append-only table writer and reader: typed round trip, a retried write deduplicated per key, timestamp
 * encoding, rejected rows, and runs-table column types taken from reference.conf.
 */
package lab.abacus.tables;
