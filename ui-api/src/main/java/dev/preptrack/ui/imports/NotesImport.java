package dev.preptrack.ui.imports;

import dev.preptrack.domain.event.Actor;
import dev.preptrack.domain.event.FeedbackReceived;
import dev.preptrack.projections.query.ReadQueries;
import dev.preptrack.rules.Rules;
import dev.preptrack.tracker.app.InvalidRequestException;
import dev.preptrack.tracker.app.Origin;
import dev.preptrack.tracker.app.WriteCommands;
import dev.preptrack.tracker.domain.CandidateCommand;
import dev.preptrack.tracker.domain.CommandResult;
import dev.preptrack.tracker.domain.Rejection;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Imports a file of prep notes: reads it ({@link MarkdownNotes}), turns each story into "create a
 * story" and each feedback item into "record feedback", and submits them through the one write
 * use case every way in uses ({@link WriteCommands}), so an import is checked and decided exactly
 * like the same writes over HTTP.
 *
 * <p>Ids and idempotency keys come from the notes' content: a story's id from its title, a feedback
 * item's from its story, giver and words, each key from what the command says. Importing the same
 * file again therefore repeats the first answers and appends nothing; a file edited since adds
 * what is new. A dry run reads and plans without writing.
 */
public final class NotesImport {

    /** The limits every way in keeps (the HTTP requests' schemas), so an import can write nothing HTTP could not. */
    static final int MAX_SECTION = 20_000;
    static final int MAX_PROMPT = 1000;
    static final int MAX_NOTES = 50;
    static final int MAX_NOTE = 2000;
    static final int MAX_FEEDBACK_TEXT = 5000;
    static final int MAX_TAGS = 20;
    static final int MAX_TAG = 40;
    /** One file of notes is a few stories; more in one request is not notes but a bulk load. */
    static final int MAX_STORIES = 200;
    static final int MAX_FEEDBACK = 2000;

    private final MarkdownNotes reader;

    public NotesImport(Rules rules) {
        this.reader = new MarkdownNotes(rules);
    }

    /** What an import did, story by story and item by item, and what it set aside and why. */
    public record Report(boolean dryRun, String source, int storiesCreated, int feedbackCreated, List<StoryLine> stories,
            List<FeedbackLine> feedback, List<Notes.PrivateNote> privateNotes, List<Notes.Skipped> skipped,
            String position) {
    }

    /**
     * @param status created, unchanged (imported before), exists (a story with this id and other text), refused
     *     (with why), new (dry run); a feedback item may also be skipped when its story was not imported
     */
    public record StoryLine(int line, String storyId, String title, String rubric, String prompt, List<String> sections,
            String status, String detail) {
    }

    public record FeedbackLine(int line, String feedbackId, String storyId, String text, Source source, boolean roleGuessed,
            String status, String detail) {
    }

    public record Source(String name, String role) {
    }

    /**
     * @param source the file's name, the title of a story whose notes give none
     * @param reads the read side, consulted by a dry run to say what exists already
     */
    public Report run(String candidateId, String markdown, String source, boolean dryRun, WriteCommands writes,
            ReadQueries reads) {
        Notes notes = reader.read(markdown, source == null || source.isBlank() ? null : titleFromFile(source));
        if (notes.stories().size() > MAX_STORIES
                || notes.stories().stream().mapToInt(story -> story.feedback().size()).sum() > MAX_FEEDBACK) {
            throw InvalidRequestException.of("body", "holds more than " + MAX_STORIES + " stories or " + MAX_FEEDBACK
                    + " feedback items; import it in smaller files");
        }
        Set<String> storiesKnown = new HashSet<>();
        Set<String> feedbackKnown = new HashSet<>();
        if (dryRun) {
            reads.stories().stories(candidateId, 0).stories().forEach(story -> storiesKnown.add(story.storyId()));
            reads.feedback().feedback(candidateId, 0).items().forEach(item -> feedbackKnown.add(item.feedbackId()));
        }
        List<StoryLine> storyLines = new ArrayList<>();
        List<FeedbackLine> feedbackLines = new ArrayList<>();
        List<Notes.PrivateNote> privateNotes = new ArrayList<>();
        Set<String> idsInThisFile = new HashSet<>();
        long position = 0;
        int storiesCreated = 0;
        int feedbackCreated = 0;
        for (Notes.Story story : notes.stories()) {
            privateNotes.addAll(story.privateNotes());
            // A story named by nothing in its notes (pasted, no title line, no file) is told apart by its words.
            String named = story.titled() ? slug(story.title()) : slug(story.title()) + "-" + digest(story.toString()).substring(0, 6);
            String storyId = unique(named, idsInThisFile);
            var create = new CandidateCommand.CreateStory(storyId, story.title(), story.rubric(), story.sections(),
                    tags(story.tags()), story.prompt(), notes(story.privateNotes()));
            String tooLong = tooLong(story);
            Outcome made = tooLong != null ? new Outcome("refused", tooLong, 0)
                    : dryRun ? Outcome.planned(storiesKnown.contains(storyId))
                    : submit(writes, candidateId, "import:story:" + storyId + ":" + digest(create.toString()), create);
            position = Math.max(position, made.position());
            storiesCreated += made.status().equals("created") ? 1 : 0;
            storyLines.add(new StoryLine(story.line(), storyId, story.title(), story.rubric(), story.prompt(),
                    List.copyOf(story.sections().keySet()), made.status(), made.detail()));
            boolean storyThere = made.status().equals("created") || made.status().equals("unchanged")
                    || dryRun && made.status().equals("new") || dryRun && made.status().equals("exists");
            for (Notes.Feedback item : story.feedback()) {
                String feedbackId = feedbackId(storyId, item);
                var record = new CandidateCommand.RecordFeedback(feedbackId,
                        new FeedbackReceived.Source(item.sourceName(), item.role()), item.text(), null, storyId,
                        story.rubric(), null, null);
                // Feedback goes to its own story only: never to another one that holds the id with other text.
                Outcome given = !storyThere ? new Outcome("skipped", "its story was not imported (" + made.status() + ")", 0)
                        : item.text().length() > MAX_FEEDBACK_TEXT
                        ? new Outcome("refused", "longer than " + MAX_FEEDBACK_TEXT + " characters", 0)
                        : dryRun ? Outcome.planned(feedbackKnown.contains(feedbackId))
                        : submit(writes, candidateId, "import:" + feedbackId + ":" + digest(record.toString()), record);
                position = Math.max(position, given.position());
                feedbackCreated += given.status().equals("created") ? 1 : 0;
                feedbackLines.add(new FeedbackLine(item.line(), feedbackId, storyId, item.text(),
                        new Source(item.sourceName(), item.role().name().toLowerCase(Locale.ROOT)), item.roleGuessed(),
                        given.status(), given.detail()));
            }
        }
        return new Report(dryRun, source, storiesCreated, feedbackCreated, storyLines, feedbackLines, privateNotes,
                notes.skipped(), position == 0 ? null : String.valueOf(position));
    }

