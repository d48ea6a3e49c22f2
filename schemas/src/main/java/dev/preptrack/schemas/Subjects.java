package dev.preptrack.schemas;

import dev.preptrack.commands.AnsweredCommand;
import dev.preptrack.commands.CandidateWriteModel;
import dev.preptrack.commands.Command;
import dev.preptrack.commands.CommandResult;
import dev.preptrack.commands.KnownEntity;
import dev.preptrack.events.Envelope;
import dev.preptrack.outputs.ReadinessSnapshot;
import dev.preptrack.outputs.ThemesSnapshot;
import dev.preptrack.projections.CandidateFeedback;
import dev.preptrack.projections.CandidateStories;
import dev.preptrack.projections.ReadinessEvidence;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.avro.Schema;

/**
 * The registry subjects preptrack publishes, each with the schema the code in this build
 * writes. Subjects follow Confluent's TopicNameStrategy ({@code <topic>-value}), so any tool
 * that knows the topic name finds the schema.
 */
public final class Subjects {

    /** The system of record: every event, keyed by candidate id. */
    public static final String EVENTS_TOPIC = "preptrack.events";
    /** Commands waiting for their candidate's single writer, keyed by candidate id. */
    public static final String COMMANDS_TOPIC = "preptrack.commands";
    /** The writer's answer to each command, keyed by candidate id. */
    public static final String COMMAND_RESULTS_TOPIC = "preptrack.command-results";

    public static final String EVENTS_VALUE = valueSubject(EVENTS_TOPIC);

    /**
     * The projections' compacted output topics (key: candidate id), one set per rules version
     * so that consumers of version N keep a consistent view while N+1 is rebuilt.
     */
    public static String readinessTopic(int rulesVersion) {
        return "preptrack.readiness.r" + rulesVersion;
    }

    public static String themesTopic(int rulesVersion) {
        return "preptrack.themes.r" + rulesVersion;
    }

    public static String storiesTopic(int rulesVersion) {
        return "preptrack.stories.r" + rulesVersion;
    }

    private Subjects() {
    }

    /** Confluent's TopicNameStrategy for record values. */
    public static String valueSubject(String topic) {
        return topic + "-value";
    }

    /** Confluent's TopicNameStrategy for record keys. */
    public static String keySubject(String topic) {
        return topic + "-key";
    }

    /** The subjects of preptrack's own topics, with this build's schemas; registered at start. */
    public static Map<String, Schema> current() {
        Map<String, Schema> subjects = new LinkedHashMap<>();
        subjects.put(EVENTS_VALUE, Envelope.getClassSchema());
        subjects.put(valueSubject(COMMANDS_TOPIC), Command.getClassSchema());
        subjects.put(valueSubject(COMMAND_RESULTS_TOPIC), CommandResult.getClassSchema());
        return subjects;
    }

    /**
     * Every schema whose data outlives a process, by the name its history is kept under: the
     * topics' subjects and the state stores' values (whose changelog subjects carry an
     * application id). All must stay BACKWARD_TRANSITIVE compatible.
     */
    public static Map<String, Schema> persisted() {
        Map<String, Schema> schemas = new LinkedHashMap<>(current());
        schemas.put("store.write-models", CandidateWriteModel.getClassSchema());
        schemas.put("store.answered-commands", AnsweredCommand.getClassSchema());
        schemas.put("store.known-entities", KnownEntity.getClassSchema());
        schemas.put("store.candidate-stories", CandidateStories.getClassSchema());
        schemas.put("store.readiness-evidence", ReadinessEvidence.getClassSchema());
        schemas.put("store.candidate-feedback", CandidateFeedback.getClassSchema());
        // The readiness timeline keeps each readiness-relevant event as it was logged.
        schemas.put("store.readiness-timeline", Envelope.getClassSchema());
        // Output topics' subjects carry the rules version; their history is kept once, by kind.
        schemas.put("output.readiness", ReadinessSnapshot.getClassSchema());
        schemas.put("output.themes", ThemesSnapshot.getClassSchema());
        schemas.put("output.stories", CandidateStories.getClassSchema());
        return schemas;
    }
}
