package dev.preptrack.tracker.edge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.preptrack.commands.Command;
import dev.preptrack.events.Actor;
import dev.preptrack.events.FeedbackReceived;
import dev.preptrack.events.FeedbackSource;
import dev.preptrack.events.FeedbackSourceRole;
import dev.preptrack.events.FeedbackTriaged;
import dev.preptrack.events.PracticeAttemptLogged;
import dev.preptrack.events.PracticeMode;
import dev.preptrack.events.SectionPractice;
import dev.preptrack.events.StoryCreated;
import dev.preptrack.events.StoryEdited;
import dev.preptrack.events.StoryRetired;
import dev.preptrack.events.TriageDecision;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The edge of the write side: turns a request (route, path ids, JSON body, headers) into a
 * {@link Command}, refusing at once what no history could make valid — wrong types, values out
 * of range, oversized texts, unknown fields, fields only the server sets, impossible times.
 * Ids the client leaves out are generated here, before the command is written, so that a
 * retried request carries the same ids.
 */
public final class CommandRequests {

    /** Before this, preptrack could not have existed: an occurredAt this early is a mistake. */
    public static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    /** Clocks drift and time zones confuse; more than a day ahead is a mistake. */
    public static final Duration FUTURE_TOLERANCE = Duration.ofDays(1);

    static final int MAX_TITLE = 200;
    static final int MAX_SECTION_TEXT = 20_000;
    static final int MAX_SECTIONS = 20;
    static final int MAX_TAGS = 20;
    static final int MAX_PROMPT = 1_000;
    static final int MAX_FEEDBACK_TEXT = 5_000;
    static final int MAX_NOTE = 2_000;
    static final int MAX_SECTION_SECONDS = 4 * 3600;

    private static final ObjectMapper CANONICAL = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
    private static final String[] SERVER_OWNED = {"eventId", "candidateId", "recordedAt", "sequence", "position",
        "version", "newVersion", "actor", "commandId", "readiness", "themes"};

    private static final Map<String, PracticeMode> MODES = Map.of("solo", PracticeMode.SOLO,
            "peer-mock", PracticeMode.PEER_MOCK, "coach-mock", PracticeMode.COACH_MOCK,
            "interview", PracticeMode.INTERVIEW);
    private static final Map<String, FeedbackSourceRole> SOURCE_ROLES = Map.of("peer", FeedbackSourceRole.PEER,
            "coach", FeedbackSourceRole.COACH, "interviewer", FeedbackSourceRole.INTERVIEWER,
            "self", FeedbackSourceRole.SELF);
    private static final Map<String, TriageDecision> DECISIONS = Map.of("addressed", TriageDecision.ADDRESSED,
            "wont-fix", TriageDecision.WONT_FIX, "reopened", TriageDecision.REOPENED);

    /** Who asks, for which candidate, with which idempotency key, and when it arrived. */
    public record Origin(String candidateId, Actor actor, String idempotencyKey, Instant receivedAt) {
    }

    public Command createStory(Origin origin, JsonNode body) {
        RequestReader in = RequestReader.body(body);
        in.serverOwned(SERVER_OWNED);
        String storyId = in.id("storyId", false);
        String title = in.text("title", true, MAX_TITLE);
        String rubric = in.id("rubric", true);
        Map<String, String> sections = in.textsById("sections", true, MAX_SECTIONS, MAX_SECTION_TEXT);
        List<String> tags = in.strings("tags", MAX_TAGS, tag -> tag.isBlank() || tag.length() > 40
                ? "must be 1 to 40 characters" : null);
        Instant occurredAt = occurredAt(in, origin);
        in.finish();
        var payload = StoryCreated.newBuilder()
                .setStoryId(storyId == null ? generatedId("story", origin) : storyId)
                .setTitle(title).setRubric(rubric).setSections(sections).setTags(tags).build();
        return command("create-story", origin, body, null, occurredAt, payload);
    }

    /**
     * @param ifMatch the story version the edit was made against (the If-Match header's value)
     */
    public Command editStory(Origin origin, String storyId, int ifMatch, JsonNode body) {
        RequestReader in = RequestReader.body(body);
        in.serverOwned(SERVER_OWNED);
        in.serverOwned("storyId", "expectedVersion");
        var sections = in.textsById("sections", false, MAX_SECTIONS, MAX_SECTION_TEXT);
        var addressed = in.strings("addressesFeedback", 50, RequestReader::idProblem);
        String note = in.text("note", false, MAX_NOTE);
        Instant occurredAt = occurredAt(in, origin);
        if (sections.isEmpty() && addressed.isEmpty() && note == null) {
            in.error("sections", "an edit must change a section, address feedback, or carry a note");
        }
        in.finish();
        var payload = StoryEdited.newBuilder().setStoryId(checkedPathId("storyId", storyId))
                .setExpectedVersion(ifMatch).setNewVersion(ifMatch + 1).setChangedSections(sections)
                .setFeedbackAddressed(addressed).setNote(note).build();
        return command("edit-story", origin, body, storyId + "@" + ifMatch, occurredAt, payload);
    }

    public Command retireStory(Origin origin, String storyId, JsonNode body) {
        RequestReader in = RequestReader.body(body);
        in.serverOwned(SERVER_OWNED);
        String reason = in.text("reason", false, MAX_NOTE);
        Instant occurredAt = occurredAt(in, origin);
        in.finish();
        return command("retire-story", origin, body, storyId, occurredAt,
                new StoryRetired(checkedPathId("storyId", storyId), reason));
    }