    /** What became of one command of the import. */
    private record Outcome(String status, String detail, long position) {
        static Outcome planned(boolean exists) {
            return new Outcome(exists ? "exists" : "new", exists ? "already there; importing leaves it as it is" : null, 0);
        }
    }

    private static Outcome submit(WriteCommands writes, String candidateId, String key, CandidateCommand command) {
        var origin = new Origin(candidateId, new Actor(candidateId, Actor.Role.CANDIDATE), key);
        try {
            CommandResult result = writes.submit(origin, command, null);
            if (result instanceof CommandResult.Accepted accepted) {
                return new Outcome(accepted.replayed() ? "unchanged" : "created",
                        accepted.replayed() ? "imported before" : null, accepted.position());
            }
            Rejection rejection = ((CommandResult.Rejected) result).rejection();
            if (rejection.kind() == Rejection.Kind.ALREADY_EXISTS) {
                return new Outcome("exists", rejection.message() + "; it was left as it is (edit it, or give this one "
                        + "another title to import it as a new story)", 0);
            }
            return new Outcome("refused", rejection.message(), 0);
        } catch (InvalidRequestException invalid) {
            return new Outcome("refused", invalid.errors().stream().map(error -> error.field() + ": " + error.message())
                    .collect(Collectors.joining("; ")), 0);
        }
    }

    /** A story's id from its title: lower case words joined by dashes, at most 48 characters. */
    static String slug(String title) {
        String slug = java.text.Normalizer.normalize(title, java.text.Normalizer.Form.NFKD).replaceAll("\\p{M}+", "")
                .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (slug.length() > 48) {
            slug = slug.substring(0, 48).replaceAll("-[^-]*$", "");
        }
        return slug.isEmpty() ? "story-" + digest(title).substring(0, 8) : slug;
    }

    private static String unique(String id, Set<String> taken) {
        String candidate = id;
        for (int n = 2; !taken.add(candidate); n++) {
            candidate = id + "-" + n;
        }
        return candidate;
    }

    /** Readable by its story's id; unique by the whole id, the giver and the words. */
    private static String feedbackId(String storyId, Notes.Feedback item) {
        String prefix = storyId.length() > 40 ? storyId.substring(0, 40) : storyId;
        return prefix + "-fb-" + digest(storyId + '\u0000' + item.sourceName() + '\u0000' + item.text()).substring(0, 10);
    }

    /** Why a story cannot be written as it is read, or null: the limits a create over HTTP has. */
    private static String tooLong(Notes.Story story) {
        for (var section : story.sections().entrySet()) {
            if (section.getValue().length() > MAX_SECTION) {
                return "section " + section.getKey() + " is longer than " + MAX_SECTION + " characters";
            }
        }
        return story.prompt() != null && story.prompt().length() > MAX_PROMPT
                ? "the prompt is longer than " + MAX_PROMPT + " characters" : null;
    }

    /** Private notes within the create's limits: the first fifty, each cut at its limit. */
    private static List<String> notes(List<Notes.PrivateNote> notes) {
        return notes.stream().limit(MAX_NOTES).map(note -> note.text().length() <= MAX_NOTE ? note.text()
                : note.text().substring(0, MAX_NOTE - 1) + "…").toList();
    }

    private static List<String> tags(List<String> tags) {
        return tags.stream().filter(tag -> tag.length() <= MAX_TAG).distinct().limit(MAX_TAGS).toList();
    }

    /** "star-oncall-pages.md" → "Star oncall pages". */
    static String titleFromFile(String source) {
        String name = source.replaceAll(".*[/\\\\]", "").replaceAll("(?i)\\.(md|markdown|txt)$", "")
                .replaceAll("[-_]+", " ").strip();
        return name.isEmpty() ? null : Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    private static String digest(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8))).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
