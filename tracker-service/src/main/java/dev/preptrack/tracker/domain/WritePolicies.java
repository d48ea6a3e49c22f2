package dev.preptrack.tracker.domain;

import dev.preptrack.domain.event.PracticeAttemptLogged.SectionPractice;
import dev.preptrack.rules.Rubric;
import dev.preptrack.rules.Rules;
import dev.preptrack.tracker.domain.CandidateCommand.CreateStory;
import dev.preptrack.tracker.domain.CandidateCommand.EditStory;
import dev.preptrack.tracker.domain.CandidateCommand.LogAttempt;
import dev.preptrack.tracker.domain.CandidateCommand.NameTheme;
import dev.preptrack.tracker.domain.CandidateCommand.RecordFeedback;
import dev.preptrack.tracker.domain.CandidateCommand.RetireStory;
import dev.preptrack.tracker.domain.CandidateCommand.CorrectThemes;
import dev.preptrack.tracker.domain.CandidateCommand.TriageFeedback;
import dev.preptrack.tracker.domain.Rejection.Kind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * Every rule the single writer keeps, in one place, each named as it reads, and the list each
 * command must pass, in the order they are checked (the first broken rule is the answer).
 * Commands arrive here with rubric and section names already resolved to the rules' ids.
 */
final class WritePolicies {

    private WritePolicies() {
    }

    // Rules about stories.

    static final Policy<CreateStory> A_NEW_STORY_ID_IS_NEW = (create, at) ->
            at.model().stories().containsKey(create.storyId())
                    ? rejection(Kind.ALREADY_EXISTS, "storyId", "a story with id '" + create.storyId() + "' already exists")
                    : none();

    static final Policy<EditStory> AN_EDITED_STORY_EXISTS = (edit, at) ->
            storyMustExist(at, edit.storyId(), Kind.NOT_FOUND);

    static final Policy<RetireStory> A_RETIRED_STORY_EXISTS = (retire, at) ->
            storyMustExist(at, retire.storyId(), Kind.NOT_FOUND);

    static final Policy<EditStory> AN_EDITED_STORY_IS_NOT_RETIRED = (edit, at) -> storyMustNotBeRetired(at, edit.storyId());

    static final Policy<RetireStory> A_STORY_IS_RETIRED_ONCE = (retire, at) -> storyMustNotBeRetired(at, retire.storyId());

    static final Policy<EditStory> AN_EDIT_IS_MADE_AGAINST_THE_CURRENT_VERSION = (edit, at) -> {
        int current = at.model().stories().get(edit.storyId()).version();
        return edit.expectedVersion() == current ? none()
                : Optional.of(new Rejection(Kind.STALE_VERSION, "expectedVersion", "the edit was made against version "
                        + edit.expectedVersion() + " but story '" + edit.storyId() + "' is at version " + current,
                        current));
    };

    static final Policy<CreateStory> A_STORY_S_RUBRIC_EXISTS = (create, at) -> rubricMustExist(at.rules(),
            create.rubric(), "rubric");

    static final Policy<CreateStory> A_STORY_S_SECTIONS_BELONG_TO_ITS_RUBRIC = (create, at) ->
            sectionsMustBelong(at.rules(), create.rubric(), create.sections().keySet(), "sections");

    static final Policy<EditStory> AN_EDIT_S_SECTIONS_BELONG_TO_THE_STORY_S_RUBRIC = (edit, at) ->
            sectionsMustBelong(at.rules(), at.model().stories().get(edit.storyId()).rubric(),
                    edit.changedSections().keySet(), "sections");

    static final Policy<EditStory> AN_EDIT_ADDRESSES_FEEDBACK_THAT_EXISTS = (edit, at) -> {
        for (String id : edit.addressesFeedback()) {
            if (!at.candidate().knows(KnownEntity.Kind.FEEDBACK, id)) {
                return rejection(Kind.INVALID_REFERENCE, "addressesFeedback", "no feedback item '" + id + "'");
            }
        }
        return none();
    };

    static final Policy<EditStory> AN_EDIT_IS_NOT_DATED_BEFORE_ITS_STORY = (edit, at) ->
            notBeforeStory(at, edit.storyId());

    // Rules about attempts.

    static final Policy<LogAttempt> AN_ATTEMPT_ID_IS_NEW = (attempt, at) ->
            idMustBeNew(at, KnownEntity.Kind.ATTEMPT, attempt.attemptId(), "attemptId", "attempt");

