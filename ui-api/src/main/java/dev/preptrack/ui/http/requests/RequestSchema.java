package dev.preptrack.ui.http.requests;

/**
 * The write bodies the HTTP API accepts, each with its JSON Schema (a resource under
 * {@code requests/}) and the record it binds to. One closed set, so that a route cannot ask
 * for a schema that does not exist.
 */
public enum RequestSchema {
    CREATE_STORY("create-story.json", CreateStoryRequest.class),
    EDIT_STORY("edit-story.json", EditStoryRequest.class),
    RETIRE_STORY("retire-story.json", RetireStoryRequest.class),
    LOG_ATTEMPT("log-attempt.json", LogAttemptRequest.class),
    RECORD_FEEDBACK("record-feedback.json", RecordFeedbackRequest.class),
    TRIAGE_FEEDBACK("triage-feedback.json", TriageFeedbackRequest.class),
    CORRECT_THEMES("correct-themes.json", CorrectThemesRequest.class),
    NAME_THEME("name-theme.json", NameThemeRequest.class);

    private final String resource;
    private final Class<? extends Record> requestType;

    RequestSchema(String resource, Class<? extends Record> requestType) {
        this.resource = resource;
        this.requestType = requestType;
    }

    /** The schema's file name under {@code requests/}, also the last segment of its {@code $id}. */
    public String resource() {
        return resource;
    }

    /** The record a body valid against this schema binds to. */
    public Class<? extends Record> requestType() {
        return requestType;
    }
}
