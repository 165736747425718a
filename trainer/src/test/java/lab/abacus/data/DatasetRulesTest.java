package lab.abacus.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import lab.abacus.config.AbacusConfig;
import lab.abacus.config.ConfigError;
import lab.abacus.storage.Storage;
import lab.abacus.storage.StorageRef;
import lab.abacus.task.Problem;
import lab.abacus.task.TaskKind;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dataset rules that DatasetPlanTest does not reach: every range check of {@code abacus.data}, how eval cells
 * are spread over files, the diagonal beyond the grid, dedup codes at their boundaries, bitwise-OR training rows,
 * the layout on storage and the held-out samples.
 */
class DatasetRulesTest {

    @TempDir
    java.nio.file.Path tmp;

    private static DataSettings settings(String hocon) {
        return DataSettings.from(AbacusConfig.fromLayers(ConfigFactory.parseString(hocon)));
    }

    private static void rejected(String hocon, String key, String problem) {
        assertThatThrownBy(() -> settings(hocon))
                .as(hocon)
                .isInstanceOf(ConfigError.class)
                .hasMessageContaining(key)
                .hasMessageContaining(problem);
    }

    @Test
    void everyRangeAndCrossFieldCheckHoldsAtItsBoundary() {
        settings("abacus.data.eval { len-a-from = 5, len-a-to = 5, len-b-from = 6, len-b-to = 6 }");
        settings("abacus.data.eval { len-a-from = 5, len-a-to = 0, len-b-from = 6, len-b-to = 0 }");
        rejected(
                "abacus.data.eval { len-a-from = 5, len-a-to = 4 }", "abacus.data.eval.len-a-to", ">= eval.len-a-from");
        rejected(
                "abacus.data.eval { len-b-from = 5, len-b-to = 4 }", "abacus.data.eval.len-b-to", ">= eval.len-b-from");
        settings("abacus.data.eval { diagonal-from = 120, diagonal-to = 120 }");
        rejected(
                "abacus.data.eval { diagonal-from = 120, diagonal-to = 119 }",
                "abacus.data.eval.diagonal-to",
                ">= eval.diagonal-from");
        rejected("abacus.data.compression = lz4", "abacus.data.compression", "'lz4' is not one of");
        rejected("abacus.data.shards = 0", "abacus.data.shards", "must be in [1, 100000]");
        rejected("abacus.data.train.rows = 0", "abacus.data.train.rows", "must be in [1,");
        rejected("abacus.data.eval.samples = 0", "abacus.data.eval.samples", "must be in [1, 1000000]");
        // sorting: an array needs distinct labels, at most the label set's size (99 collision-free)
        String sorting = "abacus.data { task = sorting, label-set = collision-free, eval.len-a-to = 5, ";
        settings(sorting + "train.len-b = 99, eval.len-b-to = 99 }");
        rejected(sorting + "train.len-b = 100, eval.len-b-to = 99 }", "abacus.data.train.len-b", "at most 99");
        rejected(sorting + "train.len-b = 9, eval.len-b-to = 100 }", "abacus.data.eval.len-b-to", "at most 99");
    }

    @Test
    void theDiagonalBelongsToAdditionAndSubtractionAndCountsOnlyWhereItIsOn() {
        assertThat(settings("abacus.data.eval.diagonal-to = 0").hasDiagonal()).isFalse();
        assertThat(settings("abacus.data { task = subtraction }").hasDiagonal()).isTrue();
        assertThat(settings("abacus.data { task = multiplication }").hasDiagonal())
                .isFalse();
        // where there is no diagonal its bounds do not change the dataset
        String mul = "abacus.data { task = multiplication, eval { diagonal-from = %d } }";
        assertThat(DatasetId.of(settings(mul.formatted(101)))).isEqualTo(DatasetId.of(settings(mul.formatted(130))));
        String add = "abacus.data { eval { diagonal-from = %d } }";
        assertThat(DatasetId.of(settings(add.formatted(101)))).isNotEqualTo(DatasetId.of(settings(add.formatted(130))));
    }

