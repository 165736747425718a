package lab.abacus.grid;

import ai.djl.engine.Engine;
import lab.abacus.decode.GreedyDecoder;
import lab.abacus.model.ModelSettings;
import lab.abacus.task.Vocabulary;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

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
 * Run from the repository root:
 * <pre>
 *   bin/abacus bench grid packing [--partitions 20] [--samples 100]
 *   bin/abacus bench grid decode [--cells 20x20,20x19,19x20] [--samples 100] [--threads 1] [--repeats 1] \
 *        [model.key=value ...]
 * </pre>
 */
public final class GridBenchmark {

    /** Reference band edges of max(i, j) for its 10 "big_eval" steps (abacus-reference §6.1). */
    static final int[] REFERENCE_BANDS = {46, 58, 67, 74, 80, 85, 90, 94, 97, 100};

    private GridBenchmark() {
    }

    public static void main(String[] args) {
        if (args.length == 0) {
            throw new IllegalArgumentException("usage: GridBenchmark packing|decode [options]");
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        switch (args[0]) {
            case "packing" -> packing(rest);
            case "decode" -> decode(rest);
            default -> throw new IllegalArgumentException("unknown benchmark " + args[0] + " (packing|decode)");
        }
    }

    static void packing(String[] args) {
        int partitions = CellPacker.DEFAULT_PARTITIONS;
        int samples = 100;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--partitions" -> partitions = Integer.parseInt(args[++i]);
                case "--samples" -> samples = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        DecodeCost cost = DecodeCost.standard();
        CellPacker packer = new CellPacker(cost);
        List<GridSpec> grids = List.of(GridSpec.rectangle("addition", 100, 100),
                new GridSpec("addition", 1, 100, 1, 100, 101, 160), GridSpec.rectangle("multiplication", 25, 25),
                GridSpec.rectangle("sorting", 30, 30), GridSpec.rectangle("bitwise-or", 40, 40));
        System.out.printf(Locale.ROOT, "cost model: G x (n x S + %.0f) per cell, n = %d samples, %d partitions%n",
                cost.stepOverhead(), samples, partitions);
        for (GridSpec g : grids) {
            long t0 = System.nanoTime();
            List<CellPacker.Bin> bins = packer.pack(g.cells(), samples, partitions);
            double ms = (System.nanoTime() - t0) / 1e6;
            System.out.printf(Locale.ROOT, "%-15s %-26s %5d cells -> %2d partitions: predicted max/mean cost %.4f"
                            + "  (packing took %.1f ms)%n", g.task(), describe(g), g.cells().size(), bins.size(),
                    CellPacker.imbalance(bins), ms);
        }
        // The reference's split: band of max(i,j) x parity of i+j, 20 jobs.
        double[] load = new double[20];
        for (GridCell c : GridSpec.rectangle("addition", 100, 100).cells()) {
            int m = Math.max(c.lenA(), c.lenB());
            int band = 0;
            while (m > REFERENCE_BANDS[band]) {
                band++;
            }
            load[band * 2 + (c.lenA() + c.lenB()) % 2] += cost.of(c, samples);
        }
        double max = Arrays.stream(load).max().orElse(0);
        double mean = Arrays.stream(load).average().orElse(1);
        System.out.printf(Locale.ROOT, "reference split (10 bands x parity) of addition 100x100 under the same cost "
                + "model: max/mean %.4f%n", max / mean);
    }

    private static String describe(GridSpec g) {
        return g.aMin() + ".." + g.aMax() + " x " + g.bMin() + ".." + g.bMax()
                + (g.hasDiagonal() ? " + " + g.diagMin() + ".." + g.diagMax() : "");
    }

    static void decode(String[] args) {
        List<String> overrides = new ArrayList<>(List.of("hidden=128", "intermediate=256", "heads=4", "layers=4",
                "architecture=standard", "embedding=abacus"));
        String cells = "20x20,20x19,19x20";
        int samples = 100;
        int threads = 1;
        int repeats = 1;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--cells" -> cells = args[++i];
                case "--samples" -> samples = Integer.parseInt(args[++i]);
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--repeats" -> repeats = Integer.parseInt(args[++i]);
                default -> {
                    if (!args[i].startsWith("model.")) {
                        throw new IllegalArgumentException("unknown argument " + args[i]);
                    }
                    overrides.add(args[i].substring("model.".length()));
                }
            }
        }
        Vocabulary vocab = Vocabulary.PAD_TOKENIZER;
        List<CellProblems> problems = new ArrayList<>();
        Random rng = new Random(7);
        for (String c : cells.split(",")) {
            String[] ab = c.split("x");
            problems.add(additionCell(Integer.parseInt(ab[0]), Integer.parseInt(ab[1]), samples, rng));
        }
        int total = problems.stream().mapToInt(p -> p.problems().size()).sum();
        ModelSettings ms = ModelSettings.parse(overrides.toArray(String[]::new));
        System.out.printf(Locale.ROOT, "model: %s (random weights, seed 0)%n", ms.describe());
        System.out.printf(Locale.ROOT, "cells: %s, %d problems each, %d in all; threads=%d repeats=%d%n", cells,
                samples, total, threads, repeats);
        PartitionEvaluator pe = new PartitionEvaluator("bench", vocab, new InDistribution(20, 20), samples, 1000);
        double[] rate = new double[2];
        List<List<EvalCellRow>> rows = new ArrayList<>();
        GreedyDecoder.Method[] methods = {GreedyDecoder.Method.KV_CACHE, GreedyDecoder.Method.RECOMPUTE};
        for (int m = 0; m < 2; m++) {
            GreedyDecoder.Method method = methods[m];
            CellDecoder.Loader loader = () -> {
                Engine.getInstance().setRandomSeed(0);
                return CheckpointLoader.open(ms, vocab, model -> { }, method, 1);
            };
            CheckpointLoader.setThreads(threads);
            List<EvalCellRow> out = pe.run(problems.subList(0, 1), loader, r -> { }, r -> { }); // warm-up
            long t0 = System.nanoTime();
            for (int r = 0; r < repeats; r++) {
                out = pe.run(problems, loader, x -> { }, x -> { });
            }
            double s = (System.nanoTime() - t0) / 1e9;
            rate[m] = (double) total * repeats / s;
            rows.add(out);
            System.out.printf(Locale.ROOT, "%-9s %8.1f problems/s  (%.2f s)%n", method, rate[m], s);
        }
        boolean same = true;
        for (int i = 0; i < rows.get(0).size(); i++) {
            same &= rows.get(0).get(i).correct() == rows.get(1).get(i).correct();
        }
        System.out.printf(Locale.ROOT, "kv-cache / recompute speedup: %.2fx; per-cell scores identical: %b%n",
                rate[0] / rate[1], same);
    }

    /** Reversed-digit addition problems with exact operand lengths (answers computed digit by digit). */
    static CellProblems additionCell(int a, int b, int n, Random rng) {
        List<CellProblems.Problem> ps = new ArrayList<>(n);
        for (int s = 0; s < n; s++) {
            int[] x = digits(a, rng);
            int[] y = digits(b, rng);
            StringBuilder sum = new StringBuilder();
            int carry = 0;
            for (int i = 0; i < Math.max(a, b); i++) {
                int d = (i < a ? x[i] : 0) + (i < b ? y[i] : 0) + carry;
                sum.append((char) ('0' + d % 10));
                carry = d / 10;
            }
            if (carry > 0) {
                sum.append('1');
            }
            ps.add(new CellProblems.Problem(s, text(x) + "+" + text(y) + "=", sum.toString()));
        }
        return new CellProblems(new GridCell("addition", a, b), ps);
    }

    /** Least-significant digit first; the last (most significant) digit is never 0. */
    private static int[] digits(int n, Random rng) {
        int[] d = new int[n];
        for (int i = 0; i < n - 1; i++) {
            d[i] = rng.nextInt(10);
        }
        d[n - 1] = 1 + rng.nextInt(9);
        return d;
    }

    private static String text(int[] d) {
        StringBuilder sb = new StringBuilder(d.length);
        for (int v : d) {
            sb.append((char) ('0' + v));
        }
        return sb.toString();
    }
}
