package lab.abacus.train;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import java.nio.file.Files;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import lab.abacus.decode.RestrictedRanking.Probe;
import lab.abacus.run.RunResult;
import lab.abacus.run.RunTarget;
import lab.abacus.storage.Storage;
import lab.abacus.storage.StorageRef;
import lab.abacus.structural.StructuralDataset;
import lab.abacus.structural.StructuralFixtures;
import lab.abacus.structural.StructuralRow;
import lab.abacus.tables.Table;
import lab.abacus.tables.TableReader;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Training on the structural tasks: language modelling over whole strings, the held-out measures of both sets in
 * the metrics table at the evaluation cadence, what each task scores, and an exact resume of the curves.
 */
class StructuralTrainingTest {

    static final String DYCK_DATA = "train.rows = 400, shards = 2, eval-shards = 1,"
            + " dyck { types = 2, max-depth = 3, min-length = 4, val-rows = 30, gen-rows = 30 }";

    @TempDir
    java.nio.file.Path tmp;

    Storage storage;
    String dyck;

    @BeforeEach
    void data() {
        storage = StorageRef.of(tmp.resolve("root").toString()).open();
        dyck = StructuralFixtures.dyck(storage, StructuralFixtures.dyckSettings(DYCK_DATA));
    }

    static Config dyckConfig(String... more) {
        List<String> o = new java.util.ArrayList<>(List.of(
                "data.task=dyck",
                "data.train.rows=400",
                "model.embedding=learned",
                "train.budget.steps=30",
                "train.batch-size=16",
                "train.eval.every=10",
                "train.eval.samples=20",
                "train.eval.dyck-min-distance=1",
                "train.eval.structure-samples=10"));
        o.addAll(List.of(more));
        return TrainerFixture.config(o.toArray(String[]::new));
    }

    List<Map<String, Object>> metrics(String run) {
        return TableReader.latestPerKey(Table.METRICS, TableReader.read(storage, "metrics")).stream()
                .filter(r -> r.get("run_id").equals(run))
                .sorted(Comparator.comparing(r -> (Long) r.get("step")))
                .toList();
    }

    RunResult train(String run, String dataset, Config config) {
        return RunTrainer.run(
                RunTarget.of(run, dataset), config, storage, new ProgressListener() {}, TrainerFixture.quiet());
    }

    /** McCoy-format files {@code <prefix>.{train,dev,gen}} in a directory of their own. */
    java.nio.file.Path mcCoySource(String prefix, String train, String dev, String gen) throws java.io.IOException {
        java.nio.file.Path source = Files.createDirectories(tmp.resolve(prefix));
        Files.writeString(source.resolve(prefix + ".train"), train);
        Files.writeString(source.resolve(prefix + ".dev"), dev);
        Files.writeString(source.resolve(prefix + ".gen"), gen);
        return source;
    }

    @Test
    void aDyckRunRecordsBothSetsAtTheEvaluationCadence() {
        RunResult r = train("dyck-run", dyck, dyckConfig());
        assertThat(r.status()).as(r.reason()).isEqualTo(RunResult.Status.SUCCEEDED);
        List<Map<String, Object>> m = metrics("dyck-run");
        assertThat(m).hasSize(30);
        for (Map<String, Object> row : m) {
            boolean evalStep = (Long) row.get("step") % 10 == 0;
            for (String column : List.of("id_acc", "ood_acc", "id_loss", "ood_loss")) {
                assertThat(row.get(column) != null)
                        .as(column + " at " + row.get("step"))
                        .isEqualTo(evalStep);
            }
            if (evalStep) {
                assertThat((Double) row.get("id_acc")).isBetween(0.0, 1.0);
                assertThat((Double) row.get("ood_loss")).isPositive();
            }
        }
        assertThat(r.idAcc()).isEqualTo(m.get(29).get("id_acc"));
        // attention entropy per layer (1, 2) and their mean (layer 0) at every evaluation
        List<Map<String, Object>> structure =
                TableReader.latestPerKey(Table.STRUCTURE, TableReader.read(storage, "structure"));
        assertThat(structure).hasSize(3 * 3);
        assertThat(structure)
                .allMatch(row -> row.get("measure").equals("attention_entropy")
                        && (Double) row.get("value") > 0
                        && (Long) row.get("step") % 10 == 0);
        Map<Integer, Double> at30 = new java.util.HashMap<>();
        structure.stream()
                .filter(row -> (Long) row.get("step") == 30)
                .forEach(row -> at30.put((Integer) row.get("layer"), (Double) row.get("value")));
        assertThat(at30.get(0))
                .isCloseTo((at30.get(1) + at30.get(2)) / 2, org.assertj.core.api.Assertions.within(1e-9));
        // the training loss covers the whole string: it starts near log(vocabulary) = log(6), not at 0
        assertThat((Double) m.get(0).get("loss")).isGreaterThan(1.0);
    }

