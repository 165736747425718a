package lab.abacus.orchestration;

import lab.abacus.train.ProgressListener;
import lab.abacus.train.RunResult;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A point's training progress on the driver console: one line when it starts, one every {@code everySeconds}
 * (step / budget, loss, tokens/s, ETA), held-out accuracy when measured, and one when it ends.
 */
final class ConsoleProgress implements ProgressListener {

    private final PrintStream out;
    private final String prefix;
    private final long everyNanos;
    private long last = System.nanoTime();
    private long budget;

    ConsoleProgress(PrintStream out, String prefix, double everySeconds) {
        this.out = out;
        this.prefix = prefix;
        this.everyNanos = (long) (everySeconds * 1e9);
    }

    @Override
    public void started(String runId, int attempt, long startStep, long budgetSteps, double budgetSeconds,
                        long parameters, String model) {
        budget = budgetSteps;
        out.printf(Locale.ROOT, "%s run %s attempt %d: %s from step %d (%,d parameters, %s)%n", prefix, runId,
                attempt, startStep == 0 ? "training" : "resuming", startStep, parameters, model);
    }

    @Override
    public void step(StepReport r) {
        long now = System.nanoTime();
        if (now - last < everyNanos) {
            return;
        }
        last = now;
        out.printf(Locale.ROOT, "%s step %d%s  loss %.4f  %.0f tok/s  %.0f%%  ETA %s%n", prefix, r.step(),
                budget > 0 ? " / " + budget : "", r.loss(), r.tokensPerSecond(), 100 * r.progress(),
                Double.isNaN(r.etaS()) ? "-" : String.format(Locale.ROOT, "%.0f s", r.etaS()));
    }

    @Override
    public void evaluated(long step, Double idAcc, Double oodAcc) {
        out.printf(Locale.ROOT, "%s step %d held-out exact match: ID %s, OOD %s%n", prefix, step, pct(idAcc),
                pct(oodAcc));
    }

    @Override
    public void finished(RunResult r) {
        out.printf(Locale.ROOT, "%s %s after %d steps, %.1f s%s%n", prefix, r.status().name().toLowerCase(Locale.ROOT),
                r.steps(), r.elapsedS(), r.reason() == null ? "" : " (" + r.reason() + ")");
    }

    private static String pct(Double v) {
        return v == null ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * v);
    }
}