    static final Policy<LogAttempt> AN_ATTEMPT_S_RUBRIC_EXISTS = (attempt, at) -> rubricMustExist(at.rules(),
            attempt.rubric(), "rubric");

    static final Policy<LogAttempt> AN_ATTEMPT_S_SECTIONS_BELONG_TO_ITS_RUBRIC = (attempt, at) ->
            sectionsMustBelong(at.rules(), attempt.rubric(),
                    attempt.sections().stream().map(SectionPractice::section).toList(),
                    index -> "sections[" + index + "].section");

    /** A practised story exists, is not retired, is written against the attempt's rubric and has that version. */
    static final Policy<LogAttempt> A_PRACTISED_STORY_MATCHES_THE_ATTEMPT = (attempt, at) -> {
        if (attempt.storyId() == null) {
            return attempt.storyVersion() == null ? none()
                    : rejection(Kind.INVALID_REFERENCE, "storyVersion", "storyVersion needs a storyId");
        }
        var story = at.model().stories().get(attempt.storyId());
        if (story == null) {
            return rejection(Kind.INVALID_REFERENCE, "storyId", "no story '" + attempt.storyId() + "'");
        }
        if (story.retired()) {
            return rejection(Kind.RETIRED, "storyId", "story '" + attempt.storyId() + "' is retired");
        }
        if (!story.rubric().equals(attempt.rubric())) {
            return rejection(Kind.INVALID_REFERENCE, "rubric", "story '" + attempt.storyId()
                    + "' is written against rubric '" + story.rubric() + "', not '" + attempt.rubric() + "'");
        }
        Integer version = attempt.storyVersion();
        if (version != null && (version < 1 || version > story.version())) {
            return Optional.of(new Rejection(Kind.INVALID_REFERENCE, "storyVersion", "story '" + attempt.storyId()
                    + "' has versions 1 to " + story.version() + ", not " + version, story.version()));
        }
        return none();
    };

    static final Policy<LogAttempt> AN_ATTEMPT_IS_NOT_DATED_BEFORE_ITS_STORY = (attempt, at) ->
            attempt.storyId() == null ? none() : notBeforeStory(at, attempt.storyId());

    // Rules about feedback.

    static final Policy<RecordFeedback> A_FEEDBACK_ID_IS_NEW = (feedback, at) ->
            idMustBeNew(at, KnownEntity.Kind.FEEDBACK, feedback.feedbackId(), "feedbackId", "feedback item");

    static final Policy<RecordFeedback> FEEDBACK_IS_ON_AN_ATTEMPT_THAT_EXISTS = (feedback, at) ->
            feedback.attemptId() == null || at.candidate().knows(KnownEntity.Kind.ATTEMPT, feedback.attemptId()) ? none()
                    : rejection(Kind.INVALID_REFERENCE, "attemptId", "no attempt '" + feedback.attemptId() + "'");

    static final Policy<RecordFeedback> FEEDBACK_IS_ON_A_STORY_THAT_EXISTS = (feedback, at) ->
            feedback.storyId() == null ? none() : storyMustExist(at, feedback.storyId(), Kind.INVALID_REFERENCE);

    /** The rubric named exists; a section needs a rubric (named, or the story's) and must belong to it. */
    static final Policy<RecordFeedback> FEEDBACK_S_RUBRIC_AND_SECTION_EXIST = (feedback, at) -> {
        if (feedback.rubric() != null) {
            Optional<Rejection> unknown = rubricMustExist(at.rules(), feedback.rubric(), "rubric");
            if (unknown.isPresent()) {
                return unknown;
            }
        }
        if (feedback.section() == null) {
            return none();
        }
        String rubric = feedback.rubric() != null ? feedback.rubric()
                : at.model().story(feedback.storyId()).map(WriteModel.StoryState::rubric).orElse(null);
        if (rubric == null) {
            return rejection(Kind.INVALID_REFERENCE, "section", "a section needs its rubric: name the rubric or the story");
        }
        return sectionsMustBelong(at.rules(), rubric, List.of(feedback.section()), index -> "section");
    };

    static final Policy<RecordFeedback> FEEDBACK_IS_NOT_DATED_BEFORE_ITS_ATTEMPT = (feedback, at) -> {
        if (feedback.attemptId() == null) {
            return none();
        }
        Optional<Instant> attemptAt = at.candidate().entity(KnownEntity.Kind.ATTEMPT, feedback.attemptId())
                .map(KnownEntity::occurredAt);
        return attemptAt.isPresent() && at.occurredAt().isBefore(attemptAt.get())
                ? rejection(Kind.INVALID_REFERENCE, "occurredAt", "is " + at.occurredAt() + ", before attempt '"
                        + feedback.attemptId() + "' it is about (" + attemptAt.get() + ")")
                : none();
    };

