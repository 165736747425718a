package lab.abacus.sweep;

import com.typesafe.config.Config;

import java.util.List;

/**
 * One point of an expanded sweep: one run.
 *
 * @param index       position in the sweep's stable order (first axis slowest, seeds fastest), from 0
 * @param label       human name of the point, e.g. {@code embedding=abacus,layers=2,seed=1}
 * @param coordinates the point's value on every axis, in axis order, seed last
 * @param seed        the {@code abacus.train.seed} the sweep set, or null when the sweep lists no seeds
 * @param id          content address of {@code runConfig}
 * @param config      the full resolved, validated config of the point (storage, eval, launcher settings included)
 * @param runConfig   {@code abacus.data/model/train} of {@code config}: exactly what determines the run's result
 */
public record RunSpec(int index, String label, List<Coordinate> coordinates, Long seed, RunId id,
                      Config config, Config runConfig) {

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

    /** The run config as HOCON text, for {@code runs/<id>/run.conf} and for shipping to a trainer. */
    public String runConfigText() {
        return RunConfig.render(runConfig);
    }
}
