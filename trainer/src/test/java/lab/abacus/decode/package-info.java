/**
 * Tests of greedy decoding (KV cache equals full-prefix recompute) and exact-match scoring.
 */
package lab.abacus.decode;
