package dev.preptrack.ui.http.requests;

import dev.preptrack.domain.event.FeedbackReceived;
import dev.preptrack.domain.event.FeedbackTriaged;
import dev.preptrack.domain.event.PracticeAttemptLogged;
import dev.preptrack.tracker.domain.CandidateCommand;
import java.util.Locale;

/**
 * The write bodies, once their schema has passed, as the domain's commands: the HTTP words for
 * modes, roles and decisions ({@code peer-mock}, {@code wont-fix}) become the domain's values,
 * and the path's ids join the body's. Nothing here decides anything.
 */
public final class RequestCommands {

    private RequestCommands() {
    }

    public static CandidateCommand.CreateStory createStory(CreateStoryRequest body) {
        return new CandidateCommand.CreateStory(body.storyId(), body.title(), body.rubric(), body.sections(), body.tags(),
                body.prompt(), body.notes());
    }

    public static CandidateCommand.EditStory editStory(String storyId, int expectedVersion, EditStoryRequest body) {
        return new CandidateCommand.EditStory(storyId, expectedVersion, body.sections(), body.addressesFeedback(),
                body.note());
    }

    public static CandidateCommand.RetireStory retireStory(String storyId, RetireStoryRequest body) {
        return new CandidateCommand.RetireStory(storyId, body.reason());
    }

    public static CandidateCommand.LogAttempt logAttempt(LogAttemptRequest body) {
        return new CandidateCommand.LogAttempt(body.attemptId(), body.storyId(), body.storyVersion(), body.rubric(),
                body.prompt(), PracticeAttemptLogged.Mode.valueOf(constant(body.mode())), body.selfScore(),
                body.sections().stream().map(section -> new PracticeAttemptLogged.SectionPractice(section.section(),
                        section.seconds(), section.selfScore())).toList());
    }

    public static CandidateCommand.RecordFeedback recordFeedback(RecordFeedbackRequest body) {
        return new CandidateCommand.RecordFeedback(body.feedbackId(), new FeedbackReceived.Source(body.source().name(),
                FeedbackReceived.Source.Role.valueOf(constant(body.source().role()))), body.text(), body.attemptId(),
                body.storyId(), body.rubric(), body.section(), body.score());
    }

    public static CandidateCommand.TriageFeedback triageFeedback(String feedbackId, TriageFeedbackRequest body) {
        return new CandidateCommand.TriageFeedback(feedbackId, FeedbackTriaged.Decision.valueOf(constant(body.decision())),
                body.note());
    }

    /** Theme ids as the rules spell them (lower case), whatever case they were sent in. */
    public static CandidateCommand.CorrectThemes correctThemes(String feedbackId, CorrectThemesRequest body) {
        return new CandidateCommand.CorrectThemes(feedbackId, body.themes().stream()
                .map(theme -> theme.strip().toLowerCase(Locale.ROOT)).toList(), body.note());
    }

    public static CandidateCommand.NameTheme nameTheme(NameThemeRequest body) {
        return new CandidateCommand.NameTheme(body.title().strip(), body.feedbackIds(), body.note());
    }

    /** {@code peer-mock} → {@code PEER_MOCK}: the schema has already limited the words to the enum's. */
    private static String constant(String word) {
        return word.toUpperCase(Locale.ROOT).replace('-', '_');
    }
}
