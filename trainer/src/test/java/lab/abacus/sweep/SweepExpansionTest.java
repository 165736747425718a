package lab.abacus.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import lab.abacus.run.RunConfig;
import lab.abacus.run.RunId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Expansion: counts, order, labels, per-point configs, and content-addressed run ids. */
class SweepExpansionTest {

    @TempDir
    Path dir;

    private static final String GRID_3x2_SEEDS_2 = """
            abacus {
              model.hidden = 64
              sweep {
                name = demo
                seeds = [1, 2]
                grid {
                  "model.embedding" = [abacus, fire, nope]
                  "model.layers" = [1, 2]
                }
              }
            }
            """;

    @Test
    void cartesianProductOfAxesAndSeedsInStableOrder() {
        SweepSpec spec = new SweepFiles(dir).load("demo.conf", GRID_3x2_SEEDS_2);

        assertThat(spec.name()).isEqualTo("demo");
        List<RunSpec> points = spec.points();
        assertThat(points).hasSize(3 * 2 * 2);
        // first axis slowest, seeds fastest
        assertThat(points)
                .extracting(RunSpec::label)
                .containsExactly(
                        "embedding=abacus,layers=1,seed=1", "embedding=abacus,layers=1,seed=2",
                        "embedding=abacus,layers=2,seed=1", "embedding=abacus,layers=2,seed=2",
                        "embedding=fire,layers=1,seed=1", "embedding=fire,layers=1,seed=2",
                        "embedding=fire,layers=2,seed=1", "embedding=fire,layers=2,seed=2",
                        "embedding=nope,layers=1,seed=1", "embedding=nope,layers=1,seed=2",
                        "embedding=nope,layers=2,seed=1", "embedding=nope,layers=2,seed=2");
        assertThat(points).extracting(RunSpec::index).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);

        RunSpec p = points.get(7); // fire, layers 2, seed 2
        assertThat(p.config().getString("abacus.model.embedding")).isEqualTo("fire");
        assertThat(p.config().getInt("abacus.model.layers")).isEqualTo(2);
        assertThat(p.config().getLong("abacus.train.seed")).isEqualTo(2L);
        assertThat(p.config().getInt("abacus.model.hidden")).isEqualTo(64); // fixed setting reaches every point
        assertThat(p.seed()).isEqualTo(2L);
        assertThat(p.coordinates())
                .extracting(RunSpec.Coordinate::path)
                .containsExactly("model.embedding", "model.layers", "train.seed");

