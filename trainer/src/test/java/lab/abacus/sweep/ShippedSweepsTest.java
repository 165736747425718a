package lab.abacus.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import lab.abacus.config.AbacusConfig;
import lab.abacus.structural.StructuralDataSettings;
import org.junit.jupiter.api.Test;

/**
 * Every sweep file shipped under {@code sweeps/} parses, validates and expands to the points it promises.
 * Sections whose settings have not landed yet are free-form and only checked for structure; once a section's
 * keys and typed settings exist, the same test checks every key and value of every point.
 */
class ShippedSweepsTest {

    /** Fragment folders: included by sweeps, not sweeps themselves. */
    private static final Set<String> FRAGMENT_DIRS = Set.of("data", "model", "train", "cluster");

    /** Points each shipped sweep must expand to. A new sweep file must be added here. */
    private static final Map<String, Integer> EXPECTED_POINTS = Map.of(
            "experiments/structural-grokking-qf.conf", 5 * 10,
            "experiments/structural-grokking-ti.conf", 5 * 10,
            "experiments/structural-grokking-dyck.conf", 5 * 10,
            "quickstart.conf", 3 * 2,
            "experiments/paper-addition-embeddings.conf", 3 * 3 * 3,
            "experiments/looped-block-shapes.conf", 5 * 3,
            "debug/smoke.conf", 2,
            "experiments/grokking-dyck-small.conf", 2 * 2);

