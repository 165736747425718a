package lab.abacus.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import picocli.CommandLine.Model.CommandSpec;

/**
 * For verbs whose library call prints to a {@link PrintStream} ({@code sql}, {@code report}): the text is collected
 * and printed to the command's out only when the call finished, so a failing query prints its error alone; an
 * {@link IllegalArgumentException} (a bad query, an unknown run or sweep) is the user's error.
 */
final class BufferedOutput {

    private BufferedOutput() {}

    static void print(CommandSpec spec, Consumer<PrintStream> body) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (PrintStream ps = new PrintStream(buf, true, StandardCharsets.UTF_8)) {
            body.accept(ps);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage(), e);
        }
        spec.commandLine().getOut().print(buf.toString(StandardCharsets.UTF_8));
        spec.commandLine().getOut().flush();
    }
}
