package lab.abacus.bench;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import com.typesafe.config.Config;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import lab.abacus.config.AbacusConfig;
import lab.abacus.data.DataPosition;
import lab.abacus.data.TrainBatch;
import lab.abacus.data.TrainBatches;
import lab.abacus.model.ForwardPass;
import lab.abacus.model.LanguageModel;
import lab.abacus.model.LibTorch;
import lab.abacus.model.ModelSettings;
import lab.abacus.task.Problem;
import lab.abacus.task.Vocabulary;
import lab.abacus.train.AdamW;
import lab.abacus.train.TrainSettings;
import lab.abacus.train.TrainingStep;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Training throughput (a command that prints figures, not a test): tokens/s of full optimizer steps — forward,
 * answer-token cross-entropy, backward, global-norm clipping, AdamW — for hidden 64 / 2 layers and hidden 128 / 4
 * layers, batch 128, sequence 32 (9-digit + 9-digit reversed addition, answer + EOS, padded to 32). It prints each
 * model's exact configuration so an external PyTorch implementation can be matched to it.
 *
 * <pre>
 *   bin/abacus bench train [--threads 1] [--steps 30] [--warmup 5] [--device cpu|gpu]
 * </pre>
 * Tokens counted per step: batch × sequence length (padding included). Wall-clock figures depend on what else runs
 * on the machine; on the CPU with one thread it also prints tokens per CPU-second of the training thread, which
 * does not.
 */
