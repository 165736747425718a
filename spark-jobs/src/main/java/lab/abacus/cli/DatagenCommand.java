package lab.abacus.cli;

import com.typesafe.config.Config;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import lab.abacus.console.LineStream;
import lab.abacus.data.DataSettings;
import lab.abacus.datagen.GenerateDatasetsJob;
import lab.abacus.datagen.GenerateStructuralDatasetsJob;
import lab.abacus.spark.SparkSessions;
import lab.abacus.structural.StructuralDataSettings;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code abacus datagen [<conf>] [--set k=v]...}: GenerateDatasets for the config's {@code abacus.data} section into
 * {@code <root>/datasets/<id>} (an arithmetic or a structural task's); prints progress and the end summary. A complete
 * dataset is found and left alone.
 */
@Command(
        mixinStandardHelpOptions = true,
        name = "datagen",
        description = "Generate the train/eval datasets of a config (GenerateDatasets).")
final class DatagenCommand implements Callable<Integer> {

    @Mixin
    ConfigArgs config;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Config c = config.load();
        boolean structural = StructuralDataSettings.applies(c);
        if (structural) { // range errors before Spark starts
            StructuralDataSettings.from(c);
        } else {
            DataSettings.from(c);
        }
        SparkSession spark = SparkSessions.getOrCreate(c, "abacus datagen");
        PrintWriter out = spec.commandLine().getOut();
        out.println(
                structural
                        ? GenerateStructuralDatasetsJob.run(spark, c, LineStream.onto(out))
                                .render()
                        : GenerateDatasetsJob.run(spark, c, LineStream.onto(out))
                                .render());
        out.flush();
        return AbacusMain.EXIT_OK;
    }
}
