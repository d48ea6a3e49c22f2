package dev.preptrack.tracker.domain;

import dev.preptrack.commands.AnsweredCommand;
import dev.preptrack.commands.CandidateWriteModel;
import dev.preptrack.commands.Command;
import dev.preptrack.commands.CommandOutcome;
import dev.preptrack.commands.CommandResult;
import dev.preptrack.commands.EntityKind;
import dev.preptrack.commands.KnownEntity;
import dev.preptrack.commands.Rejection;
import dev.preptrack.commands.RejectionKind;
import dev.preptrack.commands.StoryWriteState;
import dev.preptrack.events.Envelope;
import dev.preptrack.events.FeedbackReceived;
import dev.preptrack.events.FeedbackTriaged;
import dev.preptrack.events.PracticeAttemptLogged;
import dev.preptrack.events.SectionPractice;
import dev.preptrack.events.StoryCreated;
import dev.preptrack.events.StoryEdited;
import dev.preptrack.events.StoryRetired;
import dev.preptrack.rules.Rubric;
import dev.preptrack.rules.Rules;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The candidate's single writer, as a pure function: given the candidate's write model and a
 * command, decide whether it becomes events. Checks what only the candidate's history can
 * tell (a story exists and is not retired, the edited version is current, referenced ids
 * exist, rubric and section ids exist in the active rules) and assigns what only the writer
 * may: the candidate's event sequence, a story's next version, the practiced version.
 *
 * <p>Deterministic: event ids derive from the command id, times come from the command, so
 * replaying the commands gives the same events. Idempotent: a command id already answered
 * returns its first result, and reusing it for a different request is refused.
 */
public final class CommandDecider {

    private final Rules rules;

    public CommandDecider(Rules rules) {
        this.rules = rules;
    }

    public static CandidateWriteModel emptyModel() {
        return CandidateWriteModel.newBuilder().setSequence(0L).setStories(new HashMap<>()).build();
    }

    public Decision decide(CandidateLookup candidate, Command command) {
        Optional<AnsweredCommand> answered = candidate.answered(command.getCommandId());
        if (answered.isPresent()) {
            if (answered.get().getFingerprint().equals(command.getFingerprint())) {
                return new Decision.Replayed(CommandResult.newBuilder(answered.get().getFirstResult())
                        .setReplayed(true).build());
            }
            // Not remembered: the key keeps answering with its first result.
            return new Decision.Rejected(keyReused(command), Optional.empty());
        }
        CandidateWriteModel model = candidate.model();
        Object named = canonicalNames(model, command.getPayload());
        Optional<Rejection> refusal = check(candidate, named).or(() -> inOrder(candidate, named, command.getOccurredAt()));
        if (refusal.isPresent()) {
            CommandResult result = rejected(command, refusal.get());
            return new Decision.Rejected(result, Optional.of(new AnsweredCommand(command.getFingerprint(), result)));
        }
        Object payload = complete(model, named);
        long sequence = model.getSequence() + 1;
        Envelope event = Envelope.newBuilder()
                .setEventId(eventId(command, 0))
                .setCandidateId(command.getCandidateId())
                .setSequence(sequence)
                .setOccurredAt(command.getOccurredAt())
                .setRecordedAt(command.getReceivedAt())
                .setActor(command.getActor())
                .setCommandId(command.getCommandId())
                .setPayload(payload)
                .build();
        CandidateWriteModel next = CandidateWriteModel.newBuilder(model).setSequence(sequence).build();
        applyToStories(next, payload, command.getOccurredAt());
        CommandResult result = CommandResult.newBuilder()
                .setCommandId(command.getCommandId())
                .setCandidateId(command.getCandidateId())
                .setOutcome(CommandOutcome.ACCEPTED)
                .setEventIds(List.of(event.getEventId()))
                .setPosition(sequence)
                .setEntityId(entityId(payload))
                .setStoryVersion(storyVersion(next, payload))
                .setReplayed(false)
                .setRejection(null)
                .build();
        return new Decision.Accepted(List.of(event), result, next, knownEntity(payload, sequence, command.getOccurredAt()),
                new AnsweredCommand(command.getFingerprint(), result));
    }

