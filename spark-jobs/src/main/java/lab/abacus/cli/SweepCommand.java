package lab.abacus.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import lab.abacus.config.ConfigOverrides;
import lab.abacus.console.LineStream;
import lab.abacus.console.TextTable;
import lab.abacus.orchestration.KubernetesLauncher;
import lab.abacus.orchestration.SparkLauncher;
import lab.abacus.orchestration.SweepRunner;
import lab.abacus.orchestration.SweepSummary;
import lab.abacus.process.ProcessSignals;
import lab.abacus.spark.SparkSessions;
import lab.abacus.storage.Storage;
import lab.abacus.sweep.LauncherSettings;
import lab.abacus.sweep.SweepPlan;
import lab.abacus.sweep.SweepPlan.Action;
import lab.abacus.sweep.SweepPlan.PointStatus;
import lab.abacus.sweep.SweepSpec;
import lab.abacus.train.StopSignal;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code abacus sweep plan|status|run <sweep.conf> [--set k=v]...}. */
@Command(
        mixinStandardHelpOptions = true,
        name = "sweep",
        description = "Plan, run or inspect a sweep (a grid of runs x seeds), idempotently.",
        subcommands = {SweepCommand.Plan.class, SweepCommand.Status.class, SweepCommand.Run.class})
final class SweepCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return AbacusMain.missingSubcommand(spec);
    }

    /** Arguments every sub-command takes. */
    abstract static class SweepVerb implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "<sweep.conf>", description = "the sweep file (HOCON)")
        Path file;

        @Mixin
        ConfigOverrides overrides;

        /** Validate the whole sweep before anything starts (file:line and key on any problem). */
        /** The sweep as {@link #printPlan} loaded it. */
        SweepSpec loaded;

        SweepSpec load() {
            return SweepSpec.load(file, overrides.values());
        }

        PrintStream out() {
            return LineStream.onto(spec.commandLine().getOut());
        }

        /** Load the sweep, plan it from what exists, print the point table, then {@code tail} (plan and status). */
        Integer printPlan(String app, java.util.function.BiConsumer<SweepPlan, PrintStream> tail) {
            SweepSpec s = load();
            loaded = s;
            PrintStream out = out();
            SparkSession spark = Sweeps.session(s, app);
            SweepPlan plan = SweepRunner.plan(SparkSessions.storage(spark, s.config()), s);
            out.print(plan.render());
            tail.accept(plan, out);
            out.flush();
            return AbacusMain.EXIT_OK;
        }
    }

    @Command(
            mixinStandardHelpOptions = true,
            name = "plan",
            description = "What `sweep run` would do: every point as done, running, pending or"
                    + " failed, and its next step. Executes nothing.")
    static final class Plan extends SweepVerb {
        @Override
        public Integer call() {
            return printPlan("abacus sweep plan", (plan, out) -> out.println(Sweeps.wouldDo(plan)));
        }
    }

    @Command(
            mixinStandardHelpOptions = true,
            name = "status",
            description = "Where a sweep stands: each point's state, step / budget, ID and OOD"
                    + " accuracy so far, and the summary over seeds.")
    static final class Status extends SweepVerb {
        @Override
        public Integer call() {
            return printPlan("abacus sweep status", (plan, out) -> {
                out.println();
                out.print(SweepSummary.render(plan));
                LauncherSettings ls = LauncherSettings.from(loaded.config());
                if (ls.type() == LauncherSettings.Type.KUBERNETES) {
                    out.println();
                    out.print(clusterTable(plan, KubernetesLauncher.clusterStatus(ls.kubernetes(), loaded)));
                }
            });
        }

        /** Each point's Job and pod next to what the tables say. */
        private static String clusterTable(SweepPlan plan, List<String> cluster) {
            TextTable t = new TextTable("point", "run", "tables", "cluster");
            for (int i = 0; i < plan.points().size(); i++) {
                PointStatus p = plan.points().get(i);
                t.row(
                        p.point().label(),
                        p.point().id().toString(),
                        p.state().name().toLowerCase(Locale.ROOT),
                        cluster.get(i));
            }
            return t.render();
        }
    }

    @Command(
            mixinStandardHelpOptions = true,
            name = "run",
            description = "Generate missing datasets, train pending points, evaluate missing grid"
                    + " cells, write the report. Only missing work is done; safe to run again after a crash.")
    static final class Run extends SweepVerb {
        @Override
        public Integer call() {
            return Sweeps.run(load(), "abacus sweep run", out());
        }
    }

    /** Shared by sweep and quickstart. */
    static final class Sweeps {

        private Sweeps() {}

        /**
         * Exit 0 when every point is done or is being trained by another process, 1 when some point failed or the
         * run was stopped.
         */
        static int run(SweepSpec s, String app, PrintStream out) {
            SparkSession spark = session(s, app);
            Storage storage = SparkSessions.writableStorage(spark, s.config());
            SweepRunner runner = SweepRunner.of(spark, storage, s, out);
            // SIGTERM / Ctrl-C: stop the trainers (they checkpoint), cancel Spark jobs, print the summary, exit 1.
            StopSignal stop = new StopSignal();
            if (ProcessSignals.onSignal(why -> {
                stop.request(why);
                spark.sparkContext().cancelAllJobs();
            })) {
                runner = runner.stopOn(stop);
            }
            SweepRunner.Result r = runner.run(s);
            out.flush();
            return r.settled() && !r.interrupted() ? AbacusMain.EXIT_OK : AbacusMain.EXIT_FAILURE;
        }

        /** The session, with the executor GPU settings of the spark launcher when that launcher is chosen. */
        static SparkSession session(SweepSpec s, String app) {
            Config c = s.config();
            LauncherSettings ls = LauncherSettings.from(c);
            if (ls.type() == LauncherSettings.Type.SPARK) {
                for (Map.Entry<String, String> e :
                        SparkLauncher.sessionConf(ls.spark()).entrySet()) {
                    c = ConfigFactory.empty()
                            .withValue(
                                    "abacus.spark.conf.\"" + e.getKey() + "\"",
                                    ConfigValueFactory.fromAnyRef(e.getValue()))
                            .withFallback(c);
                }
            }
            return SparkSessions.getOrCreate(c, app);
        }

        static String wouldDo(SweepPlan plan) {
            long train = plan.points().stream()
                    .filter(p -> p.action() == Action.TRAIN)
                    .count();
            long retry = plan.points().stream()
                    .filter(p -> p.action() == Action.RETRY)
                    .count();
            long resume = plan.points().stream()
                    .filter(p -> p.action() == Action.RESUME)
                    .count();
            long eval = plan.points().stream()
                    .filter(p -> p.action() == Action.EVALUATE)
                    .count();
            if (train + retry + resume + eval == 0) {
                return "`sweep run` would do nothing: "
                        + (plan.complete()
                                ? "every point is done"
                                : "no point has work left (running or out of retries)");
            }
            return String.format(
                    Locale.ROOT,
                    "`sweep run` would train %d, retry %d, resume %d and evaluate %d"
                            + " point(s), then evaluate the grids of the trained ones",
                    train,
                    retry,
                    resume,
                    eval);
        }
    }
}
