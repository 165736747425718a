package lab.abacus.decode;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import lab.abacus.model.LanguageModel;
import lab.abacus.model.ModelSettings;
import lab.abacus.task.Vocabulary;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Decoding throughput, KV cache vs the reference's full-prefix recompute, on addition prompts with n-digit
 * operands (reversed, {@code A+B=}), generating exactly the answer width n+2 tokens per problem as the reference
 * does (no early stop: an untrained model's EOS would make the figures meaningless). Prints the exact model
 * configuration so another implementation can be matched, then problems/s per method and operand length, and
 * whether both methods produced identical tokens.
 *
 * <p>Run from the repository root:
 * <pre>
 *   bin/abacus bench decode [--digits 10,20] [--batch 100] [--repeats 2] [--threads 1] [--device cpu|gpu] \
 *        [model.key=value ...]
 * </pre>
 * Model keys are those of {@code abacus.model} (e.g. {@code model.hidden=1024 model.layers=16}); the default
 * is a small CPU model: hidden 128, intermediate 256, 4 heads, 4 layers, standard, Abacus. Weights are random
 * (seed 0): decoding cost does not depend on them.
 */
public final class DecodeBenchmark {

    private DecodeBenchmark() {
    }

    public static void main(String[] args) {
        List<String> overrides = new ArrayList<>(List.of("hidden=128", "intermediate=256", "heads=4", "layers=4",
                "architecture=standard", "embedding=abacus"));
        int[] digits = {10, 20};
        int batch = 100;
        int repeats = 2;
        int threads = 1;
        String device = "cpu";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--digits" -> digits = Arrays.stream(args[++i].split(",")).mapToInt(Integer::parseInt).toArray();
                case "--batch" -> batch = Integer.parseInt(args[++i]);
                case "--repeats" -> repeats = Integer.parseInt(args[++i]);
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--device" -> device = args[++i];
                default -> {
                    if (!args[i].startsWith("model.")) {
                        throw new IllegalArgumentException("unknown argument " + args[i]);
                    }
                    overrides.add(args[i].substring("model.".length()));
                }
            }
        }
        System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
        System.setProperty("ai.djl.pytorch.num_interop_threads", Integer.toString(threads));
        ModelSettings settings = ModelSettings.parse(overrides.toArray(String[]::new));
        Vocabulary vocab = Vocabulary.PAD_TOKENIZER;
        Engine.getInstance().setRandomSeed(0);
        Device dev = device.equals("gpu") ? Device.gpu() : Device.cpu();
        try (NDManager root = NDManager.newBaseManager(dev);
             LanguageModel model = LanguageModel.create(settings, vocab.size(), root)) {
            System.out.printf(Locale.ROOT, "model: %s vocab=%d parameters=%d%n", settings.describe(), vocab.size(),
                    model.parameterCount());
            System.out.printf(Locale.ROOT, "engine: %s %s device=%s threads=%d batch=%d repeats=%d%n",
                    Engine.getInstance().getEngineName(), Engine.getInstance().getVersion(), dev, threads, batch,
                    repeats);
            GreedyDecoder decoder = new GreedyDecoder(model);
            for (int n : digits) {
                int[][] prompts = prompts(vocab, n, batch, new Random(n));
                int width = n + 2; // answer digits (≤ n+1) + EOS, the reference's generation length
                decoder.decode(prompts, width, GreedyDecoder.Method.KV_CACHE, false); // warm-up
                decoder.decode(prompts, width, GreedyDecoder.Method.RECOMPUTE, false);
                double kv = rate(decoder, prompts, width, GreedyDecoder.Method.KV_CACHE, repeats);
                double re = rate(decoder, prompts, width, GreedyDecoder.Method.RECOMPUTE, repeats);
                boolean same = Arrays.deepEquals(
                        decoder.decode(prompts, width, GreedyDecoder.Method.KV_CACHE, false),
                        decoder.decode(prompts, width, GreedyDecoder.Method.RECOMPUTE, false));
                System.out.printf(Locale.ROOT,
                        "digits=%d prompt=%d new-tokens=%d  kv-cache %.1f problems/s  recompute %.1f problems/s"
                                + "  speedup %.2fx  identical=%b%n",
                        n, prompts[0].length, width, kv, re, kv / re, same);
            }
        }
    }

    private static double rate(GreedyDecoder decoder, int[][] prompts, int width, GreedyDecoder.Method method,
                               int repeats) {
        long start = System.nanoTime();
        for (int r = 0; r < repeats; r++) {
            decoder.decode(prompts, width, method, false);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return (double) prompts.length * repeats / seconds;
    }

    /** {@code batch} prompts "A+B=" with exactly n-digit operands, digits reversed. */
    static int[][] prompts(Vocabulary vocab, int n, int batch, Random rng) {
        int[][] out = new int[batch][];
        for (int b = 0; b < batch; b++) {
            out[b] = vocab.encode(reversedNumber(n, rng) + "+" + reversedNumber(n, rng) + "=");
        }
        return out;
    }

    private static String reversedNumber(int n, Random rng) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n - 1; i++) {
            sb.append((char) ('0' + rng.nextInt(10)));
        }
        sb.append((char) ('1' + rng.nextInt(9))); // most significant digit, written last, never 0
        return sb.toString();
    }
}
