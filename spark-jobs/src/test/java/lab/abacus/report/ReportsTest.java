package lab.abacus.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import lab.abacus.config.AbacusConfig;
import lab.abacus.grid.EvalCellRow;
import lab.abacus.grid.EvalCellsWriter;
import lab.abacus.grid.EvalSettings;
import lab.abacus.model.EvalVariant;
import lab.abacus.storage.Storage;
import lab.abacus.storage.StorageRef;
import lab.abacus.testing.LocalSpark;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportsTest {

    private static final EvalVariant R1 = new EvalVariant(1, false);

    private static SparkSession spark;
    private static final EvalSettings SETTINGS = EvalSettings.from(AbacusConfig.load(
            null,
            List.of(
                    "eval.grids.addition.a=[1,6]",
                    "eval.grids.addition.b=[1,6]",
                    "eval.grids.addition.diagonal=[7,8]",
                    "eval.report.threshold=0.9")));

    @BeforeAll
    static void start() {
        spark = LocalSpark.start("ReportsTest");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    /** A run whose ID cells (<= 3 digits) are all right, OOD cells at {@code ood}, diagonal cells at {@code beyond}. */
    private static List<EvalCellRow> run(String id, int oodCorrect, int beyondCorrect) {
        List<EvalCellRow> rows = new ArrayList<>();
        for (int a = 1; a <= 6; a++) {
            for (int b = 1; b <= 6; b++) {
                boolean in = a <= 3 && b <= 3;
                rows.add(new EvalCellRow(
                        id, "addition", a, b, R1, 10, in ? 10 : oodCorrect, in ? 10 : oodCorrect, null, in, 0.1));
            }
        }
        rows.add(new EvalCellRow(id, "addition", 7, 7, R1, 10, beyondCorrect, beyondCorrect, null, false, 0.1));
        rows.add(new EvalCellRow(id, "addition", 8, 8, R1, 10, beyondCorrect, beyondCorrect, null, false, 0.1));
        return rows;
    }

    private static void runsTable(Storage storage) {
        java.time.Instant t = java.time.Instant.parse("2026-01-01T10:00:00Z");
        String[][] runs = {{"a1", "abacus", "1"}, {"a2", "abacus", "2"}, {"n1", "nope", "1"}, {"n2", "nope", "2"}};
        for (String[] r : runs) {
            lab.abacus.testing.RunRows.write(storage, r[0], "succeeded", t, "sw", r[1], Long.parseLong(r[2]));
        }
    }

    @Test
    void runAndSweepReports(@TempDir java.nio.file.Path dir) throws Exception {
        Storage storage = StorageRef.of(dir.toUri().toString()).open();
        EvalCellsWriter w = new EvalCellsWriter(storage);
        w.write(run("a1", 9, 8));
        w.write(run("a2", 7, 6));
        w.write(run("n1", 1, 0));
        w.write(run("n2", 0, 0));
        runsTable(storage);

        // Run report: heatmap with the paper's look.
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        Reports.report(spark, storage, SETTINGS, "a1", new PrintStream(buf, true, StandardCharsets.UTF_8));
        assertThat(buf.toString(StandardCharsets.UTF_8)).contains("ID 100.0%", "OOD 90.0%", "beyond 80.0%");
        java.nio.file.Path heat = dir.resolve("runs/a1/report/heatmap-addition_r1.png");
        if (System.getProperty("abacus-test.keepHeatmap") != null) {
            Files.copy(
                    heat,
                    java.nio.file.Path.of(System.getProperty("abacus-test.keepHeatmap")),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        BufferedImage img = ImageIO.read(heat.toFile());
        assertThat(img.getWidth()).isEqualTo(900);
        assertThat(img.getHeight()).isEqualTo(800);
        assertThat(count(img, 0xff0000, 40))
                .as("red training-lengths rectangle")
                .isGreaterThan(100);
        assertThat(count(img, 0x081d58, 12))
                .as("100%% cells in YlGnBu's darkest blue")
                .isGreaterThan(1000);
        assertThat(dir.resolve("runs/a1/report/beyond-addition_r1.png")).exists();
        assertThat(dir.resolve("runs/a1/report/report.md"))
                .content()
                .contains("| addition r1 | 38 | 100.0% | 90.0% | 80.0% |");

        // Sweep report from the runs table alone: points = varying config columns, seeds from train_seed.
        List<SweepReport.RunRef> refs = SweepReport.refsFromRunsTable(spark, storage, "sw");
        assertThat(refs)
                .containsExactly(
                        new SweepReport.RunRef("a1", "model_embedding=abacus", 1),
                        new SweepReport.RunRef("a2", "model_embedding=abacus", 2),
                        new SweepReport.RunRef("n1", "model_embedding=nope", 1),
                        new SweepReport.RunRef("n2", "model_embedding=nope", 2));
        List<SweepReport.PointRow> rows = SweepReport.write(spark, storage, SETTINGS, "sw", refs);
        assertThat(rows).hasSize(2);
        SweepReport.PointRow abacus = rows.get(0);
        assertThat(abacus.ood().text()).isEqualTo("80.0 ± 14.1"); // 90 and 70
        assertThat(abacus.beyond().text()).isEqualTo("70.0 ± 14.1");
        assertThat(abacus.id().text()).isEqualTo("100.0 ± 0.0");
        assertThat(abacus.succeeded()).isEqualTo(1);
        assertThat(rows.get(1).succeeded()).isZero();
        java.nio.file.Path report = dir.resolve("sweeps/sw/report");
        String html = Files.readString(report.resolve("index.html"));
        assertThat(html).contains("<td>model_embedding=abacus</td>", "80.0 ± 14.1", "&gt; 6 digits");
        assertThat(Files.readString(report.resolve("report.md")))
                .contains(
                        "| model_embedding=abacus | addition r1 | 2 | 100.0 ± 0.0 | 80.0 ± 14.1 | 70.0 ± 14.1 | 1/2 |");
        for (SweepReport.PointRow r : rows) {
            assertThat(ImageIO.read(report.resolve(r.heatmap()).toFile())).isNotNull();
        }
        try (var files = Files.list(report.resolve("runs"))) {
            assertThat(files.filter(p -> !p.getFileName().toString().startsWith(".")))
                    .hasSize(4);
        }

        assertThatThrownBy(() -> Reports.report(spark, storage, SETTINGS, "nothing", System.out))
                .hasMessageContaining("no sweep named 'nothing'");
    }

    private static int count(BufferedImage img, int rgb, int tolerance) {
        int n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int p = img.getRGB(x, y);
                if (Math.abs(((p >> 16) & 255) - ((rgb >> 16) & 255)) <= tolerance
                        && Math.abs(((p >> 8) & 255) - ((rgb >> 8) & 255)) <= tolerance
                        && Math.abs((p & 255) - (rgb & 255)) <= tolerance) {
                    n++;
                }
            }
        }
        return n;
    }
}
