package lab.abacus.sweep;

import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.List;
import lab.abacus.config.AbacusConfig;
import lab.abacus.config.KeySuggestions;

/** Looks up sweep axis paths in {@code reference.conf}, the list of every setting there is. */
final class ReferencePaths {

    /** What the reference says about a path. */
    sealed interface Lookup permits Known, FreeForm, Unknown {}

    /** The path exists; {@code value} is its default (an object for a whole section or sub-section). */
    record Known(ConfigValue value) implements Lookup {}

    /** The path lies under an object that is empty in the reference: a free-form map its owner checks. */
    record FreeForm(String under) implements Lookup {}

    /** No such setting; {@code problem} says which segment is wrong and suggests a near key. */
    record Unknown(String problem) implements Lookup {}

    private ReferencePaths() {}

    static Lookup lookup(String path) {
        ConfigValue current = AbacusConfig.referenceRoot().get(AbacusConfig.ROOT);
        String walked = AbacusConfig.ROOT;
        List<String> segments = ConfigUtil.splitPath(path);
        for (String segment : segments) {
            if (current.valueType() != ConfigValueType.OBJECT) {
                return new Unknown(
                        walked + " is a " + current.valueType().name().toLowerCase(java.util.Locale.ROOT)
                                + " setting and has no key '" + segment + "'");
            }
            ConfigObject obj = (ConfigObject) current;
            if (obj.isEmpty()) {
                return new FreeForm(walked);
            }
            ConfigValue child = obj.get(segment);
            if (child == null) {
                return new Unknown("no setting " + walked + "." + segment + " in reference.conf"
                        + KeySuggestions.suggestion(segment, obj.keySet()));
            }
            current = child;
            walked = walked + "." + segment;
        }
        return new Known(current);
    }
}
