package lab.abacus.structural;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The structural split of Dyck strings (structural-grokking §1.1), generated shard by shard as the Spark job does,
 * with its invariants recomputed here from the strings' words alone: skeletons as 0/1 text per top-level component,
 * strings as text.
 */
class StructuralSplitTest {

    static StructuralDataSettings dyck(String extra) {
        return StructuralFixtures.dyckSettings("shards = 3, eval-shards = 2\n" + extra);
    }

    /** The three splits' texts, generated as the job does (train shards, index, held-out shards). */
    record Generated(List<String> train, List<String> val, List<String> gen, List<SplitStats> stats) {}

    static Generated generate(StructuralDataSettings s) {
        List<String> train = new ArrayList<>();
        List<String> val = new ArrayList<>();
        List<String> gen = new ArrayList<>();
        List<long[]> skeletons = new ArrayList<>();
        List<long[]> strings = new ArrayList<>();
        List<SplitStats> stats = new ArrayList<>();
        for (int shard = 0; shard < s.shards(); shard++) {
            DyckShards.TrainShard t = DyckShards.train(s, shard, r -> train.add(r.text()));
            skeletons.add(t.stats().skeletons());
            strings.add(t.strings());
            stats.add(t.stats());
        }
        TrainIndex index = TrainIndex.of(
                skeletons.stream().flatMapToLong(Arrays::stream).toArray(),
                strings.stream().flatMapToLong(Arrays::stream).toArray());
        for (int shard = 0; shard < s.evalShards(); shard++) {
            DyckShards.HeldOutShard h =
                    DyckShards.heldOut(s, index, shard, r -> val.add(r.text()), r -> gen.add(r.text()));
            stats.add(h.val());
            stats.add(h.gen());
        }
        return new Generated(train, val, gen, stats);
    }

    @Test
    void theSplitsInvariantsHoldWhenRecomputed() {
        StructuralDataSettings s = dyck("train.rows = 3000, dyck { types = 3, max-depth = 4, min-length = 4,"
                + " val-rows = 300, gen-rows = 200 }");
        Generated g = generate(s);
        assertThat(g.train()).hasSize(3000);
        assertThat(g.val()).hasSize(300);
        assertThat(g.gen()).hasSize(200);

        Set<String> trainSkeletons = new HashSet<>();
        g.train().forEach(t -> trainSkeletons.addAll(DyckSkeletons.of(t)));
        Set<String> trainStrings = new HashSet<>(g.train());
        for (String v : g.val()) {
            assertThat(trainStrings).as("a val string is not a training string").doesNotContain(v);
            assertThat(trainSkeletons)
                    .as("every skeleton of val string %s was seen", v)
                    .containsAll(DyckSkeletons.of(v));
        }
        for (String x : g.gen()) {
            assertThat(DyckSkeletons.of(x))
                    .as("gen string %s has a skeleton never seen in training", x)
                    .anyMatch(k -> !trainSkeletons.contains(k));
        }
        SplitStats train = SplitStats.merge(g.stats().subList(0, 3));
        assertThat(train.skeletons()).hasSize(trainSkeletons.size());
        SplitStats gen = SplitStats.merge(List.of(g.stats().get(4), g.stats().get(6)));
        Set<String> unseen = new HashSet<>();
        g.gen()
                .forEach(x -> DyckSkeletons.of(x).stream()
                        .filter(k -> !trainSkeletons.contains(k))
                        .forEach(unseen::add));
        assertThat(gen.unseenSkeletons(train.skeletons())).isEqualTo(unseen.size());
    }

    @Test
    void shardsAreAFunctionOfSeedAndShardOnly() {
        StructuralDataSettings s =
                dyck("train.rows = 600, dyck { types = 3, max-depth = 4, val-rows = 40," + " gen-rows = 40 }");
        Generated once = generate(s);
        Generated twice = generate(s);
        assertThat(List.of(once.train(), once.val(), once.gen()))
                .isEqualTo(List.of(twice.train(), twice.val(), twice.gen()));
        assertThat(once.stats().get(0).contentHash())
                .isEqualTo(twice.stats().get(0).contentHash());
        StructuralDataSettings other = dyck(
                "seed = 7, train.rows = 600, dyck { types = 3, max-depth = 4," + " val-rows = 40, gen-rows = 40 }");
        assertThat(generate(other).train()).isNotEqualTo(generate(s).train());
    }

    @Test
    void theValidationSplitLooksLikeTheReleasedOne() {
        // Dyck-(20, 10) with the paper's sizes: the released val file's strings by deepest nesting, depths 1..10
        // (structural-grokking §1.1), against ours; mean length 13.3 there.
        long[] released = {1274, 6255, 6032, 3775, 1805, 659, 162, 29, 6, 3};
        StructuralDataSettings s =
                dyck("train.rows = 200000, shards = 4, eval-shards = 1, dyck { val-rows = 20000, gen-rows = 1 }");
        Generated g = generate(s);
        SplitStats val = g.stats().get(s.shards());
        long[] ours = Arrays.copyOfRange(Arrays.copyOf(val.depths(), 11), 1, 11);
        double distance = 0;
        for (int d = 0; d < 10; d++) {
            distance += Math.abs(ours[d] - released[d]) / 20000.0 / 2;
        }
        assertThat(distance)
                .as("total variation distance of %s", Arrays.toString(ours))
                .isLessThan(0.05);
        assertThat(val.meanTokens()).isBetween(12.0, 15.0);
    }

    @Test
    void aSplitThatCannotBeFilledSaysWhy() {
        // two types, depth 1: every component is "10", so training has seen every skeleton there is
        StructuralDataSettings s = dyck("train.rows = 200, eval-shards = 1, dyck { types = 2, max-depth = 1,"
                + " min-length = 2, val-rows = 5, gen-rows = 5 }");
        assertThatThrownBy(() -> generate(s))
                .hasMessageContaining("Dyck-(2, 1) held-out shard 0")
                .hasMessageContaining("0 of 5 gen strings")
                .hasMessageContaining("unseen in training are too rare");
    }
}