        Set<RunId> ids = new HashSet<>();
        points.forEach(q -> ids.add(q.id()));
        assertThat(ids).hasSize(points.size());
        // loading again gives the same points in the same order
        assertThat(new SweepFiles(dir).load("demo.conf", GRID_3x2_SEEDS_2).points())
                .extracting(RunSpec::id)
                .containsExactlyElementsOf(points.stream().map(RunSpec::id).toList());
    }

    @Test
    void axesFollowFileOrderAndNestedKeysAreAxesToo() {
        SweepSpec spec = new SweepFiles(dir).load("order.conf", """
                abacus.sweep.grid {
                  model.layers = [2, 1]
                  "model.embedding" = [nope, abacus]
                }
                """);
        assertThat(spec.axes()).extracting(Axis::path).containsExactly("model.layers", "model.embedding");
        assertThat(spec.points())
                .extracting(RunSpec::label)
                .containsExactly(
                        "layers=2,embedding=nope", "layers=2,embedding=abacus",
                        "layers=1,embedding=nope", "layers=1,embedding=abacus");
        assertThat(spec.points()).allSatisfy(p -> assertThat(p.seed()).isNull());
    }

    @Test
    void theRunAxisVariesSettingsOfSeveralSectionsTogetherAndKeepsTheOthers() {
        SweepSpec spec = new SweepFiles(dir).load("across.conf", """
                abacus {
                  model.hidden = 48
                  sweep.grid.run = [
                    { model { architecture = standard, layers = 2 }, train.batch-size = 16 }
                    { model { architecture = looped, layers = 1, recurrence = 2 }, train.batch-size = 32 }
                  ]
                }
                """);
        assertThat(spec.points())
                .extracting(RunSpec::label)
                .containsExactly(
                        "architecture=standard,layers=2,batch-size=16",
                        "architecture=looped,layers=1,recurrence=2,batch-size=32");
        RunSpec looped = spec.points().get(1);
        assertThat(looped.config().getInt("abacus.train.batch-size")).isEqualTo(32);
        assertThat(looped.config().getInt("abacus.model.recurrence")).isEqualTo(2);
        assertThat(looped.config().getInt("abacus.model.hidden"))
                .as("kept from the file")
                .isEqualTo(48);
        assertThat(spec.points().get(0).config().getInt("abacus.model.recurrence"))
                .isEqualTo(1);
    }

    @Test
    void noGridAndNoSeedsIsOnePointNamedAfterTheFile() {
        SweepSpec spec = new SweepFiles(dir).load("single-run.conf", "abacus.model.layers = 2\n");
        assertThat(spec.name()).isEqualTo("single-run");
        assertThat(spec.points()).singleElement().satisfies(p -> {
            assertThat(p.label()).isEqualTo("base");
            assertThat(p.coordinates()).isEmpty();
        });
    }

    @Test
    void runConfigHoldsOnlyDataModelAndTrain() {
        RunSpec p =
                new SweepFiles(dir).load("demo.conf", GRID_3x2_SEEDS_2).points().get(0);
        assertThat(p.runConfig().root().keySet()).containsExactly("abacus");
        assertThat(p.runConfig().getObject("abacus").keySet()).containsExactlyInAnyOrder("data", "model", "train");
        assertThat(p.config().hasPath("abacus.storage.root")).isTrue();
        assertThat(p.id().value()).matches("[0-9a-f]{16}");
        assertThat(p.point().target()).isEqualTo(p.target());
        assertThat(p.point().label()).isEqualTo(p.label());
        assertThat(p.point().config().getString("abacus.model.embedding")).isEqualTo("abacus");
        // the shipped text parses back to a config with the same id
        assertThat(RunId.of(com.typesafe.config.ConfigFactory.parseString(p.runConfigText())))
                .isEqualTo(p.id());
    }

    @Test
    void runIdIsTheShortSha256OfTheVersionedCanonicalConfig() throws Exception {
        RunSpec p =
                new SweepFiles(dir).load("demo.conf", GRID_3x2_SEEDS_2).points().get(0);
        String canonical = RunConfig.canonical(p.runConfig());
        assertThat(canonical).startsWith("{\"abacus\":{\"data\":").contains("\"embedding\":\"abacus\"");
        // canonical: keys sorted at every level, settings that cannot change the result left out
        assertThat(List.of(
                                "\"data\"",
                                "\"model\"",
                                "\"architecture\"",
                                "\"embedding\"",
                                "\"heads\"",
                                "\"hidden\"",
                                "\"train\":{\"batch-ramp\"",
                                "\"batch-size\"",
                                "\"beta1\"",
                                "\"weight-decay\"")
                        .stream()
                        .map(canonical::indexOf)
                        .toList())
                .isSorted()
                .doesNotContain(-1);
        assertThat(canonical).doesNotContain("\"checkpoint\"", "\"progress\"", "\"partitions\"", "\"compression\"");
        byte[] sha = java.security.MessageDigest.getInstance("SHA-256")
                .digest(("abacus-run/v1\n" + canonical).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(p.id().value())
                .isEqualTo(java.util.HexFormat.of().formatHex(sha).substring(0, 16));
    }

    @Test
    void everyRunSettingIsPartOfTheIdAndNothingElseIs() {
        com.typesafe.config.Config defaults = lab.abacus.config.AbacusConfig.defaults();
        com.typesafe.config.Config run = RunConfig.of(defaults);
        RunId base = RunId.of(run);
        java.util.Set<String> notIdentity = java.util.Set.of(
                "data.partitions",
                "data.compression",
                "train.checkpoint.every-steps",
                "train.checkpoint.every-time",
                "train.checkpoint.keep",
                "train.progress");
        int changed = 0;
        for (var e : run.entrySet()) {
            String key = e.getKey().substring("abacus.".length());
            com.typesafe.config.Config other = run.withValue(e.getKey(), perturbed(e.getValue()));
            // the structural tasks' settings cannot change a run of the default (arithmetic) task
            boolean otherFamily = key.startsWith("data.dyck.")
                    || key.startsWith("data.mccoy.")
                    || key.equals("train.eval.dyck-min-distance")
                    || key.equals("train.eval.structure-samples")
                    || key.equals("train.eval.qf-first-word");
            if (notIdentity.contains(key) || otherFamily) {
                assertThat(RunId.of(other)).as(key).isEqualTo(base);
            } else {
                assertThat(RunId.of(other)).as(key).isNotEqualTo(base);
                changed++;
            }
        }
        assertThat(changed).isGreaterThan(40);
        // what is outside data, model and train never reaches the run config
        com.typesafe.config.Config elsewhere = lab.abacus.config.AbacusConfig.load(
                null,
                java.util.List.of(
                        "storage.root=/elsewhere",
                        "launcher.type=spark",
                        "eval.samples-per-cell=7",
                        "sweep.name=other"));
        assertThat(RunId.of(RunConfig.of(elsewhere))).isEqualTo(base);
    }

    private static com.typesafe.config.ConfigValue perturbed(com.typesafe.config.ConfigValue v) {
        Object raw = v.unwrapped();
        Object changed = switch (v.valueType()) {
            case NUMBER ->
                raw instanceof Integer || raw instanceof Long
                        ? ((Number) raw).longValue() + 1
                        : ((Number) raw).doubleValue() * 2 + 1;
            case BOOLEAN -> !(Boolean) raw;
            case STRING -> raw + "-other";
            case LIST -> java.util.List.of("other");
            default -> "other";
        };
        return com.typesafe.config.ConfigValueFactory.fromAnyRef(changed);
    }

    @Test
    void samePointInTwoSweepsIsTheSameRun() {
        SweepFiles files = new SweepFiles(dir);
        files.write("frag/model.conf", "abacus.model { hidden = 64, layers = 2 }\n");
        // Sweep A: settings inline; sweep B: same run settings from a fragment, in another key order, plus
        // different storage / launcher / sweep settings (which do not change what a run learns).
        SweepSpec a = files.load("a.conf", """
                abacus {
                  model { layers = 2, hidden = 64 }
                  sweep { seeds = [1, 2], grid { "model.embedding" = [abacus, fire] } }
                }
                """);
        SweepSpec b = files.load("b.conf", """
                include "frag/model.conf"
                abacus {
                  storage.root = "/elsewhere"
                  launcher.type = spark
                  sweep { name = other, max-retries = 5, seeds = [2, 3], grid { "model.embedding" = [nope, fire] } }
                }
                """);
        RunId aFire2 = idOf(a, "embedding=fire,seed=2");
        RunId bFire2 = idOf(b, "embedding=fire,seed=2");
        assertThat(aFire2).isEqualTo(bFire2);
        assertThat(idOf(a, "embedding=abacus,seed=1"))
                .isNotIn(b.points().stream().map(RunSpec::id).toList());
        // exactly one point in common
        Set<RunId> common = new HashSet<>(a.points().stream().map(RunSpec::id).toList());
        common.retainAll(b.points().stream().map(RunSpec::id).toList());
        assertThat(common).containsExactly(aFire2);
    }

    @Test
    void anyDifferentRunValueGivesADifferentId() {
        SweepFiles files = new SweepFiles(dir);
        String template = """
                abacus {
                  data.seed = %s
                  model { hidden = %s, embedding = abacus }
                  train.seed = %s
                }
                """;
        RunId base = files.load("x.conf", template.formatted("42", "64", "1"))
                .points()
                .get(0)
                .id();
        assertThat(files.load("x.conf", template.formatted("42", "64", "1"))
                        .points()
                        .get(0)
                        .id())
                .isEqualTo(base);
        assertThat(files.load("x.conf", template.formatted("43", "64", "1"))
                        .points()
                        .get(0)
                        .id())
                .isNotEqualTo(base);
        assertThat(files.load("x.conf", template.formatted("42", "128", "1"))
                        .points()
                        .get(0)
                        .id())
                .isNotEqualTo(base);
        assertThat(files.load("x.conf", template.formatted("42", "64", "2"))
                        .points()
                        .get(0)
                        .id())
                .isNotEqualTo(base);
        // a setting outside the run sections does not change it
        assertThat(files.load("x.conf", template.formatted("42", "64", "1") + "abacus.storage.root = \"/other\"\n")
                        .points()
                        .get(0)
                        .id())
                .isEqualTo(base);
    }

    @Test
    void settingsThatCannotChangeTheResultAreNotPartOfTheId() {
        SweepFiles files = new SweepFiles(dir);
        RunId base = files.load("y.conf", "abacus.model.embedding = abacus\n")
                .points()
                .get(0)
                .id();
        assertThat(files.load("y.conf", """
                abacus.model.embedding = abacus
                abacus.data { partitions = 7, compression = zstd }
                abacus.train { progress = false, checkpoint.every-steps = 3 }
                """).points().get(0).id()).isEqualTo(base);
        assertThat(files.load("y.conf", "abacus.model.embedding = abacus\nabacus.train.lr = 0.002\n")
                        .points()
                        .get(0)
                        .id())
                .isNotEqualTo(base);
    }

    @Test
    void spellingsOfOneValueAreOneRun() {
        SweepFiles files = new SweepFiles(dir);
        RunId plain = files.load("z.conf", "abacus.model { hidden = 64, pre-norm = false }\n")
                .points()
                .get(0)
                .id();
        assertThat(files.load("z.conf", "abacus.model { hidden = \"64\", pre-norm = \"no\" }\n")
                        .points()
                        .get(0)
                        .id())
                .isEqualTo(plain);
        assertThat(files.load("z.conf", "abacus.model { hidden = 64.0, pre-norm = off }\n")
                        .points()
                        .get(0)
                        .id())
                .isEqualTo(plain);
    }

    @Test
    void extendingAnAxisOrTheSeedsKeepsOldIdsAndAddsNewOnes() {
        SweepFiles files = new SweepFiles(dir);
        SweepSpec before = files.load("grow.conf", """
                abacus.sweep { seeds = [1], grid { "model.embedding" = [abacus, fire] } }
                """);
        SweepSpec after = files.load("grow.conf", """
                abacus.sweep { seeds = [1, 2], grid { "model.embedding" = [abacus, fire, nope] } }
                """);
        List<RunId> old = before.points().stream().map(RunSpec::id).toList();
        List<RunId> now = after.points().stream().map(RunSpec::id).toList();
        assertThat(now).hasSize(6).containsAll(old);
        assertThat(now.stream().filter(id -> !old.contains(id))).hasSize(4);
        assertThat(idOf(after, "embedding=fire,seed=1")).isEqualTo(idOf(before, "embedding=fire,seed=1"));
    }

    @Test
    void objectValuedAxisSetsSettingsTogetherAndKeepsTheRest() {
        SweepFiles files = new SweepFiles(dir);
        files.write(
                "frag/model.conf",
                "abacus.model { hidden = 64, layers = 16, recurrence = 1, architecture = looped }\n");
        SweepSpec spec = files.load("shapes.conf", """
                include "frag/model.conf"
                abacus.sweep {
                  seeds = [7]
                  grid {
                    "model" = [{ layers = 1, recurrence = 16 }, { layers = 8, recurrence = 2 }]
                  }
                }
                """);
        assertThat(spec.points())
                .extracting(RunSpec::label)
                .containsExactly("layers=1,recurrence=16,seed=7", "layers=8,recurrence=2,seed=7");
        RunSpec p = spec.points().get(1);
        assertThat(p.config().getInt("abacus.model.layers")).isEqualTo(8);
        assertThat(p.config().getInt("abacus.model.recurrence")).isEqualTo(2);
        assertThat(p.config().getInt("abacus.model.hidden")).isEqualTo(64); // the fragment's other settings stay
    }

    @Test
    void axisReplacesAValueFromAnIncludedFragment() {
        SweepFiles files = new SweepFiles(dir);
        files.write("frag/model.conf", "abacus.model.embedding = fire\n");
        SweepSpec spec = files.load("s.conf", """
                include "frag/model.conf"
                abacus.sweep.grid { "model.embedding" = [abacus, nope] }
                """);
        assertThat(spec.points())
                .extracting(p -> p.config().getString("abacus.model.embedding"))
                .containsExactly("abacus", "nope");
    }

    @Test
    void labelsUseFullPathsWhereShortNamesClash() {
        SweepSpec spec = new SweepFiles(dir).load("clash.conf", """
                abacus.sweep {
                  seeds = [1]
                  grid { "data.seed" = [5, 6], "model.embedding" = [abacus] }
                }
                """);
        assertThat(spec.points())
                .extracting(RunSpec::label)
                .containsExactly(
                        "data.seed=5,embedding=abacus,train.seed=1", "data.seed=6,embedding=abacus,train.seed=1");
    }

    @Test
    void overridesApplyToEveryPoint() {
        SweepSpec spec = new SweepFiles(dir).load("o.conf", GRID_3x2_SEEDS_2, "model.hidden=128", "sweep.seeds=[3]");
        assertThat(spec.points()).hasSize(6).allSatisfy(p -> {
            assertThat(p.config().getInt("abacus.model.hidden")).isEqualTo(128);
            assertThat(p.seed()).isEqualTo(3L);
        });
    }

    private static RunId idOf(SweepSpec spec, String label) {
        return spec.points().stream()
                .filter(p -> p.label().equals(label))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no point " + label + " in "
                        + spec.points().stream().map(RunSpec::label).toList()))
                .id();
    }
}
