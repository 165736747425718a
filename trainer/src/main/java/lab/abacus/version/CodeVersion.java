package lab.abacus.version;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * What code produced an artifact: the Maven version and the git commit the build saw ("unknown" when built outside
 * a git checkout), plus whether the working tree had uncommitted changes. Filled in by resource filtering at build
 * time, so it is right inside a shaded jar on a cluster, where no git checkout exists.
 */
public record CodeVersion(String version, String commit, boolean dirty) {

    private static final String RESOURCE = "/abacus-version.properties";
    private static final CodeVersion CURRENT = load();

    /** The version of the code running now. */
    public static CodeVersion current() {
        return CURRENT;
    }

    /** One short token for manifests and logs, e.g. {@code 0.1.0-SNAPSHOT+3f2a1bc} or {@code ...+3f2a1bc.dirty}. */
    public String describe() {
        return version + "+" + commit + (dirty ? ".dirty" : "");
    }

    private static CodeVersion load() {
        Properties p = new Properties();
        try (InputStream in = CodeVersion.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new CodeVersion(
                clean(p.getProperty("version")),
                clean(p.getProperty("commit")),
                "true".equals(clean(p.getProperty("dirty"))));
    }

    /** An unfiltered placeholder ("${...}") or a missing value means the build could not tell. */
    private static String clean(String v) {
        return v == null || v.isBlank() || v.contains("${") ? "unknown" : v.trim();
    }
}
