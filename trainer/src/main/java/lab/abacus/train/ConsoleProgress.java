package lab.abacus.train;

import java.io.PrintStream;
import java.util.Locale;

/**
 * The progress line of {@code abacus train}: step / budget, loss (moving average), learning rate, tokens/s and ETA,
 * redrawn in place with a carriage return on a terminal, or printed as a plain line every {@code plainEverySeconds}
 * when output goes to a file or a log (no control characters in logs). Ends with a summary.
 */
public final class ConsoleProgress implements ProgressListener {

    private final PrintStream out;
    private final boolean terminal;
    private final double plainEverySeconds;
    private long budgetSteps;
    private double budgetSeconds;
    private double emaLoss = Double.NaN;
    private double emaTokens = Double.NaN;
    private long lastPrintNanos;
    private String lastEval = "";
    private int lastWidth;

    public ConsoleProgress(PrintStream out, boolean terminal, double plainEverySeconds) {
        this.out = out;
        this.terminal = terminal;
        this.plainEverySeconds = plainEverySeconds;
    }

    /** On stderr; redrawn in place when a console is attached, otherwise a line every 30 s. */
    public static ConsoleProgress stderr() {
        return new ConsoleProgress(System.err, System.console() != null, 30);
    }

    @Override
    public void started(String runId, int attempt, long startStep, long budgetSteps, double budgetSeconds,
                        long parameters, String model) {
        this.budgetSteps = budgetSteps;
        this.budgetSeconds = budgetSeconds;
        out.printf(Locale.ROOT, "run %s attempt %d: %s%n", runId, attempt,
                startStep > 0 ? "resuming at step " + startStep : "starting");
        out.printf(Locale.ROOT, "  model %,d parameters: %s%n", parameters, model);
    }

    @Override
    public void step(StepReport r) {
        emaLoss = Double.isNaN(emaLoss) ? r.loss() : 0.95 * emaLoss + 0.05 * r.loss();
        emaTokens = Double.isNaN(emaTokens) ? r.tokensPerSecond() : 0.9 * emaTokens + 0.1 * r.tokensPerSecond();
        long now = System.nanoTime();
        double minGap = terminal ? 0.1 : plainEverySeconds;
        if ((now - lastPrintNanos) / 1e9 < minGap) {
            return;
        }
        lastPrintNanos = now;
        String budget = budgetSteps > 0 ? String.format(Locale.ROOT, "%d/%d", r.step(), budgetSteps)
                : String.format(Locale.ROOT, "%d (%s/%s)", r.step(), time(r.elapsedS()), time(budgetSeconds));
        String line = String.format(Locale.ROOT, "%s %5.1f%% %s loss %.4f lr %.2e %,.0f tok/s ETA %s%s",
                bar(r.progress()), 100 * r.progress(), budget, emaLoss, r.lr(), emaTokens, time(r.etaS()), lastEval);
        if (terminal) {
            String padded = line.length() < lastWidth ? line + " ".repeat(lastWidth - line.length()) : line;
            lastWidth = line.length();
            out.print("\r" + padded);
        } else {
            out.println(line);
        }
        out.flush();
    }

    @Override
    public void evaluated(long step, Double idAcc, Double oodAcc) {
        lastEval = String.format(Locale.ROOT, " | id %s ood %s @%d", pct(idAcc), pct(oodAcc), step);
    }

    @Override
    public void checkpointed(long step) {
        if (!terminal) {
            out.printf(Locale.ROOT, "checkpoint step-%d%n", step);
        }
    }

    @Override
    public void finished(RunResult r) {
        if (terminal && lastWidth > 0) {
            out.println();
        }
        out.printf(Locale.ROOT, "run %s %s after %d steps in %s: final loss %.4f, held-out exact match id %s,"
                        + " ood %s%s%n", r.runId(), r.status().name().toLowerCase(Locale.ROOT), r.steps(),
                time(r.elapsedS()), r.finalLoss(), pct(r.idAcc()), pct(r.oodAcc()),
                r.reason() == null ? "" : " (" + r.reason() + ")");
        out.flush();
    }

    private static String bar(double p) {
        int n = 20;
        int full = (int) Math.round(Math.max(0, Math.min(1, p)) * n);
        return "[" + "#".repeat(full) + ".".repeat(n - full) + "]";
    }

    private static String pct(Double v) {
        return v == null || v.isNaN() ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * v);
    }

    static String time(double s) {
        if (Double.isNaN(s) || Double.isInfinite(s)) {
            return "?";
        }
        long t = Math.round(s);
        return t >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", t / 3600, (t % 3600) / 60)
                : t >= 60 ? String.format(Locale.ROOT, "%dm%02ds", t / 60, t % 60) : t + "s";
    }
}
