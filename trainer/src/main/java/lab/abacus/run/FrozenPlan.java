package lab.abacus.run;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import lab.abacus.hash.Hashing;

/**
 * The frozen plan of one trainer Job: pod {@code i} trains {@code points.get(i)}. Points are ordered by run id, so the
 * same pending points always make the same plan, the same id and so the same Job name, whichever reconciler made it.
 * It travels as gzip'd JSON lines (one {@link RunPoint#toJson()} per line, line {@code i} for index {@code i}) in an
 * immutable ConfigMap that the pods mount, written before the Job exists.
 */
public record FrozenPlan(List<RunPoint> points) {

    /** The data key of the plan in its ConfigMap, and the file name pods read. */
    public static final String FILE = "plan.jsonl.gz";

    public FrozenPlan {
        points = List.copyOf(points);
        if (points.isEmpty()) {
            throw new IllegalArgumentException("a plan needs at least one point");
        }
    }

    /** The plan of {@code points} in its canonical order (by run id). */
    public static FrozenPlan of(List<RunPoint> points) {
        return new FrozenPlan(points.stream()
                .sorted(Comparator.comparing(p -> p.target().runId()))
                .toList());
    }

    /** 12 hex digits of the SHA-256 of the run ids in order: names the plan's ConfigMap and Job. */
    public String id() {
        String ids =
                String.join("\n", points.stream().map(p -> p.target().runId()).toList());
        return Hashing.sha256Hex(ids).substring(0, 12);
    }

    public List<String> runIds() {
        return points.stream().map(p -> p.target().runId()).toList();
    }

    public byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            for (RunPoint p : points) {
                gz.write((p.toJson() + "\n").getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Parses {@link #encode()}; {@code source} names the plan in errors. */
    public static FrozenPlan decode(byte[] gzipped, String source) {
        String text;
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped))) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException(source + ": not a gzip'd plan: " + e.getMessage(), e);
        }
        List<String> lines = text.lines().filter(l -> !l.isBlank()).toList();
        return new FrozenPlan(java.util.stream.IntStream.range(0, lines.size())
                .mapToObj(i -> parse(lines.get(i), source, i + 1))
                .toList());
    }

    private static RunPoint parse(String line, String source, int lineNumber) {
        try {
            return RunPoint.fromJson(line);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ":" + lineNumber + ": " + e.getMessage(), e);
        }
    }
}
