package lab.abacus.cli;

import com.typesafe.config.Config;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import lab.abacus.console.LineStream;
import lab.abacus.console.TextTable;
import lab.abacus.lease.LeaseSettings;
import lab.abacus.storage.Leftovers;
import lab.abacus.storage.Storage;
import lab.abacus.storage.StorageRef;
import lab.abacus.tables.Table;
import lab.abacus.tables.TableQuarantine;
import lab.abacus.tables.TableReader;
import org.apache.hadoop.fs.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code abacus tables check|repair}: the health of a storage root's tables. {@code check} reads every row of every
 * table file and lists what is wrong (unreadable files, quarantined files, staging files a killed writer left);
 * {@code repair} quarantines the unreadable files and deletes the leftovers. Neither needs Spark.
 */
@Command(
        mixinStandardHelpOptions = true,
        name = "tables",
        description = "Check or repair the tables of a storage root (unreadable files, leftovers of killed writers).",
        subcommands = {TablesCommand.Check.class, TablesCommand.Repair.class})
final class TablesCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return AbacusMain.missingSubcommand(spec);
    }

    /** One problem found: what, where, and what repair does about it. */
    record Finding(String kind, Path path, String problem) {}

    /** Everything wrong under the root, found by reading (nothing is changed). */
    static List<Finding> inspect(Storage storage, Config config) {
        List<Finding> out = new ArrayList<>();
        for (String table : Table.NAMES) {
            for (Path f : TableReader.visibleParquetFiles(storage.fs(), storage.table(table))) {
                String problem = TableQuarantine.problem(storage, f);
                if (problem != null) {
                    out.add(new Finding("unreadable", f, problem));
                }
            }
            for (Path q : TableQuarantine.quarantined(storage, table)) {
                out.add(new Finding("quarantined", q, "moved aside earlier; its rows are not in the table"));
            }
        }
        for (Path p : Leftovers.find(storage, LeaseSettings.from(config).expireAfter())) {
            out.add(new Finding("leftover", p, "staging file of a writer that died"));
        }
        return out;
    }

    static void print(List<Finding> findings, PrintStream out) {
        TextTable t = new TextTable("kind", "path", "problem");
        findings.forEach(f -> t.row(f.kind(), f.path().toString(), f.problem()));
        out.print(t.render());
    }

    /** Shared arguments: the config (for the storage root) and the output. */
    abstract static class TablesVerb implements Callable<Integer> {

        @Mixin
        ConfigFlags config;

        @Spec
        CommandSpec spec;

        PrintStream out() {
            return LineStream.onto(spec.commandLine().getOut());
        }
    }

    @Command(
            mixinStandardHelpOptions = true,
            name = "check",
            description = "List unreadable table files, quarantined files and leftovers of killed writers; "
                    + "exit 1 when there is anything to repair.")
    static final class Check extends TablesVerb {
        @Override
        public Integer call() {
            Config c = config.load();
            Storage storage = StorageRef.from(c).open();
            List<Finding> findings = inspect(storage, c);
            PrintStream out = out();
            if (findings.isEmpty()) {
                out.println("tables under " + storage.root() + ": all files readable, no leftovers");
                out.flush();
                return AbacusMain.EXIT_OK;
            }
            print(findings, out);
            long repairable = findings.stream()
                    .filter(f -> !f.kind().equals("quarantined"))
                    .count();
            out.println(findings.size() + " finding(s); " + repairable + " for `abacus tables repair`");
            out.flush();
            return repairable == 0 ? AbacusMain.EXIT_OK : AbacusMain.EXIT_FAILURE;
        }
    }

    @Command(
            mixinStandardHelpOptions = true,
            name = "repair",
            description = "Quarantine unreadable table files (their work is redone by the next `sweep run`) "
                    + "and delete leftovers of killed writers.")
    static final class Repair extends TablesVerb {
        @Override
        public Integer call() {
            Config c = config.load();
            Storage storage = StorageRef.from(c).open().requireWritable();
            PrintStream out = out();
            int quarantined = 0;
            int deleted = 0;
            for (Finding f : inspect(storage, c)) {
                if (f.kind().equals("unreadable")) {
                    quarantined +=
                            TableQuarantine.quarantine(storage, f.path(), f.problem(), out::println) == null ? 0 : 1;
                } else if (f.kind().equals("leftover")) {
                    storage.deleteQuietly(f.path());
                    out.println("deleted " + f.path());
                    deleted++;
                }
            }
            out.println("repaired " + storage.root() + ": " + quarantined + " file(s) quarantined, " + deleted
                    + " leftover(s) deleted" + (quarantined > 0 ? "; run `abacus sweep run` to redo their work" : ""));
            out.flush();
            return AbacusMain.EXIT_OK;
        }
    }
}
