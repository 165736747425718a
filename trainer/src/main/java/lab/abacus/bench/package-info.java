/**
 * Benchmarks without Spark, each a picocli command of {@code abacus bench} that prints figures (none is a test):
 * training tokens/s ({@code train}), decoding problems/s KV cache vs recompute ({@code decode}), and the grid's
 * packing balance and per-partition decoding ({@code grid packing|decode}). Kept out of the product packages, as
 * DJL keeps its benchmarks in a module of their own.
 *
 * <p>May use: every trainer package. Nothing in the product uses it.
 */
package lab.abacus.bench;
