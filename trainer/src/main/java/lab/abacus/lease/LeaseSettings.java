package lab.abacus.lease;

import com.typesafe.config.Config;
import java.time.Duration;
import lab.abacus.config.Settings;

/**
 * {@code abacus.lease}: how often a holder renews its lease, and after how long without a renewal it is presumed
 * dead and its lease may be taken over.
 */
public record LeaseSettings(Duration renewEvery, Duration expireAfter) {

    public static final String SECTION = "abacus.lease";

    public static LeaseSettings from(Config config) {
        Settings s = Settings.section(config, SECTION);
        Duration renew = s.duration("renew-every");
        Duration expire = s.duration("expire-after");
        s.require(!renew.isNegative() && !renew.isZero(), "renew-every", "must be positive");
        s.require(
                expire.compareTo(renew.multipliedBy(2)) >= 0,
                "expire-after",
                "must be at least twice renew-every (" + renew + "): one late renewal must not lose a lease");
        return new LeaseSettings(renew, expire);
    }
}
