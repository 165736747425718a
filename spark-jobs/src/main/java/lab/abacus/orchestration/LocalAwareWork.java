package lab.abacus.orchestration;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import lab.abacus.run.RunId;
import lab.abacus.sweep.ExistingWork;

/**
 * What the tables say, corrected by what this {@code sweep run} saw itself: a point whose launch returned is not
 * running any more (even if its heartbeat is fresh), and a point that failed before the trainer could write a row
 * (e.g. a config the trainer rejects) counts as failed with its reason, so that it is retried and given up like
 * any other failure instead of being launched again forever.
 */
final class LocalAwareWork implements ExistingWork {

    private final ExistingWork tables;
    private final Set<RunId> returned;
    private final Map<RunId, Failure> rowless;

    record Failure(int count, String reason) {}

    LocalAwareWork(ExistingWork tables, Set<RunId> returned, Map<RunId, Failure> rowless) {
        this.tables = tables;
        this.returned = returned;
        this.rowless = rowless;
    }

    @Override
    public Optional<RunRecord> latest(RunId id) {
        Optional<RunRecord> r = tables.latest(id);
        if (r.isEmpty() && rowless.containsKey(id)) {
            Failure f = rowless.get(id);
            return Optional.of(
                    new RunRecord(id, f.count(), RunStatus.FAILED, f.reason(), 0, 0, null, null, Instant.now()));
        }
        return r;
    }

    @Override
    public boolean gridComplete(RunId id) {
        return tables.gridComplete(id);
    }

    @Override
    public boolean alive(RunId id) {
        return !returned.contains(id) && tables.alive(id);
    }

    @Override
    public boolean interrupted(RunRecord r) {
        return tables.interrupted(r);
    }

    @Override
    public int failures(RunRecord r) {
        if (tables.latest(r.id()).isEmpty() && rowless.containsKey(r.id())) {
            return rowless.get(r.id()).count();
        }
        return tables.failures(r);
    }
}
