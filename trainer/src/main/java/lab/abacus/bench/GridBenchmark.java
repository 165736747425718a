package lab.abacus.bench;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import lab.abacus.config.ConfigOverrides;
import lab.abacus.decode.GreedyDecoder;
import lab.abacus.grid.CellPacker;
import lab.abacus.grid.CellProblems;
import lab.abacus.grid.DecodeCost;
import lab.abacus.grid.EvalCellRow;
import lab.abacus.grid.GridCell;
import lab.abacus.grid.GridSpec;
import lab.abacus.grid.InDistribution;
import lab.abacus.grid.PartitionEvaluator;
import lab.abacus.model.EvalVariant;
import lab.abacus.task.Vocabulary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Grid benchmarks that need no Spark (commands printing figures, not tests):
 * <ul>
 *   <li>{@code packing}: predicted max/mean partition cost of the paper's grids packed by {@link CellPacker}, next to
 *       the reference's hand split of the 100×100 addition grid (10 max(i,j) bands × checkerboard parity) under the
 *       same cost model;</li>
 *   <li>{@code decode}: grid problems/s through the per-partition evaluator with the KV-cache decoder vs the
 *       full-prefix recompute (the reference's method), same random-weight model, same cells (default: the
 *       20-digit cells 20×20, 20×19, 19×20, 100 problems each), and whether both scored identically.</li>
 * </ul>
 * <pre>
 *   bin/abacus bench grid packing [--partitions 20] [--samples 100]
 *   bin/abacus bench grid decode [--cells 20x20,20x19,19x20] [--samples 100] [--threads 1] [--repeats 1] \
 *        [--set model.key=value ...]
 * </pre>
 */
@Command(
        name = "grid",
        mixinStandardHelpOptions = true,
        description = "Grid benchmarks without Spark.",
        subcommands = {GridBenchmark.Packing.class, GridBenchmark.Decode.class})
