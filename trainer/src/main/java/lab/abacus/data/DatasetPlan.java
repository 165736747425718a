package lab.abacus.data;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import lab.abacus.task.BitwiseOrGenerator;
import lab.abacus.task.TaskKind;

/**
 * Which cells each split has, how many rows each cell gets, and which logical shard generates what. Pure function of
 * {@link DataSettings}; the Spark job only distributes shards.
 *
 * <p>Train (bucket method, with replacement): global row r belongs to cell {@code r mod C} (cells in row-major order,
 * as the reference loops over length pairs), so every cell gets rows/C rows, the first rows mod C cells one more.
 * Logical shard s generates the contiguous row range [rows·s/S, rows·(s+1)/S) from its own random stream.
 * Train for bitwise OR (without replacement) and every eval split: whole cells, each from its own random stream;
 * train OR cell c belongs to shard c mod S, eval cells are cut into contiguous blocks of about equal row count.
 */
public final class DatasetPlan implements Serializable {

    private final DataSettings settings;
    private final int[] trainA;
    private final int[] trainB;
    private final long[] trainQuota;
    private final int[] evalA;
    private final int[] evalB;
    private final int[] evalQuota;
    private final int[] evalShardOfCell;
    private final int[][] trainIndex;

    public DatasetPlan(DataSettings s) {
        this.settings = s;
        TaskKind task = s.task();
        List<int[]> train = new ArrayList<>();
        for (int a = 1; a <= s.trainLenA(); a++) {
            for (int b = 1; b <= s.trainLenB(); b++) {
                if (task.supports(a, b)) {
                    train.add(new int[] {a, b});
                }
            }
        }
        int c = train.size();
        trainA = new int[c];
        trainB = new int[c];
        trainQuota = new long[c];
        trainIndex = new int[s.trainLenA() + 1][s.trainLenB() + 1];
        for (int[] row : trainIndex) {
            java.util.Arrays.fill(row, -1);
        }
        for (int i = 0; i < c; i++) {
            trainA[i] = train.get(i)[0];
            trainB[i] = train.get(i)[1];
            trainIndex[trainA[i]][trainB[i]] = i;
            long q = s.trainRows() / c + (i < s.trainRows() % c ? 1 : 0);
            trainQuota[i] =
                    task.sampledWithReplacement() ? q : Math.min(q, BitwiseOrGenerator.cellSize(trainA[i], trainB[i]));
        }

        List<int[]> eval = new ArrayList<>();
        if (s.evalLenATo() > 0 && s.evalLenBTo() > 0) {
            for (int a = s.evalLenAFrom(); a <= s.evalLenATo(); a++) {
                for (int b = s.evalLenBFrom(); b <= s.evalLenBTo(); b++) {
                    if (task.supports(a, b)) {
                        eval.add(new int[] {a, b});
                    }
                }
            }
        }
        if (s.hasDiagonal()) {
            for (int l = s.diagonalFrom(); l <= s.diagonalTo(); l++) {
                boolean inGrid =
                        l >= s.evalLenAFrom() && l <= s.evalLenATo() && l >= s.evalLenBFrom() && l <= s.evalLenBTo();
                if (!inGrid) {
                    eval.add(new int[] {l, l});
                }
            }
        }
        int e = eval.size();
        evalA = new int[e];
        evalB = new int[e];
        evalQuota = new int[e];
        long total = 0;
        for (int i = 0; i < e; i++) {
            evalA[i] = eval.get(i)[0];
            evalB[i] = eval.get(i)[1];
            evalQuota[i] = task.sampledWithReplacement()
                    ? s.evalSamples()
                    : Math.min(s.evalSamples(), BitwiseOrGenerator.cellSize(evalA[i], evalB[i]));
            total += evalQuota[i];
        }
        evalShardOfCell = new int[e];
        long before = 0;
        int shards = evalShards();
        for (int i = 0; i < e; i++) {
            evalShardOfCell[i] = total == 0 ? 0 : (int) Math.min(shards - 1, before * shards / total);
            before += evalQuota[i];
        }
    }

    public DataSettings settings() {
        return settings;
    }

    public TaskKind task() {
        return settings.task();
    }

    public int trainCells() {
        return trainA.length;
    }

    public int trainLenA(int cell) {
        return trainA[cell];
    }

    public int trainLenB(int cell) {
        return trainB[cell];
    }

    /** Planned rows of a train cell (bitwise OR: an upper bound, eval exclusions may remove some). */
    public long trainQuota(int cell) {
        return trainQuota[cell];
    }

    /** Index of train cell (a, b), or -1. */
    public int trainCellIndex(int a, int b) {
        return a >= 1 && a < trainIndex.length && b >= 1 && b < trainIndex[0].length ? trainIndex[a][b] : -1;
    }

    public int trainShards() {
        return settings.shards();
    }

    /** First global train row of logical shard s (with-replacement tasks); rowRangeStart(S) = rows. */
    public long rowRangeStart(int shard) {
        return settings.trainRows() * shard / settings.shards();
    }

    public int evalCells() {
        return evalA.length;
    }

    public int evalLenA(int cell) {
        return evalA[cell];
    }

    public int evalLenB(int cell) {
        return evalB[cell];
    }

    public int evalQuota(int cell) {
        return evalQuota[cell];
    }

    /** Eval files: never more than there are cells. */
    public int evalShards() {
        return Math.max(1, Math.min(settings.evalShards(), Math.max(1, evalA.length)));
    }

    public int evalShardOf(int cell) {
        return evalShardOfCell[cell];
    }

    public long plannedEvalRows() {
        long t = 0;
        for (int q : evalQuota) {
            t += q;
        }
        return t;
    }
}
