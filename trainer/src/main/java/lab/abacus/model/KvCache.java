package lab.abacus.model;

/**
 * Keys and values of every (recurrence, layer) for incremental greedy decoding, plus the per-row state that
 * positional schemes need to continue: the absolute position and each row's current digit-run length (so an
 * Abacus index continues across calls). Arrays live in the cache's own sub-manager; close the cache to free them.
 */
public final class KvCache implements AutoCloseable {

    KvCache() {
    }

    /** Tokens consumed so far (the next token's absolute position). */
    public int length() {
        throw new UnsupportedOperationException("in progress");
    }

    @Override
    public void close() {
        throw new UnsupportedOperationException("in progress");
    }
}
