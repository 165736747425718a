package lab.abacus.structural;

import java.util.Optional;
import lab.abacus.config.ConfigError;
import lab.abacus.structural.McCoySource.SourceFile;
import lab.abacus.structural.StructuralManifest.SourceCheck;
import lab.abacus.task.PartsOfSpeech;
import lab.abacus.task.StructuralTask;
import org.apache.hadoop.conf.Configuration;

/**
 * The part-of-speech file a McCoy task's scorer reads (tense inflection: {@code pos_tense.txt}), as ingested from the
 * same directory as the task's files: its check against the published file and its tags.
 */
public record McCoyPartsOfSpeech(SourceCheck check, PartsOfSpeech tags) {

    /** {@link SourceCheck#split()} of the part-of-speech file. */
    public static final String CHECK = "parts-of-speech";

    /** The task's part-of-speech file read from {@code source}; empty for a task that reads none. */
    public static Optional<McCoyPartsOfSpeech> read(StructuralTask task, String source, Configuration hadoop) {
        return task.partsOfSpeechFile().map(name -> {
            SourceFile file = SourceFile.read(
                    source,
                    name,
                    hadoop,
                    "download " + name + " from the top folder of github.com/tommccoy1/rnn-hierarchical-biases into"
                            + " that directory (" + task.configName() + "'s scorer reads its part-of-speech tags)");
            PartsOfSpeech tags;
            try {
                tags = PartsOfSpeech.parse(file.utf8());
            } catch (PartsOfSpeech.LineError e) {
                throw new ConfigError(file.path() + ":" + e.line() + ": " + e.getMessage());
            }
            return new McCoyPartsOfSpeech(file.check(CHECK, name, task.publishedPartsOfSpeechBlob()), tags);
        });
    }
}
