package lab.abacus.model;

import java.io.Serializable;
import java.util.Locale;

/**
 * How a trained model is run at evaluation: how many recurrences of its block (a looped model may be run deeper
 * than it was trained, the paper's extra-recurrence evaluation; abacus-reference §6.1 {@code max_rec}) and whether
 * the random initial state is drawn (the reference draws it at evaluation too, §4.2). Not part of a run's identity:
 * one checkpoint is scored in as many variants as wanted, each its own rows in {@code eval_cells}.
 *
 * @param recurrences recurrences run (≥ 1; for a model that is not looped, its own recurrence of 1)
 * @param noise       draw the initial-state noise (only matters with {@code model.random-initial-state})
 */
public record EvalVariant(int recurrences, boolean noise) implements Serializable {

    public EvalVariant {
        if (recurrences < 1) {
            throw new IllegalArgumentException("an evaluation needs at least 1 recurrence, got " + recurrences);
        }
    }

    /** The model as it was trained: its recurrences, no noise (what held-out evaluation during training uses). */
    public static EvalVariant asTrained(ModelSettings ms) {
        return new EvalVariant(ms.recurrence(), false);
    }

    /** A short name for reports and logs, e.g. {@code r16} or {@code r32+noise}. */
    public String label() {
        return String.format(Locale.ROOT, "r%d%s", recurrences, noise ? "+noise" : "");
    }
}
