package lab.abacus.grid;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import lab.abacus.decode.ExactMatch;
import lab.abacus.decode.PromptBatches;
import lab.abacus.model.EvalVariant;
import lab.abacus.task.TaskKind;
import lab.abacus.task.Vocabulary;

/**
 * The work of one grid partition, without Spark: open the model once, decode every cell batched (problems grouped
 * by prompt length, which is one group for the arithmetic tasks and several for sorting, each group cut into
 * batches of at most {@code batchSize}), score exact match, and hand rows to the sink every {@code flushCells}
 * cells so an interrupted partition keeps what it finished.
 */
public final class PartitionEvaluator {

    private final String runId;
    private final EvalVariant variant;
    private final Vocabulary vocabulary;
    private final InDistribution inDistribution;
    private final int batchSize;
    private final int flushCells;

    /** @param variant how the decoder runs the model (recorded in every row; the loader's decoder must match) */
    public PartitionEvaluator(
            String runId,
            EvalVariant variant,
            Vocabulary vocabulary,
            InDistribution inDistribution,
            int batchSize,
            int flushCells) {
        this.runId = runId;
        this.variant = variant;
        this.vocabulary = vocabulary;
        this.inDistribution = inDistribution;
        this.batchSize = batchSize;
        this.flushCells = flushCells;
    }

    /** Receives finished rows in groups of up to {@code flushCells}; each call should be one atomic table file. */
    @FunctionalInterface
    public interface Sink {
        void write(List<EvalCellRow> rows);
    }

    /**
     * Evaluate {@code cells} with a decoder opened from {@code loader}; {@code onCell} is told after each cell
     * (for progress). Returns all rows, in the order of {@code cells}.
     */
    public List<EvalCellRow> run(
            List<CellProblems> cells, CellDecoder.Loader loader, Sink sink, Consumer<EvalCellRow> onCell) {
        List<EvalCellRow> all = new ArrayList<>(cells.size());
        List<EvalCellRow> pending = new ArrayList<>();
        try (CellDecoder decoder = loader.open()) {
            for (CellProblems cp : cells) {
                EvalCellRow row = evaluate(cp, decoder);
                all.add(row);
                pending.add(row);
                onCell.accept(row);
                if (pending.size() >= flushCells) {
                    flush(pending, sink);
                }
            }
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("closing the decoder failed: " + e.getMessage(), e);
        } finally {
            // Keep what was finished even when a later cell failed: the retry then does only the rest.
            if (!pending.isEmpty()) {
                flush(pending, sink);
            }
        }
        return all;
    }

    private static void flush(List<EvalCellRow> pending, Sink sink) {
        List<EvalCellRow> rows = List.copyOf(pending);
        pending.clear();
        sink.write(rows);
    }

    /** Decode and score one cell. */
    public EvalCellRow evaluate(CellProblems cp, CellDecoder decoder) {
        long t0 = System.nanoTime();
        GridCell cell = cp.cell();
        TaskKind task = TaskKind.fromConfigName(cell.task());
        boolean sorting = task == TaskKind.SORTING;
        List<CellProblems.Problem> problems = cp.problems();
        List<int[]> prompts = new ArrayList<>(problems.size());
        List<int[]> answers = new ArrayList<>(problems.size());
        for (CellProblems.Problem p : problems) {
            prompts.add(vocabulary.encode(p.prompt()));
            answers.add(vocabulary.encode(p.answer()));
        }
        int correct = 0;
        int withEos = 0;
        int first = 0;
        // A batch must share one prompt length (no padding inside prompts): one group for arithmetic cells,
        // several for sorting, each cut into batches of at most batchSize.
        for (int[] batch : PromptBatches.byLength(prompts, batchSize)) {
            int[][] in = new int[batch.length][];
            int maxNew = 0;
            for (int i = 0; i < batch.length; i++) {
                in[i] = prompts.get(batch[i]);
                maxNew = Math.max(maxNew, answers.get(batch[i]).length + 1); // answer + EOS
            }
            List<int[]> out = decoder.greedy(java.util.Arrays.asList(in), maxNew);
            if (out.size() != batch.length) {
                throw new IllegalStateException("decoder returned " + out.size() + " rows for " + batch.length);
            }
            for (int i = 0; i < batch.length; i++) {
                int[] answer = answers.get(batch[i]);
                if (ExactMatch.correct(task, out.get(i), answer)) {
                    correct++;
                }
                if (ExactMatch.correct(out.get(i), answer)) {
                    withEos++;
                }
                if (sorting && ExactMatch.firstCorrect(out.get(i), answer)) {
                    first++;
                }
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        return new EvalCellRow(
                runId,
                cell.task(),
                cell.lenA(),
                cell.lenB(),
                variant,
                cp.problems().size(),
                correct,
                withEos,
                sorting ? first : null,
                inDistribution.contains(cell.lenA(), cell.lenB()),
                seconds);
    }
}