    @Test
    void diagonalCellsInsideTheGridAreNotRepeatedAndAnEmptyGridLeavesOnlyTheDiagonal() {
        DatasetPlan plan = new DatasetPlan(
                settings("abacus.data.eval { len-a-to = 4, len-b-to = 4," + " diagonal-from = 1, diagonal-to = 6 }"));
        assertThat(plan.evalCells()).isEqualTo(16 + 2);
        assertThat(List.of(plan.evalLenA(16), plan.evalLenB(16), plan.evalLenA(17)))
                .containsExactly(5, 5, 6);
        DatasetPlan offset = new DatasetPlan(settings("abacus.data.eval { len-a-from = 2, len-a-to = 4,"
                + " len-b-from = 3, len-b-to = 4, diagonal-from = 2, diagonal-to = 5 }"));
        // (2,2) lies outside b's range 3..4 and (3,3), (4,4) inside the grid: the diagonal adds (2,2) and (5,5)
        assertThat(offset.evalCells()).isEqualTo(6 + 2);
        assertThat(List.of(offset.evalLenA(6), offset.evalLenA(7))).containsExactly(2, 5);
        DatasetPlan diagonalOnly = new DatasetPlan(settings(
                "abacus.data.eval { len-a-to = 0, len-b-to = 4," + " diagonal-from = 101, diagonal-to = 103 }"));
        assertThat(diagonalOnly.evalCells()).isEqualTo(3);
        DatasetPlan noB = new DatasetPlan(settings("abacus.data.eval { len-a-to = 4, len-b-to = 0, diagonal-to = 0 }"));
        assertThat(noB.evalCells()).isZero();
        assertThat(noB.evalShards()).isEqualTo(1);
    }

    @Test
    void evalCellsAreSpreadOverEveryFileInEqualBlocks() {
        // 18 cells x 20 samples = 360 rows in 3 files: 6 whole cells, 120 rows, per file, in cell order
        DatasetPlan plan = new DatasetPlan(settings(DatasetPlanTest.SMALL));
        long[] rows = new long[plan.evalShards()];
        int previous = 0;
        for (int c = 0; c < plan.evalCells(); c++) {
            assertThat(plan.evalShardOf(c)).isBetween(previous, previous + 1);
            previous = plan.evalShardOf(c);
            rows[plan.evalShardOf(c)] += plan.evalQuota(c);
        }
        assertThat(rows).containsExactly(120, 120, 120);
        for (int s = 0; s < plan.evalShards(); s++) {
            assertThat(ShardGenerator.eval(plan, s, (p, i) -> {}).rows).isEqualTo(120);
        }
    }

    @Test
    void cellsATaskDoesNotHaveHaveNoIndex() {
        DatasetPlan plan =
                new DatasetPlan(settings("abacus.data { task = subtraction, train { len-a = 3, len-b = 3 } }"));
        assertThat(plan.trainCellIndex(1, 2)).isEqualTo(-1);
        assertThat(plan.trainCellIndex(2, 1)).isGreaterThanOrEqualTo(0);
        assertThat(plan.trainCellIndex(4, 1)).isEqualTo(-1);
        assertThat(plan.trainCellIndex(0, 1)).isEqualTo(-1);
    }

