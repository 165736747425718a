package lab.abacus.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** {@code kubectl kustomize} over the repository's {@code k8s/} tree, offline. */
final class Kustomize {

    static final Path K8S = Path.of(System.getProperty("abacus-test.k8s.dir", "../k8s"));

    private Kustomize() {}

    /** The overlays under k8s/overlays. */
    static List<String> overlays() throws IOException {
        try (Stream<Path> s = Files.list(K8S.resolve("overlays"))) {
            return s.filter(Files::isDirectory)
                    .map(p -> p.getFileName().toString())
                    .sorted()
                    .toList();
        }
    }

    /** The rendered YAML of an overlay. */
    static String render(String overlay) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(
                        "kubectl",
                        "kustomize",
                        K8S.resolve("overlays").resolve(overlay).toString())
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("kubectl kustomize " + overlay + " failed:\n" + out);
        }
        return out;
    }

    /** The YAML documents of a rendering. */
    static List<String> documents(String yaml) {
        return Pattern.compile("(?m)^---\\s*$")
                .splitAsStream(yaml)
                .filter(d -> !d.isBlank())
                .toList();
    }
}
