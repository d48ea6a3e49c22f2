package dev.preptrack.ui.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Keeps each capability in its room (docs/architecture.md): the domain — events, commands and
 * decisions, the folds and the use cases — free of Kafka, Avro, Jackson and Javalin; the write
 * domain free of the Avro wire classes too; and the HTTP adapter reaching the read side only
 * through its use cases, never into the folds or the topologies.
 */
@AnalyzeClasses(packages = "dev.preptrack", importOptions = {ImportOption.DoNotIncludeTests.class,
    ArchitectureTest.DoNotIncludeTestJars.class})
class ArchitectureTest {

    /** Other modules' shared test helpers (their {@code -tests.jar}s) are tests too, whatever the build packed them in. */
    static final class DoNotIncludeTestJars implements ImportOption {
        @Override
        public boolean includes(com.tngtech.archunit.core.importer.Location location) {
            return !location.contains("-tests.jar");
        }
    }

    private static final String[] DOMAIN = {"dev.preptrack.domain..", "dev.preptrack.tracker.domain..",
        "dev.preptrack.tracker.app..", "dev.preptrack.projections.query..", "dev.preptrack.projections.readiness..",
        "dev.preptrack.projections.stories..", "dev.preptrack.projections.feedback..",
        "dev.preptrack.projections.themes.."};

    private static final String[] FOLDS = {"dev.preptrack.projections.readiness..",
        "dev.preptrack.projections.stories..", "dev.preptrack.projections.feedback..",
        "dev.preptrack.projections.themes.."};

    @ArchTest
    static final ArchRule the_domain_imports_no_kafka_avro_jackson_or_javalin = noClasses()
            .that().resideInAnyPackage(DOMAIN)
            .should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka..", "org.apache.avro..",
                    "com.fasterxml.jackson..", "tools.jackson..", "io.javalin..")
            .because("the domain is plain Java: adapters map it to wire formats, brokers and HTTP");

    @ArchTest
    static final ArchRule the_write_domain_reasons_in_its_own_types_not_the_avro_wire_classes = noClasses()
            .that().resideInAnyPackage("dev.preptrack.domain..", "dev.preptrack.tracker.domain..",
                    "dev.preptrack.tracker.app..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.preptrack.events..", "dev.preptrack.commands..")
            .because("the Avro classes are the wire and storage format, mapped only by the codecs");

    @ArchTest
    static final ArchRule http_reaches_the_read_side_only_through_its_use_cases = noClasses()
            .that().resideInAPackage("dev.preptrack.ui.http..")
            .should().dependOnClassesThat().resideInAnyPackage(FOLDS)
            .orShould().dependOnClassesThat().resideInAnyPackage("dev.preptrack.projections.topology..",
                    "dev.preptrack.projections.replay..", "dev.preptrack.tracker.kafka..")
            .because("routes parse, call a use case and render its result; domain rules live behind them");

    @ArchTest
    static final ArchRule the_folds_know_nothing_of_who_runs_or_reads_them = noClasses()
            .that().resideInAnyPackage(FOLDS)
            .should().dependOnClassesThat().resideInAnyPackage("dev.preptrack.projections.topology..",
                    "dev.preptrack.projections.query..", "dev.preptrack.ui..")
            .because("a fold is (state, event, rules) -> state, run alike live, in a replay and as of a date");

    @ArchTest
    static final ArchRule the_cli_talks_to_preptrack_over_http_like_any_client = noClasses()
            .that().resideInAPackage("dev.preptrack.ui.cli..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.preptrack.projections..",
                    "dev.preptrack.tracker.kafka..", "org.apache.kafka..");
}