    /**
     * The payload with rubrics and sections named as the rules name them: people write
     * "STAR", "S" or "Actions" (the rules' aliases, any case); events always carry the ids.
     * Names the rules do not know are left as written, for the checks to refuse.
     */
    private Object canonicalNames(CandidateWriteModel model, Object payload) {
        if (payload instanceof StoryCreated created) {
            var copy = StoryCreated.newBuilder(created).build();
            rules.resolveRubric(created.getRubric()).ifPresent(rubric -> {
                copy.setRubric(rubric.id());
                copy.setSections(sectionKeys(rubric, created.getSections()));
            });
            return copy;
        }
        if (payload instanceof StoryEdited edited && model.getStories().containsKey(edited.getStoryId())) {
            var copy = StoryEdited.newBuilder(edited).build();
            rules.rubric(model.getStories().get(edited.getStoryId()).getRubric())
                    .ifPresent(rubric -> copy.setChangedSections(sectionKeys(rubric, edited.getChangedSections())));
            return copy;
        }
        if (payload instanceof PracticeAttemptLogged attempt) {
            var copy = PracticeAttemptLogged.newBuilder(attempt).build();
            rules.resolveRubric(attempt.getRubric()).ifPresent(rubric -> {
                copy.setRubric(rubric.id());
                copy.setSections(attempt.getSections().stream().map(practice -> SectionPractice.newBuilder(practice)
                        .setSection(sectionId(rubric, practice.getSection())).build()).toList());
            });
            return copy;
        }
        if (payload instanceof FeedbackReceived feedback) {
            var copy = FeedbackReceived.newBuilder(feedback).build();
            Optional<Rubric> rubric = feedback.getRubric() != null ? rules.resolveRubric(feedback.getRubric())
                    : Optional.ofNullable(feedback.getStoryId()).map(model.getStories()::get)
                            .flatMap(story -> rules.rubric(story.getRubric()));
            rubric.ifPresent(r -> {
                if (feedback.getRubric() != null) {
                    copy.setRubric(r.id());
                }
                if (feedback.getSection() != null) {
                    copy.setSection(sectionId(r, feedback.getSection()));
                }
            });
            return copy;
        }
        return payload;
    }

    private static String sectionId(Rubric rubric, String name) {
        return rubric.resolveSection(name).map(dev.preptrack.rules.Section::id).orElse(name);
    }

    /** Section texts keyed by section id; a name that would collide with another's id stays as written. */
    private static java.util.Map<String, String> sectionKeys(Rubric rubric, java.util.Map<String, String> sections) {
        var keyed = new java.util.LinkedHashMap<String, String>();
        sections.forEach((name, text) -> {
            String id = sectionId(rubric, name);
            keyed.put(keyed.containsKey(id) || (!id.equals(name) && sections.containsKey(id)) ? name : id, text);
        });
        return keyed;
    }

    private Optional<Rejection> check(CandidateLookup candidate, Object payload) {
        CandidateWriteModel model = candidate.model();
        if (payload instanceof StoryCreated created) {
            return firstOf(
                    () -> storyIdMustBeNew(model, created.getStoryId()),
                    () -> rubricMustExist(created.getRubric(), "rubric"),
                    () -> sectionsMustBelongToRubric(created.getRubric(), created.getSections().keySet(), "sections"));
        }
        if (payload instanceof StoryEdited edited) {
            return firstOf(
                    () -> storyMustExist(model, edited.getStoryId(), "storyId", RejectionKind.NOT_FOUND),
                    () -> storyMustNotBeRetired(model, edited.getStoryId()),
                    () -> versionMustBeCurrent(model, edited),
                    () -> sectionsMustBelongToRubric(model.getStories().get(edited.getStoryId()).getRubric(),
                            edited.getChangedSections().keySet(), "sections"),
                    () -> feedbackMustExist(candidate, edited.getFeedbackAddressed(), "addressesFeedback"));
        }
        if (payload instanceof StoryRetired retired) {
            return firstOf(
                    () -> storyMustExist(model, retired.getStoryId(), "storyId", RejectionKind.NOT_FOUND),
                    () -> storyMustNotBeRetired(model, retired.getStoryId()));
        }
        if (payload instanceof PracticeAttemptLogged attempt) {
            return firstOf(
                    () -> idMustBeNew(candidate, EntityKind.ATTEMPT, attempt.getAttemptId(), "attemptId", "attempt"),
                    () -> rubricMustExist(attempt.getRubric(), "rubric"),
                    () -> sectionsMustBelongToRubric(attempt.getRubric(),
                            attempt.getSections().stream().map(SectionPractice::getSection).toList(),
                            index -> "sections[" + index + "].section"),
                    () -> practicedStoryMustMatch(model, attempt));
        }
        if (payload instanceof FeedbackReceived feedback) {
            return firstOf(
                    () -> idMustBeNew(candidate, EntityKind.FEEDBACK, feedback.getFeedbackId(), "feedbackId", "feedback item"),
                    () -> referenceMustExist(candidate, EntityKind.ATTEMPT, feedback.getAttemptId(), "attemptId", "attempt"),
                    () -> feedback.getStoryId() == null ? Optional.empty()
                            : storyMustExist(model, feedback.getStoryId(), "storyId", RejectionKind.INVALID_REFERENCE),
                    () -> feedbackRubricAndSectionMustExist(model, feedback));
        }
        if (payload instanceof FeedbackTriaged triaged) {
            return candidate.knows(EntityKind.FEEDBACK, triaged.getFeedbackId()) ? Optional.empty()
                    : Optional.of(new Rejection(RejectionKind.NOT_FOUND, "feedbackId",
                            "no feedback item '" + triaged.getFeedbackId() + "'", null));
        }
        throw new IllegalArgumentException("no decision for " + payload.getClass().getName());
    }

