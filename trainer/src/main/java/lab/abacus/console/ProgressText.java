package lab.abacus.console;

import java.util.Locale;

/**
 * The pieces every progress line is made of (training steps, grid cells, dataset shards, sweep points), so that
 * durations, percentages and bars read the same wherever they are printed.
 */
public final class ProgressText {

    private ProgressText() {}

    /** A duration for people: {@code 42s}, {@code 3m05s}, {@code 1h02m}; {@code ?} when unknown. */
    public static String duration(double seconds) {
        if (Double.isNaN(seconds) || Double.isInfinite(seconds)) {
            return "?";
        }
        long t = Math.round(seconds);
        return t >= 3600
                ? String.format(Locale.ROOT, "%dh%02dm", t / 3600, (t % 3600) / 60)
                : t >= 60 ? String.format(Locale.ROOT, "%dm%02ds", t / 60, t % 60) : t + "s";
    }

    /** A fraction as a percentage with one decimal, e.g. {@code 97.5%}; {@code -} when not measured. */
    public static String percent(Double fraction) {
        return fraction == null || fraction.isNaN() ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * fraction);
    }

    /** A bar of {@code width} cells filled to {@code fraction} (clamped to [0, 1]), e.g. {@code [#####.....]}. */
    public static String bar(double fraction, int width) {
        int full = (int) Math.round(Math.max(0, Math.min(1, fraction)) * width);
        return "[" + "#".repeat(full) + ".".repeat(width - full) + "]";
    }

    /** Seconds left when {@code fraction} of the work took {@code elapsedSeconds}; NaN before any progress. */
    public static double eta(double elapsedSeconds, double fraction) {
        return fraction <= 0 ? Double.NaN : elapsedSeconds * (1 - Math.min(1, fraction)) / fraction;
    }
}
