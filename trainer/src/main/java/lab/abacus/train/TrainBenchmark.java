package lab.abacus.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import lab.abacus.config.AbacusConfig;
import lab.abacus.data.DataPosition;
import lab.abacus.data.TrainBatch;
import lab.abacus.data.TrainBatches;
import lab.abacus.model.ForwardPass;
import lab.abacus.model.LanguageModel;
import lab.abacus.model.ModelSettings;
import lab.abacus.task.Vocabulary;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Training throughput on CPU (a command that prints figures, not a test): tokens/s of full optimizer steps —
 * forward, answer-token cross-entropy, backward, global-norm clipping, AdamW — for hidden 64 / 2 layers and
 * hidden 128 / 4 layers, batch 128, sequence 32 (9-digit + 9-digit reversed addition, answer + EOS, padded to 32).
 * It prints each model's exact configuration so an external PyTorch implementation can be matched to it.
 *
 * <p>Run it from the repository root (one thread, the default on ≤ 2 cores; {@code --threads N} for more):
 * <pre>
 *   bin/abacus bench train [--threads 1] [--steps 30] [--warmup 5]
 * </pre>
 * Tokens counted per step: batch × sequence length (padding included). Wall-clock figures depend on what else runs
 * on the machine; with {@code --threads 1} it also prints tokens per CPU-second of the training thread, which does not.
 */
public final class TrainBenchmark {

    private TrainBenchmark() {
    }

    public static void main(String[] args) {
        int threads = 1;
        int steps = 30;
        int warmup = 5;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--steps" -> steps = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + " (--threads N, --steps N, --warmup N)");
            }
        }
        System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        List<String> base = List.of("train.batch-size=128", "train.budget.steps=1000000", "train.lr=1e-4",
                "train.threads.intra=" + threads, "train.threads.inter=1");
        run(base, steps, warmup, "model.hidden=64", "model.intermediate=128", "model.heads=4", "model.layers=2");
        run(base, steps, warmup, "model.hidden=128", "model.intermediate=256", "model.heads=4", "model.layers=4");
    }

    private static void run(List<String> base, int steps, int warmup, String... model) {
        List<String> overrides = new ArrayList<>(base);
        overrides.addAll(Arrays.asList(model));
        var config = AbacusConfig.load(null, overrides);
        TrainSettings ts = TrainSettings.from(config);
        ModelSettings ms = ModelSettings.from(config);
        RunTrainer.configureThreads(ts);
        TrainBatches data = syntheticAddition(4096, 32, 7);
        Vocabulary vocab = Vocabulary.PAD_TOKENIZER;
        try (NDManager root = NDManager.newBaseManager(ai.djl.Device.cpu())) {
            Engine.getInstance().setRandomSeed(1);
            try (LanguageModel lm = LanguageModel.create(ms, vocab.size(), root);
                 AdamW opt = new AdamW(lm.parameters(), LanguageModel::decays, ts.beta1(), ts.beta2(), ts.eps(),
                         ts.weightDecay(), root)) {
                TrainingStep step = new TrainingStep(ts, ms, lm, opt, root);
                Random rng = new Random(3);
                double[] seconds = new double[steps];
                java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
                long cpuStart = 0;
                double loss = 0;
                for (int s = -warmup; s < steps; s++) {
                    if (s == 0) {
                        cpuStart = cpu.getCurrentThreadCpuTime();
                    }
                    long t0 = System.nanoTime();
                    TrainBatch b = data.next(ts.batchSize());
                    int k = ms.embedding().abacus() ? ForwardPass.drawAbacusOffset(rng, ms.abacusMaxK()) : 0;
                    loss = step.microbatch(b, ForwardPass.drawProgressive(rng, k, ms.recurrence(),
                            ms.maxBackpropOrDefault()), 1);
                    step.update(ts.lr(), step.gradientNorm());
                    if (s >= 0) {
                        seconds[s] = (System.nanoTime() - t0) / 1e9;
                    }
                }
                double cpuSeconds = (cpu.getCurrentThreadCpuTime() - cpuStart) / 1e9;
                double[] sorted = seconds.clone();
                Arrays.sort(sorted);
                double median = sorted[steps / 2];
                double total = Arrays.stream(seconds).sum();
                long tokensPerStep = (long) ts.batchSize() * data.seqLen();
                System.out.printf(Locale.ROOT, "%nmodel: %s%n", ms.describe());
                System.out.printf(Locale.ROOT, "  vocab=%d parameters=%,d norm-eps=1e-12 bias-free linears, GLU value*gelu(gate)"
                                + " (exact erf), post-norm, abacus offset k~U{0..%d} per batch%n",
                        vocab.size(), lm.parameterCount(), ms.abacusMaxK());
                System.out.printf(Locale.ROOT, "  train: batch=%d seq=%d (tokens/step=%d) loss=mean CE over answer+EOS tokens,"
                                + " AdamW(lr=%s, betas=(%s, %s), eps=%s, wd=%s, no decay on norms/biases),"
                                + " clip global L2 %.1f, float32, intra-op threads=%d inter-op=1%n",
                        ts.batchSize(), data.seqLen(), tokensPerStep, ts.lr(), ts.beta1(), ts.beta2(), ts.eps(),
                        ts.weightDecay(), ts.gradClip(), ts.intraThreads());
                System.out.printf(Locale.ROOT, "  %d steps after %d warmup: median %.1f ms/step, mean %.1f ms/step,"
                                + " %,.0f tokens/s (median), %,.0f tokens/s (mean); last loss %.3f%n",
                        steps, warmup, median * 1e3, total / steps * 1e3, tokensPerStep / median,
                        tokensPerStep * steps / total, loss);
                // With one intra-op thread libtorch computes on the calling thread, so its CPU time is the compute
                // time: a figure that a busy shared machine does not distort (wall-clock figures are).
                System.out.printf(Locale.ROOT, "  training thread CPU time: %.1f ms/step, %,.0f tokens per CPU-second%n",
                        cpuSeconds / steps * 1e3, tokensPerStep * steps / cpuSeconds);
            }
        }
    }

    /** 9-digit + 9-digit reversed additions ("A+B=C" + EOS, 30–31 tokens) padded to {@code seqLen}. */
    static TrainBatches syntheticAddition(int rows, int seqLen, long seed) {
        Random r = new Random(seed);
        List<int[]> encoded = new ArrayList<>(rows);
        List<Integer> promptLengths = new ArrayList<>(rows);
        for (int i = 0; i < rows; i++) {
            long a = 100_000_000L + (long) (r.nextDouble() * 899_999_999L);
            long b = 100_000_000L + (long) (r.nextDouble() * 899_999_999L);
            String prompt = rev(a) + "+" + rev(b) + "=";
            encoded.add(Vocabulary.PAD_TOKENIZER.encodeExample(prompt, rev(a + b)));
            promptLengths.add(prompt.length());
        }
        TrainBatches data = TrainBatches.fromEncoded(encoded, promptLengths, seqLen, 9, 9, seed);
        data.seek(DataPosition.START);
        return data;
    }

    private static String rev(long x) {
        return new StringBuilder(Long.toString(x)).reverse().toString();
    }
}
