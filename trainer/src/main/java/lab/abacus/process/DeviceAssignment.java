package lab.abacus.process;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValueFactory;

/**
 * The device a launcher assigned to a run (a Spark task's GPU address), written over the config's
 * {@code abacus.train.device / gpu-index}. Where a run trains is not part of what it is: the run id stays the one
 * computed from the config before the assignment.
 */
public final class DeviceAssignment {

    private DeviceAssignment() {}

    /** {@code config} on GPU {@code index}, or unchanged when {@code index} is null. */
    public static Config apply(Config config, Integer index) {
        if (index == null) {
            return config;
        }
        return config.withValue("abacus.train.device", ConfigValueFactory.fromAnyRef("gpu"))
                .withValue("abacus.train.gpu-index", ConfigValueFactory.fromAnyRef(index));
    }

    /** e.g. {@code cpu} or {@code gpu 1}, for outcomes and logs. */
    public static String describe(Config config) {
        String device = config.getString("abacus.train.device");
        return "gpu".equals(device) ? "gpu " + config.getInt("abacus.train.gpu-index") : device;
    }
}
