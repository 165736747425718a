package lab.abacus.lease;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValueFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a lease file says: who holds it (an owner token unique to one process and one acquisition), its generation,
 * when it was acquired and last renewed, how long it lives without a renewal, a note for people (e.g. the step a
 * trainer is at) and whether its holder released it.
 *
 * @param ttl a holder that has not renewed for this long is presumed dead, and its lease may be taken over
 */
public record LeaseRecord(
        String owner,
        long generation,
        Instant acquiredAt,
        Instant renewedAt,
        Duration ttl,
        String note,
        boolean released) {

    /** Whether the holder still holds it at {@code now}: not released, and renewed within its time to live. */
    public boolean live(Instant now) {
        return !released && renewedAt.plus(ttl).isAfter(now);
    }

    /** This record renewed at {@code at} with {@code newNote}. */
    LeaseRecord renewed(Instant at, String newNote, boolean release) {
        return new LeaseRecord(owner, generation, acquiredAt, at, ttl, newNote, release);
    }

    String toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("owner", owner);
        m.put("generation", generation);
        m.put("acquired_at", acquiredAt.toString());
        m.put("renewed_at", renewedAt.toString());
        m.put("ttl_ms", ttl.toMillis());
        m.put("note", note);
        m.put("released", released);
        return ConfigValueFactory.fromMap(m)
                .render(ConfigRenderOptions.concise().setJson(true));
    }

    /** Parses {@link #toJson()}; throws {@link IllegalArgumentException} for anything else (a torn write). */
    static LeaseRecord fromJson(String json) {
        try {
            Config c = ConfigFactory.parseString(json);
            return new LeaseRecord(
                    c.getString("owner"),
                    c.getLong("generation"),
                    Instant.parse(c.getString("acquired_at")),
                    Instant.parse(c.getString("renewed_at")),
                    Duration.ofMillis(c.getLong("ttl_ms")),
                    c.hasPath("note") ? c.getString("note") : "",
                    c.getBoolean("released"));
        } catch (ConfigException | java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("not a lease record: " + e.getMessage(), e);
        }
    }

    /** e.g. {@code host-a/4711/9f3c (step 400, renewed 12 s ago)}. */
    public String describe(Instant now) {
        long ago = Duration.between(renewedAt, now).toSeconds();
        return owner + " (" + (note.isBlank() ? "" : note + ", ")
                + (released ? "released" : "renewed " + ago + " s ago") + ")";
    }
}
