/**
 * Greedy decoding and exact-match scoring (abacus-reference §6): batched greedy decoding with a KV cache, the
 * reference's full-prefix recompute as a cross-check and benchmark baseline, the exact-match rules, and batching of
 * prompts by length.
 *
 * <p>May use: model, task.
 */
package lab.abacus.decode;