    // Rules, named as they read.

    private static Optional<Rejection> storyIdMustBeNew(CandidateWriteModel model, String storyId) {
        return model.getStories().containsKey(storyId)
                ? Optional.of(new Rejection(RejectionKind.ALREADY_EXISTS, "storyId",
                        "a story with id '" + storyId + "' already exists", null))
                : Optional.empty();
    }

    /**
     * Nothing may be dated before what it is about: an attempt or edit before its story was
     * written, feedback before the attempt it is on. (Unknown times — entries kept before
     * times were — are not checked.)
     */
    private static Optional<Rejection> inOrder(CandidateLookup candidate, Object payload, java.time.Instant occurredAt) {
        CandidateWriteModel model = candidate.model();
        String storyId = payload instanceof PracticeAttemptLogged attempt ? attempt.getStoryId()
                : payload instanceof StoryEdited edited ? edited.getStoryId() : null;
        StoryWriteState story = storyId == null ? null : model.getStories().get(storyId);
        if (story != null && story.getCreatedAt() != null && occurredAt.isBefore(story.getCreatedAt())) {
            return Optional.of(new Rejection(RejectionKind.INVALID_REFERENCE, "occurredAt", "is " + occurredAt
                    + ", before story '" + storyId + "' was written (" + story.getCreatedAt() + ")", null));
        }
        if (payload instanceof FeedbackReceived feedback && feedback.getAttemptId() != null) {
            var attempt = candidate.entity(EntityKind.ATTEMPT, feedback.getAttemptId());
            if (attempt.isPresent() && attempt.get().getOccurredAt() != null
                    && occurredAt.isBefore(attempt.get().getOccurredAt())) {
                return Optional.of(new Rejection(RejectionKind.INVALID_REFERENCE, "occurredAt", "is " + occurredAt
                        + ", before attempt '" + feedback.getAttemptId() + "' it is about ("
                        + attempt.get().getOccurredAt() + ")", null));
            }
        }
        return Optional.empty();
    }

    private static Optional<Rejection> idMustBeNew(CandidateLookup candidate, EntityKind kind, String id, String field,
            String what) {
        return candidate.knows(kind, id)
                ? Optional.of(new Rejection(RejectionKind.ALREADY_EXISTS, field, what + " '" + id
                        + "' already exists", null))
                : Optional.empty();
    }

    private static Optional<Rejection> referenceMustExist(CandidateLookup candidate, EntityKind kind, String id,
            String field, String what) {
        return id == null || candidate.knows(kind, id) ? Optional.empty()
                : Optional.of(new Rejection(RejectionKind.INVALID_REFERENCE, field, "no " + what + " '" + id + "'", null));
    }

    private Optional<Rejection> rubricMustExist(String rubricId, String field) {
        return rules.rubric(rubricId).isPresent() ? Optional.empty()
                : Optional.of(new Rejection(RejectionKind.INVALID_REFERENCE, field, "unknown rubric '" + rubricId
                        + "'; rules version " + rules.version() + " has " + rules.rubricIds(), null));
    }

    /** Sections keyed by name in the request (an object): the field is {@code sections.<name>}. */
    private Optional<Rejection> sectionsMustBelongToRubric(String rubricId, java.util.Collection<String> sections,
            String field) {
        return sectionsMustBelongToRubric(rubricId, List.copyOf(sections), index -> field + "." + sections.stream()
                .skip(index).findFirst().orElseThrow());
    }