public final class GridBenchmark implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Bench.require(spec, false, "which grid benchmark: packing or decode");
        return 2;
    }

    @Command(
            name = "packing",
            mixinStandardHelpOptions = true,
            description = "Predicted partition balance of the paper's grids, and of the reference's hand split.")
    static final class Packing implements Callable<Integer> {

        /** Reference band edges of max(i, j) for its 10 "big_eval" steps (abacus-reference §6.1). */
        static final int[] REFERENCE_BANDS = {46, 58, 67, 74, 80, 85, 90, 94, 97, 100};

        @Spec
        CommandSpec spec;

        @Option(names = "--partitions", description = "Partitions (default ${DEFAULT-VALUE}).")
        int partitions = CellPacker.DEFAULT_PARTITIONS;

        @Option(names = "--samples", description = "Problems per cell (default ${DEFAULT-VALUE}).")
        int samples = 100;

        @Override
        public Integer call() {
            Bench.require(spec, partitions >= 1 && samples >= 1, "--partitions and --samples must be >= 1");
            PrintWriter out = spec.commandLine().getOut();
            DecodeCost cost = DecodeCost.standard();
            CellPacker packer = new CellPacker(cost);
            List<GridSpec> grids = List.of(
                    GridSpec.rectangle("addition", 100, 100),
                    new GridSpec("addition", 1, 100, 1, 100, 101, 160),
                    GridSpec.rectangle("multiplication", 25, 25),
                    GridSpec.rectangle("sorting", 30, 30),
                    GridSpec.rectangle("bitwise-or", 40, 40));
            out.printf(
                    Locale.ROOT,
                    "cost model: G x (n x S + %.0f) per cell, n = %d samples, %d partitions%n",
                    cost.stepOverhead(),
                    samples,
                    partitions);
            for (GridSpec g : grids) {
                long t0 = System.nanoTime();
                List<CellPacker.Bin> bins = packer.pack(g.cells(), samples, partitions);
                double ms = (System.nanoTime() - t0) / 1e6;
                out.printf(
                        Locale.ROOT,
                        "%-15s %-26s %5d cells -> %2d partitions: predicted max/mean cost %.4f"
                                + "  (packing took %.1f ms)%n",
                        g.task(),
                        describe(g),
                        g.cells().size(),
                        bins.size(),
                        CellPacker.imbalance(bins),
                        ms);
            }
            out.printf(
                    Locale.ROOT,
                    "reference split (10 bands x parity) of addition 100x100 under the same cost "
                            + "model: max/mean %.4f%n",
                    referenceSplit(cost, samples));
            out.flush();
            return 0;
        }

        /** The reference's split: band of max(i,j) x parity of i+j, 20 jobs; its max/mean predicted cost. */
        static double referenceSplit(DecodeCost cost, int samples) {
            double[] load = new double[20];
            for (GridCell c : GridSpec.rectangle("addition", 100, 100).cells()) {
                int m = Math.max(c.lenA(), c.lenB());
                int band = 0;
                while (m > REFERENCE_BANDS[band]) {
                    band++;
                }
                load[band * 2 + (c.lenA() + c.lenB()) % 2] += cost.of(c, samples);
            }
            return Arrays.stream(load).max().orElse(0)
                    / Arrays.stream(load).average().orElse(1);
        }

        private static String describe(GridSpec g) {
            return g.aMin() + ".." + g.aMax() + " x " + g.bMin() + ".." + g.bMax()
                    + (g.hasDiagonal() ? " + " + g.diagMin() + ".." + g.diagMax() : "");
        }
    }

    @Command(
            name = "decode",
            mixinStandardHelpOptions = true,
            description = "Grid problems/s through the partition evaluator, KV cache vs recompute.")
    static final class Decode implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(
                names = "--cells",
                split = ",",
                paramLabel = "AxB[,AxB...]",
                description = "Cells (default ${DEFAULT-VALUE}).")
        List<String> cells = List.of("20x20", "20x19", "19x20");

        @Option(names = "--samples", description = "Problems per cell (default ${DEFAULT-VALUE}).")
        int samples = 100;

        @Option(names = "--threads", description = "libtorch intra-op threads (default ${DEFAULT-VALUE}).")
        int threads = 1;

        @Option(names = "--repeats", description = "Timed repetitions (default ${DEFAULT-VALUE}).")
        int repeats = 1;

        @Mixin
        ConfigOverrides model;

        @Override
        public Integer call() {
            Bench.require(
                    spec,
                    samples >= 1 && threads >= 1 && repeats >= 1,
                    "--samples, --threads and --repeats must be >= 1");
            List<CellProblems> problems = new ArrayList<>();
            for (String c : cells) {
                int[] ab = Bench.cell(spec, c);
                problems.add(SyntheticAddition.cell(ab[0], ab[1], samples, 7 + problems.size()));
            }
            PrintWriter out = spec.commandLine().getOut();
            int total = problems.stream().mapToInt(p -> p.problems().size()).sum();
            out.printf(
                    Locale.ROOT,
                    "model: %s (random weights, seed 0)%n",
                    RandomModelLoader.settings(DecodeBenchmark.SMALL_MODEL, model.values())
                            .describe());
            out.printf(
                    Locale.ROOT,
                    "cells: %s, %d problems each, %d in all; threads=%d repeats=%d%n",
                    String.join(",", cells),
                    samples,
                    total,
                    threads,
                    repeats);
            PartitionEvaluator pe = new PartitionEvaluator(
                    "bench",
                    EvalVariant.asTrained(RandomModelLoader.settings(DecodeBenchmark.SMALL_MODEL, model.values())),
                    Vocabulary.PAD_TOKENIZER,
                    new InDistribution(20, 20),
                    samples,
                    1000);
            Timed kv = time(out, pe, problems, GreedyDecoder.Method.KV_CACHE, total);
            Timed re = time(out, pe, problems, GreedyDecoder.Method.RECOMPUTE, total);
            boolean same = kv.rows().stream()
                    .map(EvalCellRow::correct)
                    .toList()
                    .equals(re.rows().stream().map(EvalCellRow::correct).toList());
            out.printf(
                    Locale.ROOT,
                    "kv-cache / recompute speedup: %.2fx; per-cell scores identical: %b%n",
                    kv.problemsPerSecond() / re.problemsPerSecond(),
                    same);
            out.flush();
            return 0;
        }

        /** One method's scored cells and its problems/s. */
        private record Timed(List<EvalCellRow> rows, double problemsPerSecond) {}

        private Timed time(
                PrintWriter out,
                PartitionEvaluator pe,
                List<CellProblems> problems,
                GreedyDecoder.Method method,
                int total) {
            RandomModelLoader loader =
                    RandomModelLoader.of(DecodeBenchmark.SMALL_MODEL, model.values(), method, threads);
            List<EvalCellRow> rows = pe.run(problems.subList(0, 1), loader, r -> {}, r -> {}); // warm-up
            long t0 = System.nanoTime();
            for (int r = 0; r < repeats; r++) {
                rows = pe.run(problems, loader, x -> {}, x -> {});
            }
            double s = (System.nanoTime() - t0) / 1e9;
            double rate = (double) total * repeats / s;
            out.printf(Locale.ROOT, "%-9s %8.1f problems/s  (%.2f s)%n", method, rate, s);
            return new Timed(rows, rate);
        }
    }
}
