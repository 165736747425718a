package lab.abacus.train;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValueFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * How a trainer process ({@link TrainerMain}) reports one attempt back to whoever started it: the {@link RunResult}
 * as a small JSON file on the local disk, whatever the outcome (unlike the run directory's {@code result.json},
 * which exists only for a succeeded run). The exit code says the status too; this file adds steps, time, accuracy
 * and the failure reason.
 */
public final class ResultFile {

    private ResultFile() {
    }

    public static void write(Path file, RunResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("run_id", r.runId());
        m.put("attempt", r.attempt());
        m.put("status", r.status().name().toLowerCase(Locale.ROOT));
        m.put("reason", r.reason());
        m.put("steps", r.steps());
        m.put("elapsed_s", r.elapsedS());
        m.put("final_loss", Double.isFinite(r.finalLoss()) ? r.finalLoss() : null);
        m.put("id_acc", r.idAcc());
        m.put("ood_acc", r.oodAcc());
        String json = ConfigValueFactory.fromMap(m).render(ConfigRenderOptions.concise().setJson(true));
        try {
            // Written next to the target and moved: a reader never sees half a file.
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, json, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + file + ": " + e.getMessage(), e);
        }
    }

    /** The result a trainer process wrote, or null when it wrote none (it crashed or was killed). */
    public static RunResult read(Path file) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            Config c = ConfigFactory.parseString(Files.readString(file, StandardCharsets.UTF_8));
            return new RunResult(c.getString("run_id"), c.getInt("attempt"),
                    RunResult.Status.valueOf(c.getString("status").toUpperCase(Locale.ROOT)),
                    c.hasPath("reason") ? c.getString("reason") : null, c.getLong("steps"), c.getDouble("elapsed_s"),
                    c.hasPath("final_loss") ? c.getDouble("final_loss") : Double.NaN,
                    c.hasPath("id_acc") ? c.getDouble("id_acc") : null,
                    c.hasPath("ood_acc") ? c.getDouble("ood_acc") : null);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
