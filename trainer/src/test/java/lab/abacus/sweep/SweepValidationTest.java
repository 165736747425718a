package lab.abacus.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import lab.abacus.config.ConfigError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Invalid sweeps fail at load, before any work, naming file:line and key. */
class SweepValidationTest {

    @TempDir
    Path dir;

    private String fail(String text, String... overrides) {
        SweepFiles files = new SweepFiles(dir);
        Path file = files.write("bad.conf", text);
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> SweepSpec.load(file, List.of(overrides)));
        assertThat(t).as("expected a ConfigError").isInstanceOf(ConfigError.class);
        return t.getMessage();
    }

    private String at(int line) {
        return dir.resolve("bad.conf") + ":" + line + ": ";
    }

    @Test
    void unknownAxisPathNamesFileLineKeyAndSuggests() {
        String msg = fail("""
                abacus.sweep.grid {
                  "launcher.local.parallel-pointz" = [1, 2]
                }
                """);
        assertThat(msg)
                .startsWith(at(2) + "abacus.sweep.grid.\"launcher.local.parallel-pointz\": unknown axis path")
                .contains("did you mean 'parallel-points'");
        assertThat(fail("""
                abacus.sweep.grid {
                  "modle.embedding" = [abacus]
                }
                """))
                .startsWith(at(2))
                .contains("no setting abacus.modle")
                .contains("did you mean 'model'");
    }

    @Test
    void unknownAxisPathInARunSection() {
        assertThat(fail("""
                abacus.sweep.grid {
                  "model.embeddin" = [abacus]
                }
                """))
                .startsWith(at(2) + "abacus.sweep.grid.\"model.embeddin\": unknown axis path")
                .contains("did you mean 'embedding'");
    }

    @Test
    void axisOutsideTheRunSectionsIsRejected() {
        assertThat(fail("""
                abacus.sweep.grid {
                  "launcher.type" = [local, spark]
                }
                """)).startsWith(at(2) + "abacus.sweep.grid.\"launcher.type\": an axis must be a run setting");
    }

    @Test
    void seedsAreNotAGridAxis() {
        assertThat(fail("""
                abacus.sweep.grid {
                  "train.seed" = [1, 2]
                }
                """)).startsWith(at(2)).contains("use abacus.sweep.seeds");
    }

    @Test
    void emptyAxis() {
        assertThat(fail("""
                abacus.sweep {
                  seeds = [1]
                  grid { "model.embedding" = [] }
                }
                """)).startsWith(at(3) + "abacus.sweep.grid.\"model.embedding\": empty axis");
    }

    @Test
    void axisThatIsNotAList() {
        assertThat(fail("""
                abacus.sweep.grid {
                  "model.embedding" = abacus
                }
                """))
                .startsWith(at(2) + "abacus.sweep.grid.\"model.embedding\": an axis needs a list of values");
    }

    @Test
    void duplicatedValues() {
        assertThat(fail("""
                abacus.sweep.grid {
                  "model.embedding" = [
                    abacus
                    fire
                    abacus
                  ]
                }
                """))
                .startsWith(at(5) + "abacus.sweep.grid.\"model.embedding\": duplicated value abacus")
                .contains("already listed at " + at(3).replaceAll(": $", ""));
    }

    @Test
    void wrongTypeOfSeeds() {
        assertThat(fail("""
                abacus.sweep {
                  seeds = [1,
                    two]
                }
                """)).startsWith(at(3) + "abacus.sweep.seeds: seeds must be non-negative integers");
        assertThat(fail("abacus.sweep.seeds = [3, 3]\n")).startsWith(at(1)).contains("seed 3 is listed twice");
    }

    @Test
    void wrongTypeForAGroupPath() {
        // "model" is a group of settings: its values must be objects.
        assertThat(fail("""
                abacus.sweep.grid {
                  "model" = [
                    { layers = 1 }
                    2
                  ]
                }
                """)).startsWith(at(4) + "abacus.sweep.grid.\"model\": abacus.model is a group of settings");
    }

    @Test
    void wrongTypeOfAValue() {
        assertThat(fail("""
                abacus.sweep.grid {
                  "model.layers" = [1,
                    { deep = true }]
                }
                """)).startsWith(at(3) + "abacus.model.layers: expected a number");
    }

    @Test
    void axisAlsoFixedInTheSweepFileItselfConflicts() {
        String msg = fail("""
                abacus {
                  model.embedding = abacus
                  sweep.grid { "model.embedding" = [fire, nope] }
                }
                """);
        assertThat(msg)
                .startsWith(at(2) + "abacus.model.embedding: fixed in the sweep file and also varied by axis "
                        + "abacus.sweep.grid.\"model.embedding\" at " + at(3).replaceAll(": $", ""));
    }

    @Test
    void axisAlsoFixedByAnOverrideConflicts() {
        assertThat(fail("abacus.sweep.grid { \"model.embedding\" = [fire, nope] }\n", "model.embedding=abacus"))
                .startsWith("--set model.embedding=abacus")
                .contains("abacus.model.embedding: this override is also varied by axis");
    }

    @Test
    void seedFixedInTheFileConflictsWithSeeds() {
        assertThat(fail("""
                abacus {
                  train.seed = 3
                  sweep.seeds = [1, 2]
                }
                """))
                .startsWith(at(2)
                        + "abacus.train.seed: fixed in the sweep file and also set per point by abacus.sweep.seeds");
    }

    @Test
    void twoAxesSettingTheSameSettingConflict() {
        assertThat(fail("""
                abacus.sweep.grid {
                  "model" = [{ layers = 1, recurrence = 16 }, { layers = 2, recurrence = 8 }]
                  "model.layers" = [4]
                }
                """))
                .startsWith(at(3)
                        + "abacus.sweep.grid.\"model.layers\": conflicts with axis abacus.sweep.grid.\"model\" at "
                        + at(2).replaceAll(": $", "") + ": both set abacus.model.layers");
    }

    @Test
    void missingIncludeIsAnErrorNotASilentDefault() {
        assertThat(fail("""
                include "data/no-such-fragment.conf"
                abacus.sweep.seeds = [1]
                """))
                .isEqualTo(
                        dir.resolve("bad.conf") + " (or a fragment it includes): include "
                                + "\"data/no-such-fragment.conf\": file not found (includes are relative to the including file)");
        // a fragment that exists but includes a missing one fails too
        new SweepFiles(dir).write("frag/a.conf", "include \"b.conf\"\n");
        assertThat(fail("include \"frag/a.conf\"\n")).contains("include \"b.conf\": file not found");
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        String msg = fail("""
                abacus.sweep.grid {
                  "model.embedding" = []
                  "launcher.type" = [local]
                }
                """);
        assertThat(msg.lines()).hasSize(2);
        assertThat(msg).contains(at(2)).contains(at(3));
    }

    @Test
    void everyPointPassesTheTypedSettingsOfItsSections() {
        // Each value is fine alone; the model settings reject recurrence > 1 unless the architecture is looped.
        String msg = fail("""
                abacus {
                  model.architecture = input-injection
                  sweep.grid {
                    "model.recurrence" = [1, 4]
                  }
                }
                """);
        assertThat(msg)
                .isEqualTo("point recurrence=4: " + at(4) + "abacus.model.recurrence: must be 1 unless "
                        + "architecture = looped (is 4)");
    }

    @Test
    void unknownKeyInsideAnObjectValue() {
        assertThat(fail("""
                abacus.sweep.grid {
                  "model" = [{ layers = 1, recurence = 16 }]
                }
                """))
                .startsWith(at(2) + "abacus.model.recurence: unknown key")
                .contains("did you mean 'recurrence'");
    }

    @Test
    void badSweepName() {
        assertThat(fail("abacus.sweep.name = \"../escape\"\n")).startsWith(at(1) + "abacus.sweep.name:");
    }

    @Test
    void badLauncherSettingsAreCaughtAtLoad() {
        assertThat(fail("abacus.launcher.type = slurm\nabacus.sweep {}\n"))
                .startsWith(at(1) + "abacus.launcher.type: 'slurm' is not one of");
        assertThat(fail("abacus.launcher.local.parallel-points = 0\nabacus.sweep {}\n"))
                .startsWith(at(1) + "abacus.launcher.local.parallel-points: must be in [1, 1024]");
    }

    @Test
    void aFileWithoutASweepBlockIsNotAOnePointSweepOfThePaperModel() {
        assertThat(fail("abacus.train.lr = 1e-4\n"))
                .startsWith(dir.resolve("bad.conf") + ": no abacus.sweep { } block")
                .contains("abacus train");
        assertThat(fail("")).contains("no abacus.sweep { } block");
    }

    @Test
    void aKeyBesideAbacusIsATypoNotSomethingToIgnore() {
        assertThat(fail("""
                abacus.sweep.seeds = [1]
                abacsu.train.lr = 5
                """))
                .startsWith(at(2) + "abacsu: unknown top-level key")
                .contains("did you mean 'abacus'");
    }

    @Test
    void anEvalGridOutsideTheDatasetsEvalSplitIsCaughtBeforeAnyWork() {
        String msg = fail("""
                abacus {
                  sweep.seeds = [1]
                  data.eval { len-a-to = 10, len-b-to = 10, diagonal-to = 0 }
                  eval.grids.addition { a = [1, 12], b = [1, 10], diagonal = [] }
                }
                """);
        assertThat(msg)
                .contains(at(4)
                        + "abacus.eval.grids.addition: 20 cell(s) of the grid are not in the dataset's eval split")
                .contains("e.g. (11, 1)");
    }

    @Test
    void anAbacusTableTooSmallForTheDigitRunsIsCaughtBeforeAnyWork() {
        String msg = fail("""
                abacus {
                  sweep.seeds = [1]
                  data.train { len-a = 20, len-b = 20 }
                  data.eval { len-a-to = 30, len-b-to = 30, diagonal-to = 0 }
                  eval.grids.addition { a = [1, 30], b = [1, 30], diagonal = [] }
                  model.abacus { max-k = 20, table-size = 40 }
                }
                """);
        // training: a 21-digit sum + k up to 20 = index 41; evaluation: a 31-digit sum = index 31 (fits)
        assertThat(msg)
                .contains(at(6) + "abacus.model.abacus.table-size = 40: training needs index 41")
                .doesNotContain("evaluation needs");
        assertThat(fail("""
                abacus {
                  sweep.seeds = [1]
                  data.eval { len-a-to = 60, len-b-to = 60, diagonal-to = 0 }
                  eval.grids.addition { a = [1, 60], b = [1, 60], diagonal = [] }
                  model.abacus { max-k = 1, table-size = 40 }
                }
                """)).contains("evaluation needs index 61");
    }

    @Test
    void moreRecurrencesAtEvaluationNeedALoopedModel() {
        assertThat(fail("""
                abacus {
                  sweep.seeds = [1]
                  model { architecture = standard, recurrence = 1 }
                  eval.recurrences = 4
                }
                """)).contains(at(4) + "abacus.eval.recurrences = 4: only a looped model can be evaluated");
    }

    @Test
    void theRunAxisTakesObjectsOfRunSettingsOnly() {
        assertThat(fail("""
                abacus.sweep.grid {
                  run = [{ model.layers = 2, train.batch-size = 8 }, { launcher.type = local }]
                }
                """))
                .contains(at(2) + "abacus.sweep.grid.\"run\": each value of the run axis is an object of run settings");
        assertThat(fail("""
                abacus.sweep.grid {
                  run = [{ model.layers = 2, train.batch-sise = 8 }]
                }
                """)).contains("abacus.train.batch-sise: unknown key");
    }
}
