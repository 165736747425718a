package lab.abacus.data;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import lab.abacus.config.AbacusConfig;
import lab.abacus.task.Problem;
import lab.abacus.task.TaskKind;
import org.junit.jupiter.api.Test;

class DatasetPlanTest {

    static DataSettings settings(String hocon) {
        return DataSettings.from(AbacusConfig.fromLayers(ConfigFactory.parseString(hocon)));
    }

    static final String SMALL = "abacus.data { train { len-a = 3, len-b = 3, rows = 2003 }, "
            + "eval { len-a-to = 4, len-b-to = 4, samples = 20, diagonal-from = 6, diagonal-to = 7 }, shards = 5, eval-shards = 3 }";

    @Test
    void bucketMethodGivesEveryCellAnEqualShare() {
        DatasetPlan plan = new DatasetPlan(settings(SMALL));
        assertThat(plan.trainCells()).isEqualTo(9);
        long total = 0;
        for (int c = 0; c < 9; c++) {
            assertThat(plan.trainQuota(c)).isBetween(222L, 223L);
            total += plan.trainQuota(c);
        }
        assertThat(total).isEqualTo(2003);
        assertThat(plan.rowRangeStart(0)).isZero();
        assertThat(plan.rowRangeStart(5)).isEqualTo(2003);
        // eval: 4x4 grid + diagonal 6,7
        assertThat(plan.evalCells()).isEqualTo(18);
        assertThat(plan.evalLenA(17)).isEqualTo(7);
        assertThat(plan.plannedEvalRows()).isEqualTo(360);
        assertThat(plan.evalShards()).isEqualTo(3);
    }

    @Test
    void subtractionOnlyHasNonNegativeCells() {
        DatasetPlan plan = new DatasetPlan(settings("abacus.data { task = subtraction, train { len-a = 3, len-b = 3 }, "
                + "eval { len-a-to = 3, len-b-to = 3 } }"));
        assertThat(plan.trainCells()).isEqualTo(6);
        for (int c = 0; c < plan.trainCells(); c++) {
            assertThat(plan.trainLenA(c)).isGreaterThanOrEqualTo(plan.trainLenB(c));
        }
    }

    @Test
    void shardsTogetherGiveThePlannedCountsAndAreDeterministic() {
        DatasetPlan plan = new DatasetPlan(settings(SMALL));
        Exclusions ex = Exclusions.build(plan);
        long[] counts = new long[plan.trainCells()];
        for (int s = 0; s < plan.trainShards(); s++) {
            ShardGenerator.Stats a = ShardGenerator.train(plan, ex, s, (p, i) -> {});
            ShardGenerator.Stats b = ShardGenerator.train(plan, ex, s, (p, i) -> {});
            assertThat(a.contentHash).isEqualTo(b.contentHash);
            for (int c = 0; c < counts.length; c++) {
                counts[c] += a.cellCounts[c];
            }
        }
        for (int c = 0; c < counts.length; c++) {
            assertThat(counts[c]).isEqualTo(plan.trainQuota(c));
        }
        long evalRows = 0;
        for (int s = 0; s < plan.evalShards(); s++) {
            evalRows += ShardGenerator.eval(plan, s, (p, i) -> assertThat(i).isBetween(0, 19)).rows;
        }
        assertThat(evalRows).isEqualTo(360);
    }

    @Test
    void trainingNeverDrawsAnEvalProblemInExcludedCells() {
        DatasetPlan plan = new DatasetPlan(settings(SMALL));
        Exclusions ex = Exclusions.build(plan);
        Set<String> evalPrompts = new HashSet<>();
        List<Integer> evalCodes = new ArrayList<>();
        for (int s = 0; s < plan.evalShards(); s++) {
            ShardGenerator.eval(plan, s, (p, i) -> evalPrompts.add(p.prompt()));
        }
        for (int c = 0; c < plan.evalCells(); c++) {
            evalCodes.add(ex.evalCode(c));
        }
        // 1x1 addition: 81 problems, 20 samples -> at most 20 distinct <= 40.5: excluded; 4x4 and diagonal: disjoint
        int cell11 = plan.trainCellIndex(1, 1);
        assertThat(ex.trainCode(cell11)).isEqualTo(Exclusions.EXCLUDED);
        assertThat(evalCodes.get(0)).isEqualTo(Exclusions.EXCLUDED);
        assertThat(evalCodes.get(plan.evalCells() - 1)).isEqualTo(Exclusions.DISJOINT);
        Set<String> trainPrompts = new HashSet<>();
        for (int s = 0; s < plan.trainShards(); s++) {
            ShardGenerator.train(plan, ex, s, (p, i) -> trainPrompts.add(p.prompt()));
        }
        assertThat(trainPrompts).doesNotContainAnyElementsOf(evalPrompts);
        // without dedup the reference behaviour: 1x1 overlaps heavily
        DatasetPlan noDedup = new DatasetPlan(settings(SMALL.replace("shards = 5", "shards = 5, dedup = false")));
        Exclusions none = Exclusions.build(noDedup);
        assertThat(none.trainCode(cell11)).isEqualTo(Exclusions.MAY_OVERLAP);
        Set<String> overlapping = new HashSet<>();
        for (int s = 0; s < noDedup.trainShards(); s++) {
            ShardGenerator.train(noDedup, none, s, (p, i) -> overlapping.add(p.prompt()));
        }
        overlapping.retainAll(evalPrompts);
        assertThat(overlapping).isNotEmpty();
    }

