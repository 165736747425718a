package lab.abacus.data;

/**
 * One microbatch, row-major {@code [rows, seqLen]}: {@code tokens} are the input ids (right-padded with PAD),
 * {@code targets[t] = tokens[t+1]} (PAD at the last position) and {@code mask[t] = 1} exactly where
 * {@code targets[t]} is an answer token or the EOS, i.e. strictly after the row's '=' and never PAD.
 */
public record TrainBatch(int rows, int seqLen, int[] tokens, int[] targets, float[] mask, int targetTokens) {

    /** Number of input tokens (rows × seqLen, padding included): the unit of tokens/s. */
    public long tokenCount() {
        return (long) rows * seqLen;
    }
}