    public Command logAttempt(Origin origin, JsonNode body) {
        RequestReader in = RequestReader.body(body);
        in.serverOwned(SERVER_OWNED);
        String attemptId = in.id("attemptId", false);
        String storyId = in.id("storyId", false);
        Integer storyVersion = in.integer("storyVersion", false, 1, Integer.MAX_VALUE);
        String rubric = in.id("rubric", true);
        String prompt = in.text("prompt", false, MAX_PROMPT);
        PracticeMode mode = in.choice("mode", true, MODES);
        Integer selfScore = in.integer("selfScore", false, 1, 5);
        List<SectionPractice> sections = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        List<RequestReader> items = in.objects("sections", true, MAX_SECTIONS);
        for (RequestReader item : items) {
            String section = item.id("section", true);
            if (section != null && seen.contains(section)) {
                item.error("section", "'" + section + "' is listed twice");
            }
            seen.add(section);
            Integer seconds = item.integer("seconds", true, 0, MAX_SECTION_SECONDS);
            Integer sectionScore = item.integer("selfScore", false, 1, 5);
            if (section != null && seconds != null) {
                sections.add(new SectionPractice(section, seconds, sectionScore));
            }
        }
        if (items.isEmpty() && body.path("sections").isArray()) {
            in.error("sections", "must name at least one section");
        }
        Instant occurredAt = occurredAt(in, origin);
        in.finish();
        var payload = PracticeAttemptLogged.newBuilder()
                .setAttemptId(attemptId == null ? generatedId("attempt", origin) : attemptId)
                .setStoryId(storyId).setStoryVersion(storyVersion).setRubric(rubric).setPrompt(prompt)
                .setMode(mode).setSelfScore(selfScore).setSections(sections).build();
        return command("log-attempt", origin, body, null, occurredAt, payload);
    }

    public Command recordFeedback(Origin origin, JsonNode body) {
        RequestReader in = RequestReader.body(body);
        in.serverOwned(SERVER_OWNED);
        String feedbackId = in.id("feedbackId", false);
        String attemptId = in.id("attemptId", false);
        String storyId = in.id("storyId", false);
        String rubric = in.id("rubric", false);
        String section = in.id("section", false);
        String text = in.text("text", true, MAX_FEEDBACK_TEXT);
        Integer score = in.integer("score", false, 1, 5);
        RequestReader source = in.object("source", true);
        String sourceName = source == null ? null : source.text("name", true, 100);
        FeedbackSourceRole sourceRole = source == null ? null : source.choice("role", true, SOURCE_ROLES);
        Instant occurredAt = occurredAt(in, origin);
        in.finish();
        var payload = FeedbackReceived.newBuilder()
                .setFeedbackId(feedbackId == null ? generatedId("feedback", origin) : feedbackId)
                .setAttemptId(attemptId).setStoryId(storyId).setRubric(rubric).setSection(section)
                .setText(text).setScore(score).setSource(new FeedbackSource(sourceName, sourceRole)).build();
        return command("record-feedback", origin, body, null, occurredAt, payload);
    }

    public Command triageFeedback(Origin origin, String feedbackId, JsonNode body) {
        RequestReader in = RequestReader.body(body);
        in.serverOwned(SERVER_OWNED);
        TriageDecision decision = in.choice("decision", true, DECISIONS);
        String note = in.text("note", false, MAX_NOTE);
        Instant occurredAt = occurredAt(in, origin);
        in.finish();
        return command("triage-feedback", origin, body, feedbackId, occurredAt,
                new FeedbackTriaged(checkedPathId("feedbackId", feedbackId), decision, note));
    }

    /** The If-Match header as a story version: {@code "3"}, {@code 3} or {@code W/"3"}. */
    public static int parseIfMatch(String header) {
        String value = header.trim();
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        value = value.replace("\"", "").trim();
        try {
            int version = Integer.parseInt(value);
            if (version >= 1) {
                return version;
            }
        } catch (NumberFormatException notANumber) {
            // Reported below with the header's own text.
        }
        throw InvalidRequestException.of("If-Match", "must be the story version you edited, e.g. \"3\" (is '"
                + header + "')");
    }

    private static Instant occurredAt(RequestReader in, Origin origin) {
        Instant occurredAt = in.instant("occurredAt", EARLIEST, origin.receivedAt().plus(FUTURE_TOLERANCE));
        return occurredAt == null ? origin.receivedAt() : occurredAt;
    }

    private static String checkedPathId(String field, String id) {
        if (id == null || !RequestReader.ID.matcher(id).matches()) {
            throw InvalidRequestException.of(field, "is not a valid id");
        }
        return id;
    }

    /** Generated ids derive from the idempotency key, so a retried request names the same entity. */
    private static String generatedId(String kind, Origin origin) {
        return kind + "-" + UUID.nameUUIDFromBytes((origin.candidateId() + '\u0000' + kind + '\u0000'
                + origin.idempotencyKey()).getBytes(StandardCharsets.UTF_8)).toString().substring(0, 18);
    }

    private static Command command(String route, Origin origin, JsonNode body, String target, Instant occurredAt,
            Object payload) {
        return Command.newBuilder()
                .setCommandId(origin.idempotencyKey())
                .setCandidateId(origin.candidateId())
                .setFingerprint(fingerprint(route, origin.candidateId(), target, body))
                .setActor(origin.actor())
                .setReceivedAt(origin.receivedAt())
                .setOccurredAt(occurredAt)
                .setPayload(payload)
                .build();
    }

    /** SHA-256 of the route, candidate, target and the body with its keys sorted. */
    static String fingerprint(String route, String candidateId, String target, JsonNode body) {
        try {
            String canonical = CANONICAL.writeValueAsString(CANONICAL.treeToValue(body, Object.class));
            var digest = MessageDigest.getInstance("SHA-256");
            digest.update((route + '\n' + candidateId + '\n' + target + '\n' + canonical).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot fingerprint a request", e);
        }
    }
}