    /** Sections as a list in the request: the field is where the name is, e.g. {@code sections[2].section}. */
    private Optional<Rejection> sectionsMustBelongToRubric(String rubricId, List<String> sections,
            java.util.function.IntFunction<String> fieldOf) {
        Optional<Rubric> rubric = rules.rubric(rubricId);
        if (rubric.isEmpty()) {
            return Optional.empty();
        }
        for (int i = 0; i < sections.size(); i++) {
            String section = sections.get(i);
            if (!rubric.get().hasSection(section)) {
                return Optional.of(new Rejection(RejectionKind.INVALID_REFERENCE, fieldOf.apply(i),
                        "rubric '" + rubricId + "' has no section '" + section + "'; its sections are "
                                + rubric.get().sectionIds(), null));
            }
        }
        return Optional.empty();
    }

    private static Optional<Rejection> storyMustExist(CandidateWriteModel model, String storyId, String field,
            RejectionKind kind) {
        return model.getStories().containsKey(storyId) ? Optional.empty()
                : Optional.of(new Rejection(kind, field, "no story '" + storyId + "'", null));
    }

    private static Optional<Rejection> storyMustNotBeRetired(CandidateWriteModel model, String storyId) {
        return model.getStories().get(storyId).getRetired()
                ? Optional.of(new Rejection(RejectionKind.RETIRED, "storyId", "story '" + storyId + "' is retired", null))
                : Optional.empty();
    }

    private static Optional<Rejection> versionMustBeCurrent(CandidateWriteModel model, StoryEdited edit) {
        int current = model.getStories().get(edit.getStoryId()).getVersion();
        return edit.getExpectedVersion() == current ? Optional.empty()
                : Optional.of(new Rejection(RejectionKind.STALE_VERSION, "If-Match", "the edit was made against version "
                        + edit.getExpectedVersion() + " but story '" + edit.getStoryId() + "' is at version " + current,
                        current));
    }

    private static Optional<Rejection> feedbackMustExist(CandidateLookup candidate, List<String> feedbackIds,
            String field) {
        for (String id : feedbackIds) {
            if (!candidate.knows(EntityKind.FEEDBACK, id)) {
                return Optional.of(new Rejection(RejectionKind.INVALID_REFERENCE, field, "no feedback item '" + id + "'",
                        null));
            }
        }
        return Optional.empty();
    }

    private static Optional<Rejection> practicedStoryMustMatch(CandidateWriteModel model, PracticeAttemptLogged attempt) {
        if (attempt.getStoryId() == null) {
            return attempt.getStoryVersion() == null ? Optional.empty()
                    : Optional.of(new Rejection(RejectionKind.INVALID_REFERENCE, "storyVersion",
                            "storyVersion needs a storyId", null));
        }
        StoryWriteState story = model.getStories().get(attempt.getStoryId());
        if (story == null) {
            return Optional.of(new Rejection(RejectionKind.INVALID_REFERENCE, "storyId",
                    "no story '" + attempt.getStoryId() + "'", null));
        }
        if (story.getRetired()) {
            return Optional.of(new Rejection(RejectionKind.RETIRED, "storyId",
                    "story '" + attempt.getStoryId() + "' is retired", null));
        }
        if (!story.getRubric().equals(attempt.getRubric())) {
            return Optional.of(new Rejection(RejectionKind.INVALID_REFERENCE, "rubric", "story '" + attempt.getStoryId()
                    + "' is written against rubric '" + story.getRubric() + "', not '" + attempt.getRubric() + "'", null));
        }
        Integer version = attempt.getStoryVersion();
        if (version != null && (version < 1 || version > story.getVersion())) {
            return Optional.of(new Rejection(RejectionKind.INVALID_REFERENCE, "storyVersion", "story '"
                    + attempt.getStoryId() + "' has versions 1 to " + story.getVersion() + ", not " + version,
                    story.getVersion()));
        }
        return Optional.empty();
    }

    private Optional<Rejection> feedbackRubricAndSectionMustExist(CandidateWriteModel model, FeedbackReceived feedback) {
        String rubric = feedback.getRubric();
        if (rubric == null && feedback.getStoryId() != null) {
            rubric = model.getStories().get(feedback.getStoryId()).getRubric();
        }
        if (feedback.getRubric() != null) {
            Optional<Rejection> unknown = rubricMustExist(feedback.getRubric(), "rubric");
            if (unknown.isPresent()) {
                return unknown;
            }
        }
        if (feedback.getSection() == null) {
            return Optional.empty();
        }
        if (rubric == null) {
            return Optional.of(new Rejection(RejectionKind.INVALID_REFERENCE, "section",
                    "a section needs its rubric: name the rubric or the story", null));
        }
        return sectionsMustBelongToRubric(rubric, List.of(feedback.getSection()), index -> "section")
                .map(rejection -> new Rejection(rejection.getKind(), "section", rejection.getMessage(), null));
    }

