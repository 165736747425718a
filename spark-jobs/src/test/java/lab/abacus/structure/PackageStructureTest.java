package lab.abacus.structure;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import lab.abacus.cli.AbacusMain;
import lab.abacus.run.RunId;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The structure docs/architecture.md describes, checked on the compiled classes of both modules: the packages form
 * a DAG, the trainer never touches Spark, a package name lives in one module, and every package says what lives
 * there in a {@code package-info.java}.
 */
class PackageStructureTest {

    private static JavaClasses trainer;
    private static JavaClasses sparkJobs;

    @BeforeAll
    static void importClasses() {
        ClassFileImporter importer =
                new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS);
        trainer = importer.importUrl(location(RunId.class));
        sparkJobs = importer.importUrl(location(AbacusMain.class));
    }

    @Test
    void thePackagesOfBothModulesFormADag() {
        JavaClasses all = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importUrls(List.of(location(RunId.class), location(AbacusMain.class)));
        slices().matching("lab.abacus.(**)").should().beFreeOfCycles().check(all);
    }

    @Test
    void theTrainerNeverImportsSpark() {
        assertThat(trainer.size()).isGreaterThan(100);
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.apache.spark..", "scala..")
                .check(trainer);
    }

    @Test
    void aPackageNameLivesInOneModule() {
        Set<String> inTrainer = packages(trainer);
        Set<String> both = new TreeSet<>(packages(sparkJobs));
        both.retainAll(inTrainer);
        assertThat(inTrainer).contains("lab.abacus.run", "lab.abacus.train");
        assertThat(both).as("packages in both modules").isEmpty();
    }

    @Test
    void everyPackageHasAPackageInfo() throws IOException {
        Set<String> missing = new TreeSet<>();
        for (Path sources : List.of(Path.of("../trainer/src/main/java"), Path.of("src/main/java"))) {
            try (Stream<Path> dirs = Files.walk(sources)) {
                for (Path dir : dirs.filter(Files::isDirectory).toList()) {
                    if (hasJava(dir) && !Files.exists(dir.resolve("package-info.java"))) {
                        missing.add(sources.relativize(dir).toString().replace('/', '.'));
                    }
                }
            }
        }
        assertThat(missing).as("packages without package-info.java").isEmpty();
    }

    private static boolean hasJava(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.anyMatch(f -> f.toString().endsWith(".java"));
        }
    }

    private static Set<String> packages(JavaClasses classes) {
        return classes.stream()
                .map(c -> c.getPackageName())
                .filter(p -> p.startsWith("lab.abacus"))
                .collect(Collectors.toCollection(HashSet::new));
    }

    private static URL location(Class<?> type) {
        return type.getProtectionDomain().getCodeSource().getLocation();
    }
}
