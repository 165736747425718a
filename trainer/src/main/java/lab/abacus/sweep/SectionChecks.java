package lab.abacus.sweep;

import com.typesafe.config.Config;
import java.util.List;
import java.util.function.Consumer;
import lab.abacus.data.DataSettings;
import lab.abacus.grid.EvalSettings;
import lab.abacus.lease.LeaseSettings;
import lab.abacus.model.ModelSettings;
import lab.abacus.storage.StorageRef;
import lab.abacus.structural.StructuralDataSettings;
import lab.abacus.train.TrainSettings;

/**
 * The typed settings every sweep is checked with before any work: building each section's record runs its range
 * and cross-field checks, which throw {@link lab.abacus.config.ConfigError} naming file:line and key.
 * This is the one place to add a section's settings when it lands.
 */
final class SectionChecks {

    /** Run sections, checked for every expanded point (axes change them), then across sections. */
    static final List<Consumer<Config>> PER_POINT =
            List.of(SectionChecks::data, ModelSettings::from, TrainSettings::from, PointChecks::check);

    /** Sections no axis may change, checked once per sweep. */
    static final List<Consumer<Config>> PER_SWEEP =
            List.of(StorageRef::from, LauncherSettings::from, LeaseSettings::from, EvalSettings::from);

    private SectionChecks() {}

    /** {@code abacus.data}: an arithmetic task's settings, or a structural task's. */
    static void data(Config c) {
        if (StructuralDataSettings.applies(c)) {
            StructuralDataSettings.from(c);
        } else {
            DataSettings.from(c);
        }
    }
}
