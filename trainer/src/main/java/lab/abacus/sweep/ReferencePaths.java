package lab.abacus.sweep;

import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import lab.abacus.config.AbacusConfig;

import java.util.List;

/** Looks up sweep axis paths in {@code reference.conf}, the list of every setting there is. */
final class ReferencePaths {

    /** What the reference says about a path. */
    sealed interface Lookup permits Known, FreeForm, Unknown {
    }

    /** The path exists; {@code value} is its default (an object for a whole section or sub-section). */
    record Known(ConfigValue value) implements Lookup {
    }

    /** The path lies under an object that is empty in the reference: a free-form map its owner checks. */
    record FreeForm(String under) implements Lookup {
    }

    /** No such setting; {@code problem} says which segment is wrong and suggests a near key. */
    record Unknown(String problem) implements Lookup {
    }

    private static volatile ConfigObject resolved;

    private ReferencePaths() {
    }

    /** The resolved {@code reference.conf} root, parsed once per JVM (it cannot change while running). */
    static ConfigObject reference() {
        ConfigObject r = resolved;
        if (r == null) {
            r = lab.abacus.config.AbacusConfig.defaults().root();
            resolved = r;
        }
        return r;
    }

    static Lookup lookup(String path) {
        ConfigValue current = reference().get(AbacusConfig.ROOT);
        String walked = AbacusConfig.ROOT;
        List<String> segments = ConfigUtil.splitPath(path);
        for (String segment : segments) {
            if (current.valueType() != ConfigValueType.OBJECT) {
                return new Unknown(walked + " is a " + current.valueType().name().toLowerCase()
                        + " setting and has no key '" + segment + "'");
            }
            ConfigObject obj = (ConfigObject) current;
            if (obj.isEmpty()) {
                return new FreeForm(walked);
            }
            ConfigValue child = obj.get(segment);
            if (child == null) {
                return new Unknown("no setting " + walked + "." + segment + " in reference.conf"
                        + suggestion(segment, obj));
            }
            current = child;
            walked = walked + "." + segment;
        }
        return new Known(current);
    }

    private static String suggestion(String key, ConfigObject obj) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : obj.keySet()) {
            int d = distance(key, candidate);
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        if (best != null && bestDistance <= Math.max(2, key.length() / 3)) {
            return " (did you mean '" + best + "'?)";
        }
        return " (known keys: " + String.join(", ", obj.keySet().stream().sorted().toList()) + ")";
    }

    /** Edit distance, for "did you mean". */
    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