    @Test
    void aStoppedAndResumedRunDrawsTheSameCurves() {
        Config config = dyckConfig();
        train("whole", dyck, config);
        StopSignal stop = new StopSignal();
        RunResult first = RunTrainer.run(
                RunTarget.of("parts", dyck),
                config,
                storage,
                new ProgressListener() {},
                TrainerFixture.quiet().withStop(stop).withAfterStep((done, model) -> {
                    if (done == 15) {
                        stop.request("test stop");
                    }
                }));
        assertThat(first.status()).isEqualTo(RunResult.Status.INTERRUPTED);
        train("parts", dyck, config);
        List<String> curves = List.of("loss", "id_acc", "ood_acc", "id_loss", "ood_loss", "weight_norm");
        List<Map<String, Object>> whole = metrics("whole");
        List<Map<String, Object>> parts = metrics("parts");
        assertThat(parts).hasSameSizeAs(whole);
        for (int i = 0; i < whole.size(); i++) {
            for (String c : curves) {
                assertThat(parts.get(i).get(c))
                        .as(c + " at step " + (i + 1))
                        .isEqualTo(whole.get(i).get(c));
            }
        }
    }

    @Test
    void dyckScoresClosesFarEnoughFromTheirOpen() {
        StructuralDataset d = StructuralDataset.open(storage, dyck);
        StructuralRow row = new StructuralRow("(a (b b) a) (b b)", 6, 2, null, null);
        List<Probe> all = StructuralHeldOut.probes(d, List.of(row), 1);
        // tokens: BOS (a (b b) a) (b b) EOS; closes are words 2, 3, 5, predicted at positions 2, 3, 5
        assertThat(all.get(0).positions()).containsExactly(2, 3, 5);
        assertThat(all.get(0).answers()).containsExactly(7, 6, 7); // b) = 4 + 2 + 1, a) = 4 + 2
        assertThat(StructuralHeldOut.probes(d, List.of(row), 3).get(0).positions())
                .containsExactly(3);
        assertThat(StructuralHeldOut.candidates(d, TrainSettings.QfFirstWord.AUXILIARIES))
                .containsExactly(6, 7);
    }

