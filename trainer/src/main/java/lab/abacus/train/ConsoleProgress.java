package lab.abacus.train;

import static lab.abacus.console.ProgressText.bar;
import static lab.abacus.console.ProgressText.duration;
import static lab.abacus.console.ProgressText.percent;

import java.io.PrintStream;
import java.util.Locale;
import lab.abacus.run.RunResult;

/**
 * The progress line of a training run, wherever it trains: {@code abacus train}, a trainer process, a sweep point
 * in the driver. Step / budget, loss (moving average), learning rate, tokens/s and ETA, redrawn in place with a
 * carriage return on a terminal, or printed as a plain line every {@code plainEverySeconds} when output goes to a
 * file or a log (no control characters in logs). Every line starts with {@code prefix} (a sweep names its point
 * there). Ends with a summary.
 */
public final class ConsoleProgress implements ProgressListener {

    private final PrintStream out;
    private final String prefix;
    private final boolean terminal;
    private final double plainEverySeconds;
    private long budgetSteps;
    private double budgetSeconds;
    private double emaLoss = Double.NaN;
    private double emaTokens = Double.NaN;
    private long lastPrintNanos;
    private String lastEval = "";
    private int lastWidth;

    /** @param prefix text in front of every line ({@code ""} for none) */
    public ConsoleProgress(PrintStream out, String prefix, boolean terminal, double plainEverySeconds) {
        this.out = out;
        this.prefix = prefix.isEmpty() ? "" : prefix + " ";
        this.terminal = terminal;
        this.plainEverySeconds = plainEverySeconds;
    }

    /** On stderr; redrawn in place when a console is attached, otherwise a line every 30 s. */
    public static ConsoleProgress stderr() {
        return new ConsoleProgress(System.err, "", System.console() != null, 30);
    }

    @Override
    public void started(
            String runId,
            int attempt,
            long startStep,
            long budgetSteps,
            double budgetSeconds,
            long parameters,
            String model) {
        this.budgetSteps = budgetSteps;
        this.budgetSeconds = budgetSeconds;
        out.printf(
                Locale.ROOT,
                "%srun %s attempt %d: %s%n",
                prefix,
                runId,
                attempt,
                startStep > 0 ? "resuming at step " + startStep : "starting");
        out.printf(Locale.ROOT, "%s  model %,d parameters: %s%n", prefix, parameters, model);
    }

    @Override
    public void waiting(String runId, String holder) {
        out.printf(Locale.ROOT, "%srun %s is being trained by %s: waiting for it%n", prefix, runId, holder);
        out.flush();
    }

    @Override
    public void warning(String runId, String message) {
        out.printf(Locale.ROOT, "%swarning: run %s: %s%n", prefix, runId, message);
        out.flush();
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
        String budget = budgetSteps > 0
                ? String.format(Locale.ROOT, "%d/%d", r.step(), budgetSteps)
                : String.format(Locale.ROOT, "%d (%s/%s)", r.step(), duration(r.elapsedS()), duration(budgetSeconds));
        String line = String.format(
                Locale.ROOT,
                "%s%s %5.1f%% %s loss %.4f lr %.2e %,.0f tok/s ETA %s%s",
                prefix,
                bar(r.progress(), 20),
                100 * r.progress(),
                budget,
                emaLoss,
                r.lr(),
                emaTokens,
                duration(r.etaS()),
                lastEval);
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
        lastEval = String.format(Locale.ROOT, " | id %s ood %s @%d", percent(idAcc), percent(oodAcc), step);
    }

    @Override
    public void checkpointed(long step) {
        if (!terminal) {
            out.printf(Locale.ROOT, "%scheckpoint step-%d%n", prefix, step);
        }
    }

    @Override
    public void finished(RunResult r) {
        if (terminal && lastWidth > 0) {
            out.println();
        }
        out.printf(
                Locale.ROOT,
                "%srun %s %s after %d steps in %s: final loss %.4f, held-out accuracy id %s," + " ood %s%s%n",
                prefix,
                r.runId(),
                r.status().name().toLowerCase(Locale.ROOT),
                r.steps(),
                duration(r.elapsedS()),
                r.finalLoss(),
                percent(r.idAcc()),
                percent(r.oodAcc()),
                r.reason() == null ? "" : " (" + r.reason() + ")");
        out.flush();
    }
}