    static final Policy<TriageFeedback> A_TRIAGED_FEEDBACK_ITEM_EXISTS = (triage, at) ->
            at.candidate().knows(KnownEntity.Kind.FEEDBACK, triage.feedbackId()) ? none()
                    : rejection(Kind.NOT_FOUND, "feedbackId", "no feedback item '" + triage.feedbackId() + "'");

    static final Policy<CorrectThemes> A_CORRECTED_FEEDBACK_ITEM_EXISTS = (correct, at) ->
            at.candidate().knows(KnownEntity.Kind.FEEDBACK, correct.feedbackId()) ? none()
                    : rejection(Kind.NOT_FOUND, "feedbackId", "no feedback item '" + correct.feedbackId() + "'");

    static final Policy<CorrectThemes> CORRECTED_THEMES_EXIST = (correct, at) -> {
        for (int i = 0; i < correct.themes().size(); i++) {
            String theme = correct.themes().get(i);
            if (at.rules().themes().definition(theme).isEmpty()) {
                return rejection(Kind.INVALID_REFERENCE, "themes[" + i + "]", "no theme '" + theme + "' in rules version "
                        + at.rules().version() + " (themes: " + String.join(", ", at.rules().themes().ids()) + ")");
            }
            if (correct.themes().indexOf(theme) != i) {
                return rejection(Kind.INVALID_REFERENCE, "themes[" + i + "]", "theme '" + theme + "' is given twice");
            }
        }
        return none();
    };

    static final Policy<NameTheme> A_NAMED_THEME_HAS_A_NAME = (name, at) ->
            name.theme().isEmpty() ? rejection(Kind.INVALID_REFERENCE, "title", "must hold a letter or a digit") : none();

    /** A rules theme is corrected to, not named: two themes under one id would count its items twice. */
    static final Policy<NameTheme> A_NAMED_THEME_IS_NOT_THE_RULES_OWN = (name, at) ->
            at.rules().themes().definition(name.theme()).isPresent()
                    ? rejection(Kind.INVALID_REFERENCE, "title", "'" + name.title() + "' is the rules' theme '"
                            + name.theme() + "'; correct the items to it instead (POST …/feedback/{id}/themes)")
                    : none();

    static final Policy<NameTheme> A_NAMED_THEME_S_ITEMS_EXIST = (name, at) -> {
        for (int i = 0; i < name.feedbackIds().size(); i++) {
            String id = name.feedbackIds().get(i);
            if (!at.candidate().knows(KnownEntity.Kind.FEEDBACK, id)) {
                return rejection(Kind.NOT_FOUND, "feedbackIds[" + i + "]", "no feedback item '" + id + "'");
            }
            if (name.feedbackIds().indexOf(id) != i) {
                return rejection(Kind.INVALID_REFERENCE, "feedbackIds[" + i + "]", "item '" + id + "' is given twice");
            }
        }
        return none();
    };

    // What each command must pass, in order. Timeline rules come last, as a request's other
    // faults are the likelier mistake.

    static final List<Policy<CreateStory>> CREATING_A_STORY = List.of(A_NEW_STORY_ID_IS_NEW, A_STORY_S_RUBRIC_EXISTS,
            A_STORY_S_SECTIONS_BELONG_TO_ITS_RUBRIC);

    static final List<Policy<EditStory>> EDITING_A_STORY = List.of(AN_EDITED_STORY_EXISTS, AN_EDITED_STORY_IS_NOT_RETIRED,
            AN_EDIT_IS_MADE_AGAINST_THE_CURRENT_VERSION, AN_EDIT_S_SECTIONS_BELONG_TO_THE_STORY_S_RUBRIC,
            AN_EDIT_ADDRESSES_FEEDBACK_THAT_EXISTS, AN_EDIT_IS_NOT_DATED_BEFORE_ITS_STORY);

    static final List<Policy<RetireStory>> RETIRING_A_STORY = List.of(A_RETIRED_STORY_EXISTS, A_STORY_IS_RETIRED_ONCE);