    @Test
    void questionFormationScoresTheFirstWordOfQuestionsOnly() throws Exception {
        String quest = "her yak does swim . quest\tdoes her yak swim ?\n";
        String decl = "her yak doesn't swim . decl\ther yak doesn't swim .\n";
        java.nio.file.Path source = mcCoySource(
                "question",
                (quest + decl).repeat(10) + "our newts do read . quest\tdo"
                        + " our newts read ?\nour newt don't read . quest\tdon't our newt read ?\n",
                quest + decl,
                quest);
        String id = StructuralFixtures.mcCoy(storage, "question-formation", source.toString());
        StructuralDataset d = StructuralDataset.open(storage, id);
        List<StructuralRow> dev = d.rows("val");
        List<Probe> probes = StructuralHeldOut.probes(d, dev, 10);
        // words: her yak does swim . quest does ... : the question's first word is word 6, after "quest"
        assertThat(probes.get(0).positions()).containsExactly(6);
        assertThat(probes.get(0).answers()).containsExactly(d.vocabulary().id("does"));
        assertThat(probes.get(1).positions()).isEmpty(); // a decl line is not scored
        assertThat(StructuralHeldOut.candidates(d, TrainSettings.QfFirstWord.ANY_WORD))
                .hasSize(d.vocabulary().size())
                .contains(d.vocabulary().id("her"), d.vocabulary().id("does"));
        assertThat(StructuralHeldOut.candidates(d, TrainSettings.QfFirstWord.AUXILIARIES))
                .containsExactly(
                        d.vocabulary().id("do"),
                        d.vocabulary().id("does"),
                        d.vocabulary().id("don't"),
                        d.vocabulary().id("doesn't"));

        RunResult r = train(
                "qf",
                id,
                TrainerFixture.config(
                        "data.task=question-formation",
                        "data.mccoy.source=" + source,
                        "model.embedding=learned",
                        "train.budget.steps=10",
                        "train.batch-size=8",
                        "train.eval.samples=5"));
        assertThat(r.status()).as(r.reason()).isEqualTo(RunResult.Status.SUCCEEDED);
        Map<String, Object> last = metrics("qf").get(9);
        assertThat(last.get("id_acc")).isIn(0.0, 1.0); // one question in dev
        assertThat(last.get("ood_acc")).isIn(0.0, 1.0);
        assertThat((Double) last.get("id_loss")).isPositive();
    }

    @Test
    void tenseInflectionDecodesTheOutputAndScoresItsMainVerb() throws Exception {
        String seen = "the newt near the yaks giggled . PRESENT\tthe newt near the yaks giggles .\n";
        String past = "the yaks amused the newt . PAST\tthe yaks amused the newt .\n";
        String unseen = "the yaks near the newt giggled . PRESENT\tthe yaks near the newt giggle .\n";
        java.nio.file.Path source = mcCoySource("tense", (seen + past).repeat(8), seen + past, unseen);
        Files.writeString(source.resolve("pos_tense.txt"), lab.abacus.task.TenseTags.DICTIONARY);
        String id = StructuralFixtures.mcCoy(storage, "tense-inflection", source.toString());
        StructuralDataset d = StructuralDataset.open(storage, id);
        assertThat(d.partsOfSpeech()).isPresent();

        // the PRESENT line of dev is scored, the PAST line is not; an output is words up to EOS
        MainVerbAccuracy dev = MainVerbAccuracy.of(d, d.partsOfSpeech().orElseThrow(), d.rows("val"));
        assertThat(dev.cases()).isEqualTo(1);
        List<String> target = List.of("the newt near the yaks giggles .".split(" "));
        int[] right = d.vocabulary().encode("the newt near the yaks giggles . the");
        right[right.length - 1] = lab.abacus.task.Vocabulary.EOS;
        assertThat(dev.isRight(target, right)).isTrue();
        assertThat(dev.isRight(target, d.vocabulary().encode("the newt near the yaks giggle .")))
                .isFalse();
        assertThat(dev.isRight(target, new int[] {lab.abacus.task.Vocabulary.EOS}))
                .isFalse();

        RunResult r = train(
                "ti",
                id,
                TrainerFixture.config(
                        "data.task=tense-inflection",
                        "data.mccoy.source=" + source,
                        "model.embedding=learned",
                        "train.budget.steps=120",
                        "train.batch-size=8",
                        "train.eval.every=40",
                        "train.eval.samples=10"));
        assertThat(r.status()).as(r.reason()).isEqualTo(RunResult.Status.SUCCEEDED);
        Map<String, Object> last = metrics("ti").get(119);
        // memorised: the training line comes back with its verb inflected; the gen line is one sample, right or not
        assertThat(last.get("id_acc")).isEqualTo(1.0);
        assertThat(last.get("ood_acc")).isIn(0.0, 1.0);
        assertThat((Double) last.get("ood_loss")).isGreaterThan((Double) last.get("id_loss"));
    }
}