    // Applying accepted payloads to the write model.

    private static Object complete(CandidateWriteModel model, Object payload) {
        if (payload instanceof StoryEdited edited) {
            int current = model.getStories().get(edited.getStoryId()).getVersion();
            return StoryEdited.newBuilder(edited).setNewVersion(current + 1).build();
        }
        if (payload instanceof PracticeAttemptLogged attempt && attempt.getStoryId() != null
                && attempt.getStoryVersion() == null) {
            return PracticeAttemptLogged.newBuilder(attempt)
                    .setStoryVersion(model.getStories().get(attempt.getStoryId()).getVersion()).build();
        }
        return payload;
    }

    private static void applyToStories(CandidateWriteModel model, Object payload, java.time.Instant occurredAt) {
        if (payload instanceof StoryCreated created) {
            model.getStories().put(created.getStoryId(), new StoryWriteState(created.getRubric(), 1, false, occurredAt));
        } else if (payload instanceof StoryEdited edited) {
            model.getStories().get(edited.getStoryId()).setVersion(edited.getNewVersion());
        } else if (payload instanceof StoryRetired retired) {
            model.getStories().get(retired.getStoryId()).setRetired(true);
        }
    }

    private static Optional<KnownEntity> knownEntity(Object payload, long sequence, java.time.Instant occurredAt) {
        if (payload instanceof PracticeAttemptLogged attempt) {
            return Optional.of(new KnownEntity(EntityKind.ATTEMPT, attempt.getAttemptId(), sequence, occurredAt));
        }
        if (payload instanceof FeedbackReceived feedback) {
            return Optional.of(new KnownEntity(EntityKind.FEEDBACK, feedback.getFeedbackId(), sequence, occurredAt));
        }
        return Optional.empty();
    }

    private static String entityId(Object payload) {
        if (payload instanceof StoryCreated p) {
            return p.getStoryId();
        } else if (payload instanceof StoryEdited p) {
            return p.getStoryId();
        } else if (payload instanceof StoryRetired p) {
            return p.getStoryId();
        } else if (payload instanceof PracticeAttemptLogged p) {
            return p.getAttemptId();
        } else if (payload instanceof FeedbackReceived p) {
            return p.getFeedbackId();
        } else if (payload instanceof FeedbackTriaged p) {
            return p.getFeedbackId();
        }
        return null;
    }

    private static Integer storyVersion(CandidateWriteModel model, Object payload) {
        if (payload instanceof PracticeAttemptLogged attempt) {
            return attempt.getStoryVersion();
        }
        boolean aboutAStory = payload instanceof StoryCreated || payload instanceof StoryEdited
                || payload instanceof StoryRetired;
        return aboutAStory ? model.getStories().get(entityId(payload)).getVersion() : null;
    }


    /**
     * The answer to a command whose id already belongs to a different request: given here by
     * the writer, and by the gateway at once when that other request is still in flight.
     */
    public static CommandResult keyReused(Command command) {
        return rejected(command, new Rejection(RejectionKind.IDEMPOTENCY_KEY_REUSED, "Idempotency-Key",
                "this Idempotency-Key was already used for a different request; send a new key for a new request",
                null));
    }

    private static CommandResult rejected(Command command, Rejection rejection) {
        return CommandResult.newBuilder()
                .setCommandId(command.getCommandId())
                .setCandidateId(command.getCandidateId())
                .setOutcome(CommandOutcome.REJECTED)
                .setEventIds(List.of())
                .setPosition(null)
                .setEntityId(null)
                .setStoryVersion(null)
                .setReplayed(false)
                .setRejection(rejection)
                .build();
    }

    private static String eventId(Command command, int index) {
        return UUID.nameUUIDFromBytes((command.getCandidateId() + '\u0000' + command.getCommandId() + '\u0000' + index)
                .getBytes(StandardCharsets.UTF_8)).toString();
    }

    @SafeVarargs
    private static Optional<Rejection> firstOf(Supplier<Optional<Rejection>>... checks) {
        for (Supplier<Optional<Rejection>> check : checks) {
            Optional<Rejection> outcome = check.get();
            if (outcome.isPresent()) {
                return outcome;
            }
        }
        return Optional.empty();
    }
}
