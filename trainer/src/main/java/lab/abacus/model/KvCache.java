package lab.abacus.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * Keys and values of every (recurrence, layer) call for incremental greedy decoding, plus the per-row state
 * positional schemes need to continue: the absolute position (= {@link #length()}) and each row's current
 * digit-run length, so an Abacus index continues across calls. Arrays live in the cache's own sub-manager;
 * close the cache to free them. Obtain one from {@link LanguageModel#newCache(int, EvalVariant)}.
 */
public final class KvCache implements AutoCloseable {

    private final NDManager manager;
    private final int batch;
    private final EvalVariant variant;
    private final NDArray[] keys; // per slot [B,heads,T,d]
    private final NDArray[] values; // per slot [B,heads,T,d]
    private final int[] digitRuns;
    private int length;

    KvCache(NDManager parent, int batch, EvalVariant variant, int layers) {
        this.manager = parent.newSubManager();
        this.batch = batch;
        this.variant = variant;
        this.keys = new NDArray[variant.recurrences() * layers];
        this.values = new NDArray[variant.recurrences() * layers];
        this.digitRuns = new int[batch];
    }

    /** Tokens consumed so far (the next token's absolute position). */
    public int length() {
        return length;
    }

    /** Rows this cache was made for. */
    public int batch() {
        return batch;
    }

    /** How each cached forward runs: its recurrences and initial-state noise. */
    public EvalVariant variant() {
        return variant;
    }

    int[] digitRuns() {
        return digitRuns;
    }

    /** Appends the new keys/values [B,heads,s,d] of {@code slot}; returns all of them [B,heads,T+s,d]. */
    NDArray[] extend(int slot, NDArray k, NDArray v) {
        keys[slot] = append(keys[slot], k);
        values[slot] = append(values[slot], v);
        return new NDArray[] {keys[slot], values[slot]};
    }

    private NDArray append(NDArray old, NDArray fresh) {
        if (old == null) {
            fresh.attach(manager); // survive the caller's step manager
            return fresh;
        }
        NDArray all = old.concat(fresh, 2); // belongs to old's manager: this cache's
        old.close();
        return all;
    }

    void advance(int tokens) {
        length += tokens;
    }

    @Override
    public void close() {
        manager.close();
    }
}