    @Test
    void aTrainingCellIsExcludedExactlyWhenTheEvalProblemsFillAtMostHalfItsSpace() {
        // bitwise OR 2x2: cell (2,2) has 2 problems and its eval cell 1 of them: 2 x 1 <= 2, excluded;
        // cell (1,1) has 1 problem, all of it in eval: may overlap, and so does its eval cell
        DatasetPlan plan = new DatasetPlan(settings("abacus.data { task = bitwise-or,"
                + " train { len-a = 2, len-b = 2, rows = 100 }, eval { len-a-to = 2, len-b-to = 2, samples = 1 } }"));
        Exclusions ex = Exclusions.build(plan);
        assertThat(ex.trainCode(plan.trainCellIndex(2, 2))).isEqualTo(Exclusions.EXCLUDED);
        assertThat(ex.trainCode(plan.trainCellIndex(1, 1))).isEqualTo(Exclusions.MAY_OVERLAP);
        assertThat(ex.evalCode(3)).isEqualTo(Exclusions.EXCLUDED);
        assertThat(ex.evalCode(0)).isEqualTo(Exclusions.MAY_OVERLAP);
        // the excluded OR problem is skipped by the enumeration, and every other one is a training row
        Set<String> eval = new HashSet<>();
        for (int s = 0; s < plan.evalShards(); s++) {
            ShardGenerator.eval(plan, s, (p, i) -> eval.add(p.prompt()));
        }
        List<String> train = new ArrayList<>();
        long[] counts = new long[plan.trainCells()];
        for (int s = 0; s < plan.trainShards(); s++) {
            ShardGenerator.Stats stats = ShardGenerator.train(plan, ex, s, (p, i) -> train.add(p.prompt()));
            for (int c = 0; c < counts.length; c++) {
                counts[c] += stats.cellCounts[c];
            }
        }
        assertThat(eval).hasSize(4);
        assertThat(train).hasSize((int) java.util.Arrays.stream(counts).sum()).doesNotHaveDuplicates();
        assertThat(train.stream().filter(p -> p.length() == 6)).doesNotContainAnyElementsOf(eval);
        assertThat(counts[plan.trainCellIndex(2, 1)]).isEqualTo(1);
        assertThat(counts[plan.trainCellIndex(2, 2)]).isBetween(1L, 2L);
    }

    @Test
    void anEvalCellIsExcludedOnlyWhenEveryTrainingCellThatCanDrawItExcludes() {
        // 60 of 81 one-digit sums: the training cell (1,1) may overlap, so its eval cell cannot be called clean
        DatasetPlan plan = new DatasetPlan(settings("abacus.data { train { len-a = 2, len-b = 2, rows = 400 },"
                + " eval { len-a-to = 2, len-b-to = 2, samples = 60 } }"));
        Exclusions ex = Exclusions.build(plan);
        assertThat(ex.evalCode(0)).isEqualTo(Exclusions.MAY_OVERLAP);
        assertThat(ex.evalCode(3)).isEqualTo(Exclusions.EXCLUDED);
        DatasetPlan off = new DatasetPlan(settings("abacus.data { train { len-a = 2, len-b = 2, rows = 400 },"
                + " eval { len-a-to = 3, len-b-to = 2, samples = 5 }, dedup = false }"));
        Exclusions none = Exclusions.build(off);
        for (int c = 0; c < off.evalCells(); c++) {
            int expected = off.evalLenA(c) <= 2 ? Exclusions.MAY_OVERLAP : Exclusions.DISJOINT;
            assertThat(none.evalCode(c)).as("eval cell %d", c).isEqualTo(expected);
        }
        assertThat(Exclusions.describe(Exclusions.EXCLUDED)).startsWith("excluded");
        assertThat(Exclusions.describe(Exclusions.DISJOINT)).startsWith("disjoint");
        assertThat(Exclusions.describe(Exclusions.MAY_OVERLAP)).startsWith("may overlap");
    }

    @Test
    void excludingEvalProblemsRedrawsAndCountsTheRedraws() {
        DatasetPlan plan = new DatasetPlan(settings(DatasetPlanTest.SMALL));
        Exclusions ex = Exclusions.build(plan);
        long redraws = 0;
        for (int s = 0; s < plan.trainShards(); s++) {
            redraws += ShardGenerator.train(plan, ex, s, (p, i) -> {}).redraws;
        }
        // 1x1 cell: 20 of its 81 problems are excluded, and it draws ~222 rows: some redraws, far fewer than rows
        assertThat(redraws).isBetween(10L, 200L);
    }

    @Test
    void bitwiseOrEvalCellsEnumerateDistinctProblemsNumberedFromZero() {
        DatasetPlan plan = new DatasetPlan(settings("abacus.data { task = bitwise-or, train { len-a = 2, len-b = 2 },"
                + " eval { len-a-from = 5, len-a-to = 6, len-b-from = 7, len-b-to = 7, samples = 3 } }"));
        List<Integer> samples = new ArrayList<>();
        Set<String> prompts = new HashSet<>();
        ShardGenerator.forEachEvalProblem(plan, 0, TaskKind.BITWISE_OR.newGenerator(null), new Problem(), (p, i) -> {
            samples.add(i);
            prompts.add(p.prompt());
        });
        assertThat(samples).containsExactly(0, 1, 2);
        assertThat(prompts).hasSize(3);
    }

