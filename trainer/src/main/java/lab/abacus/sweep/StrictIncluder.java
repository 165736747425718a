package lab.abacus.sweep;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigIncludeContext;
import com.typesafe.config.ConfigIncluder;
import com.typesafe.config.ConfigIncluderFile;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigParseable;
import java.io.File;

/**
 * Resolves {@code include "x.conf"} relative to the including file and fails when it is missing. Typesafe Config
 * silently skips a missing non-{@code required} include, which would turn a typo in a fragment name into a sweep
 * that quietly runs with defaults.
 */
final class StrictIncluder implements ConfigIncluder, ConfigIncluderFile {

    @Override
    public ConfigIncluder withFallback(ConfigIncluder fallback) {
        return this;
    }

    @Override
    public ConfigObject include(ConfigIncludeContext context, String what) {
        ConfigParseable parseable = context.relativeTo(what);
        if (parseable == null) {
            throw new ConfigException.BadPath(what, "cannot include '" + what + "'");
        }
        try {
            return parseable.parse(parseable.options().setAllowMissing(false));
        } catch (ConfigException.IO e) {
            throw new MissingInclude(
                    "include \"" + what + "\": file not found (includes are relative to the " + "including file)", e);
        }
    }

    @Override
    public ConfigObject includeFile(ConfigIncludeContext context, File file) {
        if (!file.isFile()) {
            throw new MissingInclude("include file(\"" + file + "\"): file not found", null);
        }
        return ConfigFactory.parseFile(file, context.parseOptions().setAllowMissing(false))
                .root();
    }

    /** An include that names no existing file; the loader adds which sweep file it came from. */
    static final class MissingInclude extends ConfigException {
        MissingInclude(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
