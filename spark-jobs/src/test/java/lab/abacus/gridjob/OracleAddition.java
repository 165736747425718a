package lab.abacus.gridjob;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import lab.abacus.grid.CellDecoder;
import lab.abacus.task.Vocabulary;

/**
 * A scripted "model" for grid tests: solves reversed-digit addition from the prompt, but leaves out the EOS when
 * the first operand has {@code noEosFromLength} digits or more (so those cells score 0: digits right, EOS missing),
 * and throws when asked for the cell named in {@link #FAIL_ON} (to interrupt a grid).
 */
final class OracleAddition implements CellDecoder {

    /** "a,b" of a cell whose decoding throws; null for none. Static: local-mode executors share the JVM. */
    static final AtomicReference<String> FAIL_ON = new AtomicReference<>();

    private static final Vocabulary V = Vocabulary.PAD_TOKENIZER;
    private final int noEosFromLength;

    OracleAddition(int noEosFromLength) {
        this.noEosFromLength = noEosFromLength;
    }

    static CellDecoder.Loader loader(int noEosFromLength) {
        return () -> new OracleAddition(noEosFromLength);
    }

    @Override
    public List<int[]> greedy(List<int[]> prompts, int maxNewTokens) {
        List<int[]> out = new ArrayList<>();
        for (int[] p : prompts) {
            String text = V.decode(p);
            String[] ab = text.substring(0, text.length() - 1).split("\\+", -1);
            if ((ab[0].length() + "," + ab[1].length()).equals(FAIL_ON.get())) {
                throw new IllegalStateException("injected failure at cell " + FAIL_ON.get());
            }
            String sum = new StringBuilder(
                            new BigInteger(new StringBuilder(ab[0]).reverse().toString())
                                    .add(new BigInteger(
                                            new StringBuilder(ab[1]).reverse().toString()))
                                    .toString())
                    .reverse()
                    .toString();
            int[] ids = ab[0].length() < noEosFromLength ? V.encodeExample("", sum) : V.encode(sum + "1");
            out.add(Arrays.copyOf(ids, Math.min(ids.length, maxNewTokens)));
        }
        return out;
    }
}
