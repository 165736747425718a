package lab.abacus.bench;

import ai.djl.Device;
import lab.abacus.model.LibTorch;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * What every benchmark command shares: argument checks (a bad value is a usage error: exit 2 with the message and
 * the command's usage) and the device it measures on.
 */
public final class Bench {

    private Bench() {}

    /** A usage error unless {@code ok}. */
    public static void require(CommandSpec spec, boolean ok, String message) {
        if (!ok) {
            throw new ParameterException(spec.commandLine(), message);
        }
    }

    /** {@code cpu}, or {@code gpu} (GPU 0, which the engine must see). */
    public static Device device(CommandSpec spec, String name) {
        require(spec, name.equals("cpu") || name.equals("gpu"), "--device must be cpu or gpu, not '" + name + "'");
        if (name.equals("cpu")) {
            return Device.cpu();
        }
        try {
            return LibTorch.gpu(0);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--device gpu: " + e.getMessage());
        }
    }

    /** A grid cell written {@code AxB}, e.g. {@code 20x19}. */
    public static int[] cell(CommandSpec spec, String text) {
        String[] ab = text.trim().split("x", -1);
        try {
            int[] out = {Integer.parseInt(ab[0]), Integer.parseInt(ab[1])};
            require(spec, ab.length == 2 && out[0] >= 1 && out[1] >= 1, "");
            return out;
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException | ParameterException e) {
            throw new ParameterException(spec.commandLine(), "'" + text + "' is not a cell AxB (e.g. 20x19)");
        }
    }
}
