package lab.abacus.bench;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import lab.abacus.config.ConfigOverrides;
import lab.abacus.decode.GreedyDecoder;
import lab.abacus.model.LanguageModel;
import lab.abacus.model.LibTorch;
import lab.abacus.model.ModelSettings;
import lab.abacus.task.Problem;
import lab.abacus.task.Vocabulary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Decoding throughput, KV cache vs the reference's full-prefix recompute, on addition prompts with n-digit
 * operands (reversed, {@code A+B=}), generating exactly the answer width n+2 tokens per problem as the reference
 * does (no early stop: an untrained model's EOS would make the figures meaningless). Prints the exact model
 * configuration so another implementation can be matched, then problems/s per method and operand length, and
 * whether both methods produced identical tokens.
 *
 * <pre>
 *   bin/abacus bench decode [--digits 10,20] [--batch 100] [--repeats 2] [--threads 1] [--device cpu|gpu] \
 *        [--set model.key=value ...]
 * </pre>
 * The default model is a small CPU model: hidden 128, intermediate 256, 4 heads, 4 layers, standard, Abacus; the
 * paper's is {@code --set model.hidden=1024 --set model.layers=16 ...}. Weights are random (seed 0): decoding cost
 * does not depend on them.
 */
@Command(
        name = "decode",
        mixinStandardHelpOptions = true,
        description = "Decoding problems/s, KV cache vs full-prefix recompute (random-weight model).")
public final class DecodeBenchmark implements Callable<Integer> {

    /** The small CPU model the benchmark decodes with unless {@code --set} says otherwise. */
    static final List<String> SMALL_MODEL = List.of(
            "model.hidden=128",
            "model.intermediate=256",
            "model.heads=4",
            "model.layers=4",
            "model.architecture=standard",
            "model.embedding=abacus");

    @Spec
    CommandSpec spec;

    @Option(
            names = "--digits",
            split = ",",
            paramLabel = "N[,N...]",
            description = "Operand lengths (default ${DEFAULT-VALUE}).")
    int[] digits = {10, 20};

    @Option(names = "--batch", description = "Problems decoded at once (default ${DEFAULT-VALUE}).")
    int batch = 100;

    @Option(names = "--repeats", description = "Timed repetitions per method (default ${DEFAULT-VALUE}).")
    int repeats = 2;

    @Option(names = "--threads", description = "libtorch intra-op threads (default ${DEFAULT-VALUE}).")
    int threads = 1;

    @Option(names = "--device", description = "cpu or gpu (default ${DEFAULT-VALUE}).")
    String device = "cpu";

    @Mixin
    ConfigOverrides model;

    @Override
    public Integer call() {
        Bench.require(
                spec,
                batch >= 1
                        && repeats >= 1
                        && threads >= 1
                        && Arrays.stream(digits).allMatch(d -> d >= 1),
                "--digits, --batch, --repeats and --threads must be >= 1");
        Device dev = Bench.device(spec, device);
        LibTorch.threads(threads, threads);
        ModelSettings settings = RandomModelLoader.settings(SMALL_MODEL, model.values());
        Vocabulary vocab = Vocabulary.PAD_TOKENIZER;
        PrintWriter out = spec.commandLine().getOut();
        Engine.getInstance().setRandomSeed(0);
        try (NDManager root = NDManager.newBaseManager(dev);
                LanguageModel lm = LanguageModel.create(settings, vocab.size(), root)) {
            out.printf(
                    Locale.ROOT,
                    "model: %s vocab=%d parameters=%d%n",
                    settings.describe(),
                    vocab.size(),
                    lm.parameterCount());
            out.printf(
                    Locale.ROOT,
                    "engine: %s %s device=%s threads=%d batch=%d repeats=%d%n",
                    Engine.getInstance().getEngineName(),
                    Engine.getInstance().getVersion(),
                    dev,
                    threads,
                    batch,
                    repeats);
            GreedyDecoder decoder = new GreedyDecoder(lm);
            for (int n : digits) {
                compare(out, decoder, prompts(vocab, n, batch), n + 2); // answer digits (<= n+1) + EOS
            }
        }
        out.flush();
        return 0;
    }

    /** Both methods on the same prompts: problems/s each, and whether they produced the same tokens. */
    private void compare(PrintWriter out, GreedyDecoder decoder, int[][] prompts, int width) {
        decoder.decode(prompts, width, GreedyDecoder.Method.KV_CACHE, false); // warm-up
        decoder.decode(prompts, width, GreedyDecoder.Method.RECOMPUTE, false);
        double kv = rate(decoder, prompts, width, GreedyDecoder.Method.KV_CACHE);
        double re = rate(decoder, prompts, width, GreedyDecoder.Method.RECOMPUTE);
        boolean same = Arrays.deepEquals(
                decoder.decode(prompts, width, GreedyDecoder.Method.KV_CACHE, false),
                decoder.decode(prompts, width, GreedyDecoder.Method.RECOMPUTE, false));
        out.printf(
                Locale.ROOT,
                "digits=%d prompt=%d new-tokens=%d  kv-cache %.1f problems/s  recompute %.1f"
                        + " problems/s  speedup %.2fx  identical=%b%n",
                width - 2,
                prompts[0].length,
                width,
                kv,
                re,
                kv / re,
                same);
    }

    private double rate(GreedyDecoder decoder, int[][] prompts, int width, GreedyDecoder.Method method) {
        long start = System.nanoTime();
        for (int r = 0; r < repeats; r++) {
            decoder.decode(prompts, width, method, false);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return (double) prompts.length * repeats / seconds;
    }

    /** {@code batch} prompts "A+B=" with exactly n-digit operands, digits reversed. */
    static int[][] prompts(Vocabulary vocab, int n, int batch) {
        List<Problem> problems = SyntheticAddition.problems(n, n, batch, n);
        int[][] out = new int[batch][];
        for (int b = 0; b < batch; b++) {
            out[b] = vocab.encode(problems.get(b).prompt());
        }
        return out;
    }
}
