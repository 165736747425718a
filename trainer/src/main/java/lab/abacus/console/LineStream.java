package lab.abacus.console;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * A {@link PrintStream} onto a {@link Writer} that hands over whole lines: for code that prints progress to a stream
 * (a Spark job, a benchmark) when the caller holds a writer (a picocli command's output, which tests capture).
 */
public final class LineStream {

    private LineStream() {}

    /** A stream that writes each completed line (and whatever is pending on flush) to {@code w}, UTF-8. */
    public static PrintStream onto(Writer w) {
        return new PrintStream(
                new OutputStream() {
                    private final ByteArrayOutputStream buf = new ByteArrayOutputStream();

                    @Override
                    public synchronized void write(int b) {
                        buf.write(b);
                        if (b == '\n') {
                            flush();
                        }
                    }

                    @Override
                    public synchronized void flush() {
                        try {
                            w.write(buf.toString(StandardCharsets.UTF_8));
                            w.flush();
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                        buf.reset();
                    }
                },
                true,
                StandardCharsets.UTF_8);
    }
}
