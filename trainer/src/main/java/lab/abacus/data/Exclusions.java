package lab.abacus.data;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import lab.abacus.task.Problem;
import lab.abacus.task.ProblemGenerator;
import lab.abacus.task.TaskKind;

/**
 * Train/eval deduplication (the reference does none; we do where a cell's space allows it).
 *
 * <p>Rule: for each training cell, collect the prompt hashes of every eval problem that cell could draw (same
 * lengths; for sorting, same array length and a longest number of at most the cell's max digits). If dedup is on and
 * those are at most half of the cell's problem space, training rejects and redraws them (code {@link #EXCLUDED});
 * otherwise the cell is left as the reference has it (code {@link #MAY_OVERLAP}, e.g. 1-digit addition, 81 problems).
 * A cell no eval problem can fall into gets {@link #DISJOINT}. An eval cell is EXCLUDED when every training cell that
 * could draw one of its problems excludes them, DISJOINT when none can, MAY_OVERLAP otherwise.
 * Identity is a 64-bit prompt hash: a collision can only reject an extra training draw, never admit an eval problem.
 */
public final class Exclusions implements Serializable {

    public static final int DISJOINT = 2;
    public static final int EXCLUDED = 1;
    public static final int MAY_OVERLAP = 0;

    private final long[][] trainHashes;
    private final byte[] trainCode;
    private final byte[] evalCode;

    private Exclusions(long[][] trainHashes, byte[] trainCode, byte[] evalCode) {
        this.trainHashes = trainHashes;
        this.trainCode = trainCode;
        this.evalCode = evalCode;
    }

    /** Regenerate (cheaply, per cell) the eval problems that training cells could draw, and apply the rule. */
    public static Exclusions build(DatasetPlan plan) {
        DataSettings s = plan.settings();
        int tc = plan.trainCells();
        int ec = plan.evalCells();
        List<long[]> perTrain = new ArrayList<>(tc);
        int[] sizes = new int[tc];
        for (int i = 0; i < tc; i++) {
            perTrain.add(new long[16]);
        }
        BitSet[] producers = new BitSet[ec];
        ProblemGenerator gen = plan.task().newGenerator(s.labelSet());
        Problem p = new Problem();
        for (int e = 0; e < ec; e++) {
            int ea = plan.evalLenA(e);
            int eb = plan.evalLenB(e);
            if (!couldOverlap(plan, ea, eb)) {
                continue;
            }
            BitSet prod = new BitSet();
            producers[e] = prod;
            ShardGenerator.forEachEvalProblem(plan, e, gen, p, (problem, sample) -> {
                long h = problem.promptHash();
                for (int t : producingCells(plan, problem)) {
                    prod.set(t);
                    long[] arr = perTrain.get(t);
                    if (sizes[t] == arr.length) {
                        arr = Arrays.copyOf(arr, arr.length * 2);
                        perTrain.set(t, arr);
                    }
                    arr[sizes[t]++] = h;
                }
            });
        }
        long[][] hashes = new long[tc][];
        byte[] tcode = new byte[tc];
        for (int t = 0; t < tc; t++) {
            if (sizes[t] == 0) {
                tcode[t] = DISJOINT;
                continue;
            }
            long[] distinct = Arrays.stream(Arrays.copyOf(perTrain.get(t), sizes[t]))
                    .sorted()
                    .distinct()
                    .toArray();
            double space = gen.spaceSize(plan.trainLenA(t), plan.trainLenB(t));
            if (s.dedup() && 2.0 * distinct.length <= space) {
                tcode[t] = EXCLUDED;
                hashes[t] = distinct;
            } else {
                tcode[t] = MAY_OVERLAP;
            }
        }
        byte[] ecode = new byte[ec];
        for (int e = 0; e < ec; e++) {
            BitSet prod = producers[e];
            if (prod == null || prod.isEmpty()) {
                ecode[e] = DISJOINT;
            } else {
                boolean all = prod.stream().allMatch(t -> tcode[t] == EXCLUDED);
                ecode[e] = (byte) (all ? EXCLUDED : MAY_OVERLAP);
            }
        }
        return new Exclusions(hashes, tcode, ecode);
    }

    /** Sorted prompt hashes a train cell must not produce, or null. */
    public long[] excludedHashes(int trainCell) {
        return trainHashes[trainCell];
    }

    public int trainCode(int trainCell) {
        return trainCode[trainCell];
    }

    public int evalCode(int evalCell) {
        return evalCode[evalCell];
    }

    /** Human-readable meaning of a code (for the manifest legend and summaries). */
    public static String describe(int code) {
        return switch (code) {
            case DISJOINT -> "disjoint: no training cell can draw these lengths";
            case EXCLUDED -> "excluded: training redraws any eval problem of the cell";
            default -> "may overlap: cell space too small to exclude eval problems (or dedup off)";
        };
    }

    private static boolean couldOverlap(DatasetPlan plan, int ea, int eb) {
        if (plan.task() == TaskKind.SORTING) {
            return eb <= plan.settings().trainLenB() && plan.trainCellIndex(1, eb) >= 0;
        }
        return plan.trainCellIndex(ea, eb) >= 0;
    }

    /** The training cells that could draw {@code p} ({@link TaskKind#producibleIn}); sorting: several max-digit cells. */
    private static int[] producingCells(DatasetPlan plan, Problem p) {
        TaskKind task = plan.task();
        int fromA = task == TaskKind.SORTING ? 1 : p.lenA();
        int toA = task == TaskKind.SORTING ? plan.settings().trainLenA() : p.lenA();
        List<Integer> cells = new ArrayList<>();
        for (int a = fromA; a <= toA; a++) {
            int t = plan.trainCellIndex(a, p.lenB());
            if (t >= 0 && task.producibleIn(p, a, p.lenB())) {
                cells.add(t);
            }
        }
        return cells.stream().mapToInt(Integer::intValue).toArray();
    }
}
