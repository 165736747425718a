package lab.abacus.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import lab.abacus.task.Vocabulary;

/**
 * Input embedding e = LN(scale · token embedding + positional embedding), the state injected into the layers.
 * The positional term is, by scheme: learned absolute (indexed by position), Abacus (indexed by the digit's place
 * in its number, abacus-reference §3.1), fixed sinusoids (Murty et al.), or none (NoPE, FIRE, RoPE: position
 * enters in attention). Tables are N(0, 1/hidden) at init (Xavier-uniform with {@code init = xavier-uniform}).
 * Murty's model has no LayerNorm here, scales tokens by √hidden and applies dropout to e.
 */
final class Embedder extends Module {

    private final ModelSettings settings;
    private final Parameter tokens; // [V,H]
    private final Parameter positions; // [T,H] or null
    private final Norm norm; // null without embedding-norm

    Embedder(ModelSettings s, int vocabSize) {
        settings = s;
        double std = 1.0 / Math.sqrt(s.hidden());
        tokens = param(
                "token_embedding",
                new Shape(vocabSize, s.hidden()),
                s.init() == ModelSettings.InitScheme.XAVIER_UNIFORM
                        ? Init.xavierUniform(1.0, s.hidden(), vocabSize)
                        : Init.normal(std));
        if (s.embedding().abacus()) {
            positions = param("abacus_embedding", new Shape(s.abacusTableSize(), s.hidden()), Init.normal(std));
        } else if (s.embedding() == ModelSettings.Embedding.LEARNED) {
            positions = param("position_embedding", new Shape(s.learnedPositions(), s.hidden()), Init.normal(std));
        } else {
            positions = null;
        }
        norm = s.embeddingNorm() ? child("embedding_norm", new Norm(s.hidden())) : null;
    }

    /** The token table [V,H] (a tied output projection reads it). */
    Parameter tokenTable() {
        return tokens;
    }

    /**
     * @param ids      [B,S] token ids (any integer type)
     * @param rows     the same ids on the host, row-major [B][S] (for position indices)
     * @param offset   absolute position of column 0 (cache length)
     * @param runs     per row, the digit-run length before column 0 (null: all 0); updated in place
     * @param abacusK  Abacus offset k for this call
     * @return e [B,S,H] in ids's manager
     */
    NDArray apply(Step step, NDArray ids, int[][] rows, int offset, int[] runs, int abacusK) {
        NDArray idx = ids.toType(DataType.INT64, false);
        NDArray e = lookup(idx, tokens); // [B,S,H]
        if (settings.tokenScale() != ModelSettings.TokenScale.NONE) {
            e = e.mul(step.scalar((float) settings.tokenScaleFactor()));
        }
        if (settings.embedding().sinusoidal()) {
            e = e.add(Sinusoidal.table(step.manager, offset, rows[0].length, settings.hidden())); // + [S,H]
        } else if (positions != null) {
            long[] pos = settings.embedding().abacus()
                    ? abacusIndices(rows, runs, abacusK, settings.abacusTableSize())
                    : learnedIndices(rows.length, rows[0].length, offset, settings.learnedPositions());
            NDArray p = ids.getManager().create(pos, new Shape(rows.length, rows[0].length));
            e = e.add(lookup(p, positions));
        } else if (runs != null) {
            abacusIndices(rows, runs, 0, Integer.MAX_VALUE); // keep digit runs current anyway
        }
        return Dropout.apply(step, norm == null ? e : norm.apply(e), settings.dropout());
    }

    private static NDArray lookup(NDArray idx, Parameter table) {
        return idx.getNDArrayInternal()
                .embedding(idx, table.getArray(), ai.djl.ndarray.types.SparseFormat.DENSE)
                .singletonOrThrow();
    }

    /**
     * Abacus indices: each maximal run of digit tokens numbered 1..len, non-digits 0; k added to every
     * non-zero index. {@code runs} (per row, the run length carried in from earlier calls) is updated.
     */
    static long[] abacusIndices(int[][] rows, int[] runs, int k, int tableSize) {
        int s = rows[0].length;
        long[] out = new long[rows.length * s];
        for (int b = 0; b < rows.length; b++) {
            int run = runs == null ? 0 : runs[b];
            for (int t = 0; t < s; t++) {
                run = Vocabulary.isDigit(rows[b][t]) ? run + 1 : 0;
                long index = run == 0 ? 0 : (long) run + k;
                if (index >= tableSize) {
                    throw new IllegalArgumentException("Abacus index " + index + " (digit position " + run
                            + " + offset k=" + k + ") does not fit the Abacus table of " + tableSize
                            + " rows: raise abacus.model.abacus.table-size or shorten the numbers");
                }
                out[b * s + t] = index;
            }
            if (runs != null) {
                runs[b] = run;
            }
        }
        return out;
    }

    private static long[] learnedIndices(int batch, int s, int offset, int tableSize) {
        if (offset + s > tableSize) {
            throw new IllegalArgumentException("position " + (offset + s - 1) + " does not fit the learned position"
                    + " table of " + tableSize + " rows: raise abacus.model.learned-positions");
        }
        long[] out = new long[batch * s];
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < s; t++) {
                out[b * s + t] = (long) offset + t;
            }
        }
        return out;
    }
}
