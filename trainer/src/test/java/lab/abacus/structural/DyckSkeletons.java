package lab.abacus.structural;

import java.util.ArrayList;
import java.util.List;

/** An independent reading of a Dyck string's words: each top-level component's open/close pattern as 0/1 text. */
public final class DyckSkeletons {

    private DyckSkeletons() {}

    public static List<String> of(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int depth = 0;
        for (String w : text.split(" ", -1)) {
            boolean open = w.startsWith("(");
            current.append(open ? '1' : '0');
            depth += open ? 1 : -1;
            if (depth == 0) {
                out.add(current.toString());
                current.setLength(0);
            }
        }
        return out;
    }
}