@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        description = "Training tokens/s of full optimizer steps, two small models (batch 128 x seq 32).")
public final class TrainBenchmark implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--threads", description = "libtorch intra-op threads (default ${DEFAULT-VALUE}).")
    int threads = 1;

    @Option(names = "--steps", description = "Timed optimizer steps per model (default ${DEFAULT-VALUE}).")
    int steps = 30;

    @Option(names = "--warmup", description = "Untimed steps first (default ${DEFAULT-VALUE}).")
    int warmup = 5;

    @Option(names = "--device", description = "cpu or gpu (GPU 0; needs a CUDA libtorch; default ${DEFAULT-VALUE}).")
    String device = "cpu";

    @Override
    public Integer call() {
        Bench.require(
                spec, threads >= 1 && steps >= 1 && warmup >= 0, "--threads and --steps must be >= 1, --warmup >= 0");
        PrintWriter out = spec.commandLine().getOut();
        List<String> base = List.of(
                "train.batch-size=128",
                "train.budget.steps=1000000",
                "train.lr=1e-4",
                "train.threads.intra=" + threads,
                "train.threads.inter=1",
                "train.device=" + device);
        Device dev = Bench.device(spec, device);
        LibTorch.threads(threads, 1);
        run(out, dev, base, "model.hidden=64", "model.intermediate=128", "model.heads=4", "model.layers=2");
        run(out, dev, base, "model.hidden=128", "model.intermediate=256", "model.heads=4", "model.layers=4");
        out.flush();
        return 0;
    }

    private void run(PrintWriter out, Device dev, List<String> base, String... model) {
        List<String> overrides = new ArrayList<>(base);
        overrides.addAll(Arrays.asList(model));
        Config config = AbacusConfig.load(null, overrides);
        TrainSettings ts = TrainSettings.from(config);
        ModelSettings ms = ModelSettings.from(config);
        TrainBatches data = syntheticAddition(4096, 32, 7);
        Vocabulary vocab = Vocabulary.PAD_TOKENIZER;
        try (NDManager root = NDManager.newBaseManager(dev)) {
            Engine.getInstance().setRandomSeed(1);
            try (LanguageModel lm = LanguageModel.create(ms, vocab.size(), root);
                    AdamW opt = new AdamW(
                            lm.parameters(),
                            LanguageModel::decays,
                            ts.beta1(),
                            ts.beta2(),
                            ts.eps(),
                            ts.weightDecay(),
                            root)) {
                TrainingStep step = new TrainingStep(ts, ms, lm, opt, root);
                Timing t = time(step, ms, data, ts);
                print(out, ts, ms, lm, data, t);
            }
        }
    }

    /** Seconds of each timed step, the training thread's CPU time over them, and the last loss. */
    private record Timing(double[] seconds, double cpuSeconds, double lastLoss) {}

    private Timing time(TrainingStep step, ModelSettings ms, TrainBatches data, TrainSettings ts) {
        Random rng = new Random(3);
        double[] seconds = new double[steps];
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        long cpuStart = 0;
        double loss = 0;
        for (int s = -warmup; s < steps; s++) {
            if (s == 0) {
                cpuStart = cpu.getCurrentThreadCpuTime();
            }
            long t0 = System.nanoTime();
            TrainBatch b = data.next(ts.batchSize());
            int k = ms.embedding().abacus() ? ForwardPass.drawAbacusOffset(rng, ms.abacusMaxK()) : 0;
            loss = step.microbatch(
                    b, ForwardPass.drawProgressive(rng, k, ms.recurrence(), ms.maxBackpropOrDefault()), 1);
            step.update(ts.lr(), step.gradientNorm());
            if (s >= 0) {
                seconds[s] = (System.nanoTime() - t0) / 1e9;
            }
        }
        return new Timing(seconds, (cpu.getCurrentThreadCpuTime() - cpuStart) / 1e9, loss);
    }

    private void print(
            PrintWriter out, TrainSettings ts, ModelSettings ms, LanguageModel lm, TrainBatches data, Timing t) {
        double[] sorted = t.seconds().clone();
        Arrays.sort(sorted);
        double median = sorted[steps / 2];
        double total = Arrays.stream(t.seconds()).sum();
        long tokensPerStep = (long) ts.batchSize() * data.seqLen();
        out.printf(Locale.ROOT, "%nmodel: %s%n", ms.describe());
        out.printf(
                Locale.ROOT,
                "  vocab=%d parameters=%,d norm-eps=1e-12 bias-free linears, GLU value*gelu(gate)"
                        + " (exact erf), post-norm, abacus offset k~U{0..%d} per batch%n",
                Vocabulary.PAD_TOKENIZER.size(),
                lm.parameterCount(),
                ms.abacusMaxK());
        out.printf(
                Locale.ROOT,
                "  train: batch=%d seq=%d (tokens/step=%d) loss=mean CE over answer+EOS tokens,"
                        + " AdamW(lr=%s, betas=(%s, %s), eps=%s, wd=%s, no decay on norms/biases),"
                        + " clip global L2 %.1f, float32, device=%s, intra-op threads=%d inter-op=1%n",
                ts.batchSize(),
                data.seqLen(),
                tokensPerStep,
                ts.lr(),
                ts.beta1(),
                ts.beta2(),
                ts.eps(),
                ts.weightDecay(),
                ts.gradClip(),
                device,
                ts.intraThreads());
        out.printf(
                Locale.ROOT,
                "  %d steps after %d warmup: median %.1f ms/step, mean %.1f ms/step,"
                        + " %,.0f tokens/s (median), %,.0f tokens/s (mean); last loss %.3f%n",
                steps,
                warmup,
                median * 1e3,
                total / steps * 1e3,
                tokensPerStep / median,
                tokensPerStep * steps / total,
                t.lastLoss());
        // With one intra-op thread libtorch computes on the calling thread, so its CPU time is the compute time: a
        // figure that a busy shared machine does not distort (wall-clock figures are).
        out.printf(
                Locale.ROOT,
                "  training thread CPU time: %.1f ms/step, %,.0f tokens per CPU-second%n",
                t.cpuSeconds() / steps * 1e3,
                tokensPerStep * steps / t.cpuSeconds());
    }

    /** 9-digit + 9-digit reversed additions ("A+B=C" + EOS, 30-31 tokens) padded to {@code seqLen}. */
    static TrainBatches syntheticAddition(int rows, int seqLen, long seed) {
        List<int[]> encoded = new ArrayList<>(rows);
        List<Integer> promptLengths = new ArrayList<>(rows);
        for (Problem p : SyntheticAddition.problems(9, 9, rows, seed)) {
            encoded.add(Vocabulary.PAD_TOKENIZER.encodeExample(p.prompt(), p.answer()));
            promptLengths.add(p.promptLength());
        }
        TrainBatches data = TrainBatches.fromEncoded(encoded, promptLengths, seqLen, 9, 9, seed);
        data.seek(DataPosition.START);
        return data;
    }
}
