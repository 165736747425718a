package lab.abacus.grid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import lab.abacus.model.EvalVariant;
import lab.abacus.task.LabelSet;
import lab.abacus.task.Problem;
import lab.abacus.task.ProblemGenerator;
import lab.abacus.task.TaskKind;
import lab.abacus.task.Vocabulary;
import org.junit.jupiter.api.Test;

/** The per-partition function with a scripted decoder in place of a model. */
class PartitionEvaluatorTest {

    private static final Vocabulary V = Vocabulary.PAD_TOKENIZER;
    private static final EvalVariant AS_TRAINED = new EvalVariant(1, false);

    /** Reversed-digit addition problems with exact operand lengths, drawn by the datagen's own generator. */
    static CellProblems addition(int a, int b, int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        ProblemGenerator gen = TaskKind.ADDITION.newGenerator(LabelSet.REFERENCE);
        Problem p = new Problem();
        List<CellProblems.Problem> ps = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            gen.generate(a, b, r, p);
            ps.add(new CellProblems.Problem(i, p.prompt(), p.answer()));
        }
        return new CellProblems(new GridCell("addition", a, b), ps);
    }

    /** Solves addition from the prompt; drops the EOS when the first operand is longer than {@code eosUpTo}. */
    static final class OracleDecoder implements CellDecoder {
        final int eosUpTo;
        final List<Integer> batchSizes = new ArrayList<>();
        boolean closed;

        OracleDecoder(int eosUpTo) {
            this.eosUpTo = eosUpTo;
        }

        @Override
        public List<int[]> greedy(List<int[]> prompts, int maxNewTokens) {
            batchSizes.add(prompts.size());
            List<int[]> out = new ArrayList<>();
            for (int[] p : prompts) {
                assertThat(p.length).isEqualTo(prompts.get(0).length);
                String text = V.decode(p);
                String[] ab = text.substring(0, text.length() - 1).split("\\+", -1);
                BigInteger sum = new BigInteger(
                                new StringBuilder(ab[0]).reverse().toString())
                        .add(new BigInteger(new StringBuilder(ab[1]).reverse().toString()));
                String ans = new StringBuilder(sum.toString()).reverse().toString();
                int[] ids = ab[0].length() <= eosUpTo ? V.encodeExample("", ans) : V.encode(ans + "0");
                out.add(java.util.Arrays.copyOf(ids, Math.min(ids.length, maxNewTokens)));
            }
            return out;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    @Test
    void scoresCellsAndFlagsInDistribution() {
        OracleDecoder decoder = new OracleDecoder(2);
        PartitionEvaluator ev = new PartitionEvaluator("run1", AS_TRAINED, V, new InDistribution(2, 2), 100, 10);
        List<CellProblems> cells = List.of(addition(1, 1, 20, 1), addition(2, 3, 20, 2), addition(3, 1, 20, 3));
        List<EvalCellRow> rows = ev.run(cells, () -> decoder, r -> {}, r -> {});
        assertThat(decoder.closed).isTrue();
        assertThat(rows)
                .extracting(
                        EvalCellRow::lenA,
                        EvalCellRow::lenB,
                        EvalCellRow::n,
                        EvalCellRow::correct,
                        EvalCellRow::inDistribution)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(1, 1, 20, 20, true),
                        org.assertj.core.groups.Tuple.tuple(2, 3, 20, 20, false),
                        // digits right but no EOS: wrong
                        org.assertj.core.groups.Tuple.tuple(3, 1, 20, 0, false));
        assertThat(rows.get(0).accuracy()).isEqualTo(1.0);
        assertThat(rows.get(0).firstCorrect()).isNull();
        assertThat(rows).allSatisfy(r -> assertThat(r.runId()).isEqualTo("run1"));
    }

    @Test
    void exactMatchAtTheGridLevel() {
        // One cell, four rows: right + EOS + garbage (right: after EOS is ignored), right digits without EOS,
        // right digits then an extra digit, an early EOS.
        List<CellProblems.Problem> ps = List.of(
                new CellProblems.Problem(0, "321+7654=", "0964"),
                new CellProblems.Problem(1, "321+7654=", "0964"),
                new CellProblems.Problem(2, "321+7654=", "0964"),
                new CellProblems.Problem(3, "321+7654=", "0964"));
        List<int[]> outputs = List.of(
                new int[] {4, 13, 10, 8, Vocabulary.EOS, 7, 7, Vocabulary.EOS},
                V.encode("0964"),
                V.encode("09640"),
                new int[] {4, 13, 10, Vocabulary.EOS});
        CellDecoder scripted = (prompts, maxNew) -> {
            assertThat(maxNew).as("answer + EOS").isEqualTo(5);
            return outputs;
        };
        PartitionEvaluator ev = new PartitionEvaluator("r", AS_TRAINED, V, new InDistribution(5, 5), 100, 10);
        EvalCellRow row = ev.evaluate(new CellProblems(new GridCell("addition", 3, 4), ps), scripted);
        assertThat(row.n()).isEqualTo(4);
        assertThat(row.correct()).isEqualTo(1);
        assertThat(row.inDistribution()).isTrue();
    }

    @Test
    void batchesAreCutAtBatchSizeAndRowsFlushedInGroups() {
        OracleDecoder decoder = new OracleDecoder(100);
        PartitionEvaluator ev = new PartitionEvaluator("r", AS_TRAINED, V, new InDistribution(5, 5), 8, 2);
        List<List<EvalCellRow>> files = new ArrayList<>();
        AtomicInteger done = new AtomicInteger();
        ev.run(
                List.of(addition(1, 1, 20, 1), addition(2, 2, 20, 2), addition(3, 3, 20, 3)),
                () -> decoder,
                files::add,
                r -> done.incrementAndGet());
        assertThat(decoder.batchSizes).containsExactly(8, 8, 4, 8, 8, 4, 8, 8, 4);
        assertThat(files).extracting(List::size).containsExactly(2, 1);
        assertThat(done).hasValue(3);
    }

    @Test
    void sortingIsBatchedPerPromptLengthAndScoresFirstElement() {
        Vocabulary s = Vocabulary.SORT_TOKENIZER;
        // Prompts of two lengths in one cell; the scripted decoder answers "A,B" for every row.
        List<CellProblems.Problem> ps = List.of(
                new CellProblems.Problem(0, "A:1,B:2=", "A,B"),
                new CellProblems.Problem(1, "A:12,B:3=", "B,A"),
                new CellProblems.Problem(2, "A:3,B:2=", "B,A"),
                new CellProblems.Problem(3, "A:11,B:31=", "A,B"));
        List<Integer> promptLengths = new ArrayList<>();
        CellDecoder decoder = (prompts, maxNew) -> {
            promptLengths.add(prompts.get(0).length);
            prompts.forEach(p -> assertThat(p.length).isEqualTo(prompts.get(0).length));
            // Shortest prompts: the answer then EOS; longer ones: the answer and no EOS (it runs on).
            return prompts.stream()
                    .map(p -> p.length == 8 ? s.encodeExample("", "A,B") : s.encode("A,B,"))
                    .toList();
        };
        PartitionEvaluator ev = new PartitionEvaluator("r", AS_TRAINED, s, new InDistribution(10, 10), 100, 10);
        EvalCellRow row = ev.run(
                        List.of(new CellProblems(new GridCell("sorting", 2, 2), ps)), () -> decoder, r -> {}, r -> {})
                .get(0);
        assertThat(promptLengths).containsExactly(8, 9, 10);
        assertThat(row.correct())
                .as("the reference's rule: the answer's prefix, EOS not checked")
                .isEqualTo(2);
        assertThat(row.correctWithEos())
                .as("the strict rule: the answer then EOS")
                .isEqualTo(1);
        assertThat(row.firstCorrect()).isEqualTo(2);
    }

    @Test
    void aFailingCellKeepsTheCellsFinishedBeforeIt() {
        List<EvalCellRow> written = new ArrayList<>();
        OracleDecoder ok = new OracleDecoder(100);
        CellDecoder failing = new CellDecoder() {
            @Override
            public List<int[]> greedy(List<int[]> prompts, int maxNew) {
                if (V.decode(prompts.get(0)).length() > 6) {
                    throw new IllegalStateException("boom");
                }
                return ok.greedy(prompts, maxNew);
            }
        };
        PartitionEvaluator ev = new PartitionEvaluator("r", AS_TRAINED, V, new InDistribution(5, 5), 100, 10);
        assertThatThrownBy(() -> ev.run(
                        List.of(addition(1, 1, 5, 1), addition(2, 1, 5, 2), addition(4, 4, 5, 3)),
                        () -> failing,
                        written::addAll,
                        r -> {}))
                .hasMessageContaining("boom");
        assertThat(written).extracting(EvalCellRow::lenA).containsExactly(1, 2);
    }
}
