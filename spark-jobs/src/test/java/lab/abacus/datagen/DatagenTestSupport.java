package lab.abacus.datagen;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import lab.abacus.config.AbacusConfig;
import org.apache.spark.sql.Row;

/** Shared bits of the datagen tests: tiny configs and an independent answer checker. */
final class DatagenTestSupport {

    private DatagenTestSupport() {}

    /** Tiny addition dataset config under {@code root}, plus extra HOCON. */
    static Config config(String root, String extra) {
        String hocon = "abacus { storage.root = \"" + root + "\"\n data { train { len-a = 4, len-b = 4, rows = 3000 }\n"
                + " eval { len-a-to = 5, len-b-to = 5, samples = 12, diagonal-from = 7, diagonal-to = 8 }\n"
                + " shards = 4, eval-shards = 3 } }\n" + extra;
        return AbacusConfig.fromLayers(ConfigFactory.parseString(hocon).withFallback(ConfigFactory.empty()));
    }

    static String reverse(String s) {
        return new StringBuilder(s).reverse().toString();
    }

    static BigInteger number(String reversed, int digits) {
        assertThat(reversed).hasSize(digits).matches("[0-9]+");
        if (digits > 1) {
            assertThat(reversed).doesNotEndWith("0");
        }
        return new BigInteger(reverse(reversed));
    }

    /** Re-check one row by independent computation (BigInteger, a library stable sort, OR semantics). */
    static void check(String task, Row row) {
        int a = row.getInt(row.fieldIndex("len_a"));
        int b = row.getInt(row.fieldIndex("len_b"));
        String prompt = row.getString(row.fieldIndex("prompt"));
        String answer = row.getString(row.fieldIndex("answer"));
        assertThat(prompt).endsWith("=");
        switch (task) {
            case "addition", "subtraction", "multiplication" -> {
                char op = task.equals("addition") ? '+' : task.equals("subtraction") ? '-' : 'x';
                int at = prompt.indexOf(op);
                BigInteger x = number(prompt.substring(0, at), a);
                BigInteger y = number(prompt.substring(at + 1, prompt.length() - 1), b);
                BigInteger r =
                        task.equals("addition") ? x.add(y) : task.equals("subtraction") ? x.subtract(y) : x.multiply(y);
                assertThat(r.signum()).isNotNegative();
                assertThat(answer).isEqualTo(reverse(r.toString()));
            }
            case "sorting" -> {
                List<Character> labels = new ArrayList<>();
                List<BigInteger> nums = new ArrayList<>();
                int k = 0;
                while (true) {
                    labels.add(prompt.charAt(k));
                    assertThat(prompt.charAt(k + 1)).isEqualTo(':');
                    int s = k + 2;
                    k = s;
                    while (Character.isDigit(prompt.charAt(k))) {
                        k++;
                    }
                    assertThat(k - s).isBetween(1, a);
                    nums.add(number(prompt.substring(s, k), k - s));
                    if (prompt.charAt(k++) == '=') {
                        break;
                    }
                }
                assertThat(labels).hasSize(b);
                List<Integer> idx = new ArrayList<>();
                for (int i = 0; i < b; i++) {
                    idx.add(i);
                }
                idx.sort(Comparator.comparing(nums::get));
                StringBuilder sb = new StringBuilder();
                for (int i : idx) {
                    sb.append(sb.length() == 0 ? "" : ",").append(labels.get(i));
                }
                assertThat(answer).isEqualTo(sb.toString());
            }
            case "bitwise-or" -> {
                assertThat(prompt).hasSize(a + b + 2).matches("[01]+\\+[01]+=");
                String x = prompt.substring(0, a);
                String y = prompt.substring(a + 1, a + 1 + b);
                assertThat((x + y).replace("0", "")).isEqualTo("1");
                StringBuilder or = new StringBuilder();
                for (int i = 0; i < Math.max(a, b); i++) {
                    or.append((i < a && x.charAt(i) == '1') || (i < b && y.charAt(i) == '1') ? '1' : '0');
                }
                assertThat(answer).isEqualTo(or.toString());
            }
            default -> throw new IllegalArgumentException(task);
        }
    }
}
