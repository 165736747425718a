package lab.abacus.cli;

import com.typesafe.config.Config;
import java.io.PrintWriter;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import lab.abacus.spark.SparkSessions;
import lab.abacus.task.Vocabulary;
import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code abacus spark-check}: a tiny job that proves a Spark setup can run our code — the application jar's classes
 * (the trainer's vocabulary) load on every executor, results come back right, and optionally the DJL PyTorch
 * engine loads there too (the natives jar was shipped). Prints where each partition ran.
 */
@Command(
        mixinStandardHelpOptions = true,
        name = "spark-check",
        description = "Run a tiny job on the Spark executors and report where it ran (checks a cluster setup).")
final class SparkCheckCommand implements Callable<Integer> {

    @Mixin
    ConfigArgs config;

    @Spec
    CommandSpec spec;

    @Option(names = "--numbers", defaultValue = "10000", description = "Encode 1..N (default ${DEFAULT-VALUE}).")
    int numbers;

    @Option(names = "--partitions", defaultValue = "4", description = "Partitions (default ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--djl", description = "Also load the DJL PyTorch engine on every executor.")
    boolean djl;

    @Override
    public Integer call() {
        if (numbers < 1 || partitions < 1) {
            throw new UserError("--numbers and --partitions must be positive");
        }
        Config c = config.load();
        SparkSession session = SparkSessions.getOrCreate(c, "abacus spark-check");
        PrintWriter out = spec.commandLine().getOut();
        out.println("spark-check: master " + session.sparkContext().master() + ", app "
                + session.sparkContext().applicationId());

        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(session.sparkContext());
        List<Integer> input = IntStream.rangeClosed(1, numbers).boxed().toList();
        boolean loadDjl = djl;
        List<String> rows = jsc.parallelize(input, partitions)
                .mapPartitionsWithIndex(
                        (Function2<Integer, Iterator<Integer>, Iterator<String>>) (index, it) ->
                                List.of(runPartition(index, it, loadDjl)).iterator(),
                        false)
                .collect();

        long count = 0;
        long digits = 0;
        TreeSet<String> executors = new TreeSet<>();
        TreeSet<String> pids = new TreeSet<>();
        for (String row : rows) {
            String[] f = row.split("\t", -1);
            out.println("  partition " + f[0] + ": executor " + f[1] + ", pid " + f[2] + ", " + f[3] + " numbers, "
                    + f[4] + " digit tokens" + (f[5].isEmpty() ? "" : ", DJL " + f[5]));
            executors.add(f[1]);
            pids.add(f[2]);
            count += Long.parseLong(f[3]);
            digits += Long.parseLong(f[4]);
        }
        long expected = IntStream.rangeClosed(1, numbers)
                .mapToLong(i -> Integer.toString(i).length())
                .sum();
        boolean ok = count == numbers && digits == expected;
        out.println("spark-check: " + count + " numbers, " + digits + " digit tokens (expected " + expected + ") in "
                + rows.size() + " partitions on executors " + executors + " in JVMs " + pids
                + " (driver JVM " + ProcessHandle.current().pid() + "): " + (ok ? "ok" : "WRONG"));
        out.flush();
        return ok ? AbacusMain.EXIT_OK : AbacusMain.EXIT_FAILURE;
    }

    /** Runs on an executor: encode each number with the trainer's vocabulary and count digit tokens. */
    private static String runPartition(int index, Iterator<Integer> numbers, boolean loadDjl) {
        long count = 0;
        long digits = 0;
        while (numbers.hasNext()) {
            for (int id : Vocabulary.PAD_TOKENIZER.encode(Integer.toString(numbers.next()))) {
                if (Vocabulary.isDigit(id)) {
                    digits++;
                }
            }
            count++;
        }
        String engine = loadDjl ? djlEngine() : "";
        String executor = SparkEnv.get() == null ? "?" : SparkEnv.get().executorId();
        return String.join(
                "\t",
                List.of(
                        Integer.toString(index),
                        executor,
                        Long.toString(ProcessHandle.current().pid()),
                        Long.toString(count),
                        Long.toString(digits),
                        engine));
    }

    private static String djlEngine() {
        ai.djl.engine.Engine e = ai.djl.engine.Engine.getEngine("PyTorch");
        return e.getEngineName() + " " + e.getVersion();
    }
}
