package lab.abacus.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import lab.abacus.report.SweepReport.Stat;

/**
 * The inverted-U table (structural-grokking §4.1): per sweep point, how many seeds generalise, by two criteria
 * that the paper leaves open and that give different counts on its own runs, so both are reported:
 *
 * <ul>
 *   <li><b>max</b>: the out-of-distribution accuracy exceeds the threshold at some evaluation ("eventually");</li>
 *   <li><b>last-k</b>: it exceeds the threshold at each of the last k evaluations (with k = 1, the final one).</li>
 * </ul>
 *
 * With mean ± std over seeds of the final in- and out-of-distribution accuracy and of the best out-of-distribution
 * accuracy.
 */
record GrokkingTable(
        String point, int seeds, Stat finalId, Stat finalOod, Stat maxOod, int succeededMax, int succeededLastK) {

    /** One row from each seed's curve (a seed without out-of-distribution evaluations counts as not succeeding). */
    static GrokkingTable of(String point, List<List<HeldOutCurves.Point>> seeds, double threshold, int lastK) {
        List<Double> finalId = new ArrayList<>();
        List<Double> finalOod = new ArrayList<>();
        List<Double> maxOod = new ArrayList<>();
        int max = 0;
        int last = 0;
        for (List<HeldOutCurves.Point> curve : seeds) {
            List<Double> ood = curve.stream()
                    .map(HeldOutCurves.Point::ood)
                    .filter(Objects::nonNull)
                    .toList();
            List<Double> id = curve.stream()
                    .map(HeldOutCurves.Point::id)
                    .filter(Objects::nonNull)
                    .toList();
            if (!id.isEmpty()) {
                finalId.add(id.get(id.size() - 1));
            }
            if (ood.isEmpty()) {
                continue;
            }
            double best = ood.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
            finalOod.add(ood.get(ood.size() - 1));
            maxOod.add(best);
            max += best > threshold ? 1 : 0;
            last += minOfLast(ood, lastK) > threshold ? 1 : 0;
        }
        return new GrokkingTable(point, seeds.size(), Stat.of(finalId), Stat.of(finalOod), Stat.of(maxOod), max, last);
    }

    /** The smallest of the last {@code k} values (all of them when there are fewer). */
    static double minOfLast(List<Double> values, int k) {
        return values.subList(Math.max(0, values.size() - k), values.size()).stream()
                .mapToDouble(Double::doubleValue)
                .min()
                .orElse(Double.NaN);
    }

    double fractionMax() {
        return seeds == 0 ? 0 : (double) succeededMax / seeds;
    }

    double fractionLastK() {
        return seeds == 0 ? 0 : (double) succeededLastK / seeds;
    }
}
