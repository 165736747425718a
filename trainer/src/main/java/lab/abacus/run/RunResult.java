package lab.abacus.run;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValueFactory;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * How one attempt of a run ended.
 *
 * @param status     SUCCEEDED (budget reached, final checkpoint written), FAILED (reason says why, e.g. NaN loss),
 *                   INTERRUPTED (stop requested, e.g. SIGTERM: checkpoint written, resumable) or BUSY (another
 *                   process holds the run's lease)
 * @param steps      optimizer steps done in total (across attempts)
 * @param elapsedS   training wall-clock seconds in total (across attempts)
 * @param finalLoss  loss of the last step (NaN when none)
 * @param idAcc      last held-out in-distribution exact match (null when not evaluated)
 * @param oodAcc     last held-out out-of-distribution exact match (null when not evaluated)
 */
public record RunResult(
        String runId,
        int attempt,
        Status status,
        String reason,
        long steps,
        double elapsedS,
        double finalLoss,
        Double idAcc,
        Double oodAcc) {

    public enum Status {
        SUCCEEDED,
        FAILED,
        INTERRUPTED,
        /** Another live process holds the run: this attempt did nothing (the reason names the holder). */
        BUSY
    }

    public boolean succeeded() {
        return status == Status.SUCCEEDED;
    }

    /**
     * The one JSON form of a result: the run directory's {@code result.json} and a trainer process's result file.
     * Absent values (no loss yet, no held-out accuracy) are JSON nulls.
     */
    public String toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("run_id", runId);
        m.put("attempt", attempt);
        m.put("status", status.name().toLowerCase(Locale.ROOT));
        m.put("reason", reason);
        m.put("steps", steps);
        m.put("elapsed_s", elapsedS);
        m.put("final_loss", Double.isFinite(finalLoss) ? finalLoss : null);
        m.put("final_id_acc", idAcc);
        m.put("final_ood_acc", oodAcc);
        return ConfigValueFactory.fromMap(m)
                .render(ConfigRenderOptions.concise().setJson(true));
    }

    /** Parses {@link #toJson()}; throws {@link IllegalArgumentException} naming what is wrong. */
    public static RunResult fromJson(String json) {
        try {
            Config c = ConfigFactory.parseString(json);
            return new RunResult(
                    c.getString("run_id"),
                    c.getInt("attempt"),
                    Status.valueOf(c.getString("status").toUpperCase(Locale.ROOT)),
                    optionalString(c, "reason"),
                    c.getLong("steps"),
                    c.getDouble("elapsed_s"),
                    c.hasPath("final_loss") ? c.getDouble("final_loss") : Double.NaN,
                    optionalDouble(c, "final_id_acc"),
                    optionalDouble(c, "final_ood_acc"));
        } catch (ConfigException e) {
            throw new IllegalArgumentException("not a run result: " + e.getMessage(), e);
        }
    }

    private static String optionalString(Config c, String key) {
        return c.hasPath(key) ? c.getString(key) : null;
    }

    private static Double optionalDouble(Config c, String key) {
        return c.hasPath(key) ? c.getDouble(key) : null;
    }
}