    @Test
    void aDatasetIsCompleteWhenItsManifestNamesIt() {
        Storage storage = StorageRef.of(tmp.toString()).open();
        DataSettings s = settings(DatasetPlanTest.SMALL);
        String id = DatasetId.of(s);
        assertThat(DatasetDirectory.path(storage, id)).isEqualTo(new Path(storage.datasets(), id));
        assertThat(DatasetDirectory.split(storage, id, DatasetDirectory.EVAL))
                .isEqualTo(new Path(new Path(storage.datasets(), id), "eval"));
        assertThat(DatasetDirectory.partFile(7)).isEqualTo("part-00007.parquet");
        assertThat(DatasetDirectory.readComplete(storage, id)).isEmpty();
        storage.writeString(DatasetDirectory.manifest(storage, id), "{ not json");
        assertThat(DatasetDirectory.readComplete(storage, id)).isEmpty();
        DatasetManifest.Split split = new DatasetManifest.Split(
                1, 2, 1, 9, 0, List.of(new DatasetManifest.CellCount(1, 1, 1, Exclusions.DISJOINT)));
        DatasetManifest m = new DatasetManifest(
                DatasetId.FORMAT_VERSION,
                id,
                "addition",
                "pad",
                "none",
                42,
                s.identity(),
                split,
                split,
                9,
                "abc",
                DatasetManifest.currentCodeVersion(),
                "now",
                0.5);
        storage.writeString(DatasetDirectory.manifest(storage, "other"), m.toJson());
        assertThat(DatasetDirectory.readComplete(storage, "other"))
                .as("a manifest of another id")
                .isEmpty();
        storage.writeString(DatasetDirectory.manifest(storage, id), m.toJson());
        assertThat(DatasetDirectory.readComplete(storage, id)).contains(m);
        assertThat(m.codeVersion()).isNotBlank().contains("+");
        assertThat(m.toJson()).contains("\"0\":\"may overlap").contains("\"1\":\"excluded");
        assertThat(split.maxCellCount()).isEqualTo(1);
    }

    @Test
    void heldOutSamplesSplitTheEvalRowsByTheTrainingLengthsAndArePickedBySeed() {
        Storage storage = StorageRef.of(tmp.toString()).open();
        TinyDatasets.write(storage, "held", TinyDatasets.addition(1, 2, 2, 2, 1), TinyDatasets.addition(1, 4, 3, 3, 2));
        SplitReader dataset = SplitReader.open(storage, "held");
        assertThat(dataset.dir()).isEqualTo(storage.dataset("held"));
        assertThat(dataset.manifest().getString("task")).isEqualTo("addition");
        assertThat(dataset.tokenizer("sort")).isEqualTo("pad");
        HeldOutSamples h = HeldOutSamples.select(dataset, 2, 2, 5, 9);
        assertThat(h.inDistribution()).hasSize(5).allMatch(e -> e.lenA() <= 2 && e.lenB() <= 2);
        assertThat(h.outOfDistribution()).hasSize(5).allMatch(e -> e.lenA() > 2 || e.lenB() > 2);
        assertThat(HeldOutSamples.select(dataset, 2, 2, 5, 9)).isEqualTo(h);
        assertThat(HeldOutSamples.select(dataset, 2, 2, 5, 10).outOfDistribution())
                .isNotEqualTo(h.outOfDistribution());
        // the boundary: a row with len_a = max is in distribution
        HeldOutSamples all = HeldOutSamples.select(dataset, 2, 2, 1000, 9);
        assertThat(all.inDistribution()).hasSize(4 * 3);
        assertThat(all.outOfDistribution()).hasSize(36 - 12);
        assertThat(HeldOutSamples.select(dataset, 2, 2, 0, 9).inDistribution()).isEmpty();
    }
}
