package lab.abacus.sweep;

import com.typesafe.config.Config;
import java.util.List;
import lab.abacus.run.RunConfig;
import lab.abacus.run.RunId;
import lab.abacus.run.RunPoint;
import lab.abacus.run.RunTarget;

/**
 * One point of an expanded sweep: one run.
 *
 * @param index       position in the sweep's stable order (first axis slowest, seeds fastest), from 0
 * @param label       human name of the point, e.g. {@code embedding=abacus,layers=2,seed=1}
 * @param coordinates the point's value on every axis, in axis order, seed last
 * @param seed        the {@code abacus.train.seed} the sweep set, or null when the sweep lists no seeds
 * @param target      the run's identity, derived from {@code config} ({@link RunTarget#of(Config, String)})
 * @param config      the full resolved, validated config of the point (storage, eval, launcher settings included)
 */
public record RunSpec(
        int index, String label, List<Coordinate> coordinates, Long seed, RunTarget target, Config config) {

    /**
     * A point's value on one axis leaf.
     *
     * @param path  config path relative to {@code abacus}, e.g. {@code model.embedding} ({@code train.seed} for seeds)
     * @param name  short name used in labels and tables, e.g. {@code embedding}
     * @param value the value as text, e.g. {@code abacus}
     */
    public record Coordinate(String path, String name, String value) {
        @Override
        public String toString() {
            return name + "=" + value;
        }
    }

    /** The content address of the run. */
    public RunId id() {
        return new RunId(target.runId());
    }

    /** {@code abacus.data/model/train} of {@code config}: exactly what determines the run's result. */
    public Config runConfig() {
        return RunConfig.of(config);
    }

    /** The run config as HOCON text, for {@code runs/<id>/run.conf}. */
    public String runConfigText() {
        return RunConfig.render(runConfig());
    }

    /** The point as it travels to wherever it trains. */
    public RunPoint point() {
        return RunPoint.of(index, label, target, config);
    }
}