    @Test
    void tinyCellsAreLeftOverlappingWhenTheSpaceIsTooSmall() {
        // 60 samples of 81 possible 1x1 problems: most of the space -> may overlap
        DatasetPlan plan = new DatasetPlan(settings("abacus.data { train { len-a = 2, len-b = 2, rows = 400 }, "
                + "eval { len-a-to = 2, len-b-to = 2, samples = 60 } }"));
        Exclusions ex = Exclusions.build(plan);
        assertThat(ex.trainCode(plan.trainCellIndex(1, 1))).isEqualTo(Exclusions.MAY_OVERLAP);
        assertThat(ex.trainCode(plan.trainCellIndex(2, 2))).isEqualTo(Exclusions.EXCLUDED);
    }

    @Test
    void sortingExcludesAcrossMaxDigitCells() {
        DatasetPlan plan =
                new DatasetPlan(settings("abacus.data { task = sorting, train { len-a = 3, len-b = 2, rows = 3000 }, "
                        + "eval { len-a-to = 5, len-b-to = 3, samples = 30 }, shards = 2 }"));
        Exclusions ex = Exclusions.build(plan);
        Set<String> evalPrompts = new HashSet<>();
        for (int s = 0; s < plan.evalShards(); s++) {
            ShardGenerator.eval(plan, s, (p, i) -> {
                if (p.lenB() <= 2 && p.actualLenA() <= 3) {
                    evalPrompts.add(p.prompt());
                }
            });
        }
        assertThat(evalPrompts).isNotEmpty();
        Set<String> trainPrompts = new HashSet<>();
        for (int s = 0; s < plan.trainShards(); s++) {
            ShardGenerator.train(plan, ex, s, (p, i) -> trainPrompts.add(p.prompt()));
        }
        for (int c = 0; c < plan.trainCells(); c++) {
            assertThat(ex.trainCode(c)).isEqualTo(Exclusions.EXCLUDED);
        }
        assertThat(trainPrompts).doesNotContainAnyElementsOf(evalPrompts);
    }

    @Test
    void bitwiseOrEnumeratesWithoutReplacement() {
        DatasetPlan plan = new DatasetPlan(
                settings("abacus.data { task = bitwise-or, train { len-a = 20, len-b = 20, rows = 1000000 }, "
                        + "eval { len-a-to = 40, len-b-to = 40, samples = 100 }, shards = 3 }"));
        long rows = 0;
        Exclusions ex = Exclusions.build(plan);
        Set<String> seen = new HashSet<>();
        for (int s = 0; s < plan.trainShards(); s++) {
            rows += ShardGenerator.train(plan, ex, s, (p, i) -> {
                        // each (cell, one-hot position) once over all shards: without replacement
                        assertThat(seen.add(p.lenA() + "/" + p.lenB() + "/" + p.answer()))
                                .as(p.toString())
                                .isTrue();
                        assertThat(i).isEqualTo(-1);
                    })
                    .rows;
        }
        assertThat(rows).isEqualTo(2870); // the whole enumeration, eval overlap recorded, not removed
        assertThat(seen).hasSize(2870);
        assertThat(ex.trainCode(0)).isEqualTo(Exclusions.MAY_OVERLAP);
        Set<String> evalCell = new HashSet<>();
        int cell = 40 * 39 + 39; // (40, 40)
        ShardGenerator.forEachEvalProblem(
                plan,
                cell,
                TaskKind.BITWISE_OR.newGenerator(null),
                new Problem(),
                (p, i) -> assertThat(evalCell.add(p.answer())).isTrue());
        assertThat(evalCell).hasSize(40);
    }

    @Test
    void manifestRoundTrip() {
        DataSettings s = settings(SMALL);
        DatasetManifest.Split split = new DatasetManifest.Split(
                10,
                1234,
                2,
                9,
                3,
                List.of(new DatasetManifest.CellCount(1, 2, 5, 1), new DatasetManifest.CellCount(2, 2, 5, 2)));
        DatasetManifest m = new DatasetManifest(
                DatasetId.FORMAT_VERSION,
                DatasetId.of(s),
                "addition",
                "pad",
                "none",
                42,
                s.identity(),
                split,
                split,
                9,
                "abc",
                "dev",
                "2026-01-01T00:00:00Z",
                1.5);
        String json = m.toJson();
        assertThat(json)
                .startsWith("{")
                .contains("\"content_hash\":\"abc\"")
                .contains("\"cells\":[[1,2,5,1],[2,2,5,2]]");
        DatasetManifest back = DatasetManifest.parse(json);
        assertThat(back).isEqualTo(m);
        assertThat(back.train().minCellCount()).isEqualTo(5);
    }
}
