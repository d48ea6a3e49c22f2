package dev.preptrack.domain.event;

/**
 * What happened: a closed set of event types. Every consumer of events handles them through
 * {@link Visitor}, so adding an event type fails to compile wherever it is not handled (Java
 * 17 has no exhaustive pattern switch; the visitor is the compiler-checked equivalent).
 */
public sealed interface Payload permits StoryCreated, StoryEdited, StoryRetired, PracticeAttemptLogged,
        FeedbackReceived, FeedbackTriaged, AccessGranted, AccessRevoked, FeedbackThemesCorrected,
        FeedbackThemeNamed {

    <R> R accept(Visitor<R> visitor);

    /** One method per event type. */
    interface Visitor<R> {
        R storyCreated(StoryCreated created);

        R storyEdited(StoryEdited edited);

        R storyRetired(StoryRetired retired);

        R attemptLogged(PracticeAttemptLogged attempt);

        R feedbackReceived(FeedbackReceived feedback);

        R feedbackTriaged(FeedbackTriaged triaged);

        R accessGranted(AccessGranted granted);

        R accessRevoked(AccessRevoked revoked);

        R themesCorrected(FeedbackThemesCorrected corrected);

        R themeNamed(FeedbackThemeNamed named);
    }
}