    static Path sweepsDir() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("sweeps"))) {
            dir = dir.getParent();
        }
        assertThat(dir)
                .as("a sweeps/ folder above " + Path.of("").toAbsolutePath())
                .isNotNull();
        return dir.resolve("sweeps");
    }

    private static List<Path> confFiles() throws IOException {
        try (Stream<Path> s = Files.walk(sweepsDir())) {
            return s.filter(p -> p.toString().endsWith(".conf")).sorted().toList();
        }
    }

    private static String relative(Path p) {
        return sweepsDir().relativize(p).toString().replace('\\', '/');
    }

    private static boolean isFragment(Path p) {
        return FRAGMENT_DIRS.contains(relative(p).split("/", -1)[0]);
    }

    @Test
    void everyShippedSweepParsesAndExpandsToDistinctRuns() throws IOException {
        List<Path> sweeps = confFiles().stream().filter(p -> !isFragment(p)).toList();
        assertThat(sweeps.stream().map(ShippedSweepsTest::relative).toList())
                .containsExactlyInAnyOrderElementsOf(EXPECTED_POINTS.keySet());
        Set<String> names = new HashSet<>();
        for (Path file : sweeps) {
            SweepSpec spec = SweepSpec.load(file, List.of());
            assertThat(spec.points()).as(relative(file)).hasSize(EXPECTED_POINTS.get(relative(file)));
            assertThat(spec.points().stream().map(RunSpec::id).distinct().count())
                    .as(relative(file))
                    .isEqualTo(spec.points().size());
            assertThat(names.add(spec.name()))
                    .as("sweep name " + spec.name() + " used twice")
                    .isTrue();
            assertThat(spec.settings().seeds()).as(relative(file)).isNotEmpty();
        }
    }

    @Test
    void everySweepFileStartsWithItsQuestionAndHowToRunIt() throws IOException {
        for (Path file : confFiles().stream().filter(p -> !isFragment(p)).toList()) {
            List<String> lines = Files.readAllLines(file);
            List<String> header =
                    lines.stream().takeWhile(l -> l.startsWith("#")).toList();
            String question = String.join(
                    " ", header.stream().takeWhile(l -> !l.equals("#")).toList());
            assertThat(question)
                    .as(relative(file) + ": the first comment asks the question it answers")
                    .contains("?");
            assertThat(String.join("\n", header))
                    .as(relative(file) + ": the first comment says how to run it")
                    .contains("Run:")
                    .containsAnyOf("bin/abacus", "spark-submit")
                    .contains("sweep run sweeps/" + relative(file));
        }
    }

    @Test
    void everyFragmentParsesAndValidatesOnItsOwn() throws IOException {
        for (Path file :
                confFiles().stream().filter(ShippedSweepsTest::isFragment).toList()) {
            assertThat(Files.readAllLines(file).get(0)).as(relative(file)).startsWith("# Fragment: ");
            Config layer = SweepSpec.parse(file);
            Config resolved = AbacusConfig.fromLayers(layer);
            // a fragment over the defaults is a valid config on its own (typed settings of every section)
            SectionChecks.PER_SWEEP.forEach(check -> check.accept(resolved));
            if (StructuralDataSettings.applies(resolved)) {
                // across sections it needs a model fragment: the default model's Abacus embedding has no digits here
                SectionChecks.data(resolved);
            } else {
                SectionChecks.PER_POINT.forEach(check -> check.accept(resolved));
            }
            assertThat(layer.hasPath("abacus.sweep"))
                    .as(relative(file) + " must not declare a sweep")
                    .isFalse();
        }
    }

    @Test
    void quickstartIsASmallCpuSweepOverTheKeyEmbeddings() {
        SweepSpec spec = SweepSpec.load(sweepsDir().resolve("quickstart.conf"), List.of());
        assertThat(spec.name()).isEqualTo("quickstart");
        assertThat(spec.settings().seeds()).hasSizeGreaterThanOrEqualTo(2);
        assertThat(spec.config().getString("abacus.launcher.type")).isEqualTo("local");
        List<String> embeddings = spec.points().stream()
                .map(p -> p.config().getString("abacus.model.embedding"))
                .distinct()
                .toList();
        assertThat(embeddings).contains("abacus", "nope").containsAnyOf("fire", "learned");
        for (RunSpec p : spec.points()) {
            Config c = p.config();
            assertThat(c.getInt("abacus.model.hidden")).isBetween(32, 128);
            assertThat(c.getInt("abacus.model.layers") * c.getInt("abacus.model.recurrence"))
                    .isLessThanOrEqualTo(4);
            assertThat(c.getString("abacus.train.device")).isEqualTo("cpu");
            int trainLen = Math.max(c.getInt("abacus.data.train.len-a"), c.getInt("abacus.data.train.len-b"));
            assertThat(trainLen).isLessThanOrEqualTo(8);
            List<Integer> gridA = c.getIntList("abacus.eval.grids.addition.a");
            assertThat(gridA.get(1)).isBetween(2 * trainLen, 3 * trainLen);
            // the grid must lie inside the dataset's eval split
            assertThat(c.getInt("abacus.data.eval.len-a-to")).isGreaterThanOrEqualTo(gridA.get(1));
        }
    }

    @Test
    void paperSweepComparesThreeArchitecturesAtDepthSixteen() {
        SweepSpec spec = SweepSpec.load(sweepsDir().resolve("experiments/paper-addition-embeddings.conf"), List.of());
        Set<String> seen = new HashSet<>();
        for (RunSpec p : spec.points()) {
            Config m = p.config().getConfig("abacus.model");
            assertThat(m.getInt("layers") * m.getInt("recurrence")).isEqualTo(16);
            assertThat(m.getInt("hidden")).isEqualTo(1024);
            seen.add(m.getString("architecture") + "/" + m.getString("embedding"));
            // the reference's microbatch per architecture, and its data without deduplication
            assertThat(p.config().getInt("abacus.train.batch-size"))
                    .as(p.label())
                    .isEqualTo(m.getString("architecture").equals("standard") ? 256 : 512);
            assertThat(p.config().getBoolean("abacus.data.dedup")).isFalse();
        }
        assertThat(seen).hasSize(9).contains("standard/nope", "input-injection/fire", "looped/abacus");
        assertThat(spec.config().getString("abacus.launcher.type")).isEqualTo("spark");
    }

    @Test
    void blockShapesSweepCoversEveryShapeOfDepthSixteen() {
        SweepSpec spec = SweepSpec.load(sweepsDir().resolve("experiments/looped-block-shapes.conf"), List.of());
        Set<String> shapes = new HashSet<>();
        for (RunSpec p : spec.points()) {
            Config m = p.config().getConfig("abacus.model");
            shapes.add(m.getInt("layers") + "x" + m.getInt("recurrence"));
            assertThat(m.getString("architecture")).isEqualTo("looped");
            assertThat(p.config().getInt("abacus.train.batch-size")).isEqualTo(512);
        }
        assertThat(shapes).containsExactlyInAnyOrder("1x16", "2x8", "4x4", "8x2", "16x1");
    }
}
