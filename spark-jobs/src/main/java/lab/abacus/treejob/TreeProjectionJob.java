package lab.abacus.treejob;

import java.io.PrintStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import lab.abacus.storage.Storage;
import lab.abacus.structural.StructuralDataset;
import lab.abacus.tables.Table;
import lab.abacus.tables.TableReader;
import lab.abacus.tables.TableWriter;
import lab.abacus.treeprojection.CheckpointTScore;
import lab.abacus.treeprojection.TScore;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * t_score of a structural run's checkpoints (structural-grokking §3.3) as a Spark job. The run's sentence sample is
 * fixed (its seed), so every checkpoint reads the same sentences and the curve compares like with like; each
 * (checkpoint, chunk of sentences) is a task, whose masked forward passes are batched. The driver adds the chunks
 * up per checkpoint and appends one {@code structure} row each ({@code measure = t_score}, {@code layer = 0}).
 * Checkpoints already in the table are skipped, so a re-run or an interrupted one does only what is missing.
 */
public final class TreeProjectionJob {

    /** The measure's name in the {@code structure} table. */
    public static final String MEASURE = "t_score";

    /**
     * @param sentences sentences of the sample (the paper: 10,000 training sentences)
     * @param maxWords  longest sentence read (a sentence of n words costs n(n+1)/2 forward rows)
     * @param batch     masked rows per forward pass (the released code: 256)
     * @param chunk     sentences per task
     * @param seed      the sample's and the random splits' seed
     */
    public record Request(
            String runId,
            String datasetId,
            List<Long> steps,
            int sentences,
            int maxWords,
            int batch,
            int chunk,
            int threads,
            long seed) {}

    /** What the job did: t_score per checkpoint scored now, the work and its time. */
    public record Result(Map<Long, Double> tScore, int skipped, int sentences, long spans, double seconds) {

        public double spansPerSecond() {
            return seconds <= 0 ? 0 : spans / seconds;
        }
    }

    private record Task(long step, int from, ArrayList<int[]> sentences) implements Serializable {}

    private record Done(long step, TScore score) implements Serializable {}

    private TreeProjectionJob() {}

    public static Result run(SparkSession spark, Storage storage, Request r, PrintStream progress) {
        long start = System.nanoTime();
        List<int[]> sample =
                StructuralDataset.open(storage, r.datasetId()).analysedSentences(r.sentences(), r.seed(), r.maxWords());
        Set<Long> done = scored(storage, r.runId());
        List<Long> steps = r.steps().stream().filter(s -> !done.contains(s)).toList();
        List<Task> tasks = new ArrayList<>();
        for (long step : steps) {
            for (int from = 0; from < sample.size(); from += r.chunk()) {
                tasks.add(new Task(
                        step, from, new ArrayList<>(sample.subList(from, Math.min(sample.size(), from + r.chunk())))));
            }
        }
        progress.printf(
                Locale.ROOT,
                "[t_score] run %s: %d checkpoint(s) x %d sentences in %d task(s) (%d checkpoint(s) already scored)%n",
                r.runId(),
                steps.size(),
                sample.size(),
                tasks.size(),
                r.steps().size() - steps.size());
        Map<Long, TScore> byStep = score(spark, storage, r, tasks);
        write(storage, r.runId(), byStep);
        Map<Long, Double> means = new TreeMap<>();
        byStep.forEach((step, t) -> means.put(step, t.mean()));
        long spans = byStep.values().stream().mapToLong(TScore::spans).sum();
        return new Result(
                means, r.steps().size() - steps.size(), sample.size(), spans, (System.nanoTime() - start) / 1e9);
    }

    private static Map<Long, TScore> score(SparkSession spark, Storage storage, Request r, List<Task> tasks) {
        Map<Long, TScore> byStep = new TreeMap<>();
        if (tasks.isEmpty()) {
            return byStep;
        }
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        jsc.setJobDescription("abacus t_score " + r.runId());
        var ref = storage.ref(); // the task closes over these values only
        String runId = r.runId();
        String datasetId = r.datasetId();
        int threads = r.threads();
        int batch = r.batch();
        long seed = r.seed();
        List<Done> results = jsc.parallelize(tasks, tasks.size())
                .map(t -> new Done(
                        t.step(),
                        new CheckpointTScore(ref, runId, datasetId, t.step(), threads)
                                .score(t.sentences(), t.from(), batch, seed)))
                .collect();
        for (Done d : results) {
            byStep.merge(d.step(), d.score(), TScore::plus);
        }
        return byStep;
    }

    /** The steps of {@code runId} whose t_score is in the table. */
    static Set<Long> scored(Storage storage, String runId) {
        Set<Long> out = new HashSet<>();
        for (Map<String, Object> row : TableReader.read(storage, Table.STRUCTURE.name())) {
            if (runId.equals(row.get("run_id")) && MEASURE.equals(row.get("measure"))) {
                out.add((Long) row.get("step"));
            }
        }
        return out;
    }

    private static void write(Storage storage, String runId, Map<Long, TScore> byStep) {
        List<Map<String, Object>> rows = new ArrayList<>();
        byStep.forEach((step, t) -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("run_id", runId);
            row.put("step", step);
            row.put("measure", MEASURE);
            row.put("layer", 0);
            row.put("value", t.mean());
            row.put("samples", t.sentences());
            rows.add(row);
        });
        TableWriter.append(storage, Table.STRUCTURE, rows);
    }
}