    static final List<Policy<LogAttempt>> LOGGING_AN_ATTEMPT = List.of(AN_ATTEMPT_ID_IS_NEW, AN_ATTEMPT_S_RUBRIC_EXISTS,
            AN_ATTEMPT_S_SECTIONS_BELONG_TO_ITS_RUBRIC, A_PRACTISED_STORY_MATCHES_THE_ATTEMPT,
            AN_ATTEMPT_IS_NOT_DATED_BEFORE_ITS_STORY);

    static final List<Policy<RecordFeedback>> RECORDING_FEEDBACK = List.of(A_FEEDBACK_ID_IS_NEW,
            FEEDBACK_IS_ON_AN_ATTEMPT_THAT_EXISTS, FEEDBACK_IS_ON_A_STORY_THAT_EXISTS, FEEDBACK_S_RUBRIC_AND_SECTION_EXIST,
            FEEDBACK_IS_NOT_DATED_BEFORE_ITS_ATTEMPT);

    static final List<Policy<TriageFeedback>> TRIAGING_FEEDBACK = List.of(A_TRIAGED_FEEDBACK_ITEM_EXISTS);

    static final List<Policy<CorrectThemes>> CORRECTING_THEMES = List.of(A_CORRECTED_FEEDBACK_ITEM_EXISTS,
            CORRECTED_THEMES_EXIST);

    static final List<Policy<NameTheme>> NAMING_A_THEME = List.of(A_NAMED_THEME_HAS_A_NAME,
            A_NAMED_THEME_IS_NOT_THE_RULES_OWN, A_NAMED_THEME_S_ITEMS_EXIST);

    // The shared shapes of the rules above.

    private static Optional<Rejection> storyMustExist(Policy.Situation at, String storyId, Kind kind) {
        return at.model().stories().containsKey(storyId) ? none()
                : rejection(kind, "storyId", "no story '" + storyId + "'");
    }

    private static Optional<Rejection> storyMustNotBeRetired(Policy.Situation at, String storyId) {
        return at.model().stories().get(storyId).retired()
                ? rejection(Kind.RETIRED, "storyId", "story '" + storyId + "' is retired") : none();
    }

    /** Nothing is dated before the story it is about was written (unknown creation times are not checked). */
    private static Optional<Rejection> notBeforeStory(Policy.Situation at, String storyId) {
        var story = at.model().stories().get(storyId);
        return story != null && story.createdAt() != null && at.occurredAt().isBefore(story.createdAt())
                ? rejection(Kind.INVALID_REFERENCE, "occurredAt", "is " + at.occurredAt() + ", before story '"
                        + storyId + "' was written (" + story.createdAt() + ")")
                : none();
    }

    private static Optional<Rejection> idMustBeNew(Policy.Situation at, KnownEntity.Kind kind, String id, String field,
            String what) {
        return at.candidate().knows(kind, id)
                ? rejection(Kind.ALREADY_EXISTS, field, what + " '" + id + "' already exists") : none();
    }

    private static Optional<Rejection> rubricMustExist(Rules rules, String rubricId, String field) {
        return rules.rubric(rubricId).isPresent() ? none()
                : rejection(Kind.INVALID_REFERENCE, field, "unknown rubric '" + rubricId + "'; rules version "
                        + rules.version() + " has " + rules.rubricIds());
    }

    /** Sections keyed by name (an object in the request): the field is {@code <field>.<name>}. */
    private static Optional<Rejection> sectionsMustBelong(Rules rules, String rubricId, Collection<String> sections,
            String field) {
        List<String> names = new ArrayList<>(sections);
        return sectionsMustBelong(rules, rubricId, names, index -> field + "." + names.get(index));
    }

    /** Sections as a list: the field says where the name is, e.g. {@code sections[2].section}. */
    private static Optional<Rejection> sectionsMustBelong(Rules rules, String rubricId, List<String> sections,
            IntFunction<String> fieldOf) {
        Optional<Rubric> rubric = rules.rubric(rubricId);
        if (rubric.isEmpty()) {
            return none();
        }
        for (int i = 0; i < sections.size(); i++) {
            if (!rubric.get().hasSection(sections.get(i))) {
                return rejection(Kind.INVALID_REFERENCE, fieldOf.apply(i), "rubric '" + rubricId + "' has no section '"
                        + sections.get(i) + "'; its sections are " + rubric.get().sectionIds());
            }
        }
        return none();
    }

    private static Optional<Rejection> rejection(Kind kind, String field, String message) {
        return Optional.of(Rejection.of(kind, field, message));
    }

    private static Optional<Rejection> none() {
        return Optional.empty();
    }
}
