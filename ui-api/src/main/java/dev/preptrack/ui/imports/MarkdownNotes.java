package dev.preptrack.ui.imports;

import dev.preptrack.domain.event.FeedbackReceived.Source.Role;
import dev.preptrack.rules.Names;
import dev.preptrack.rules.Rubric;
import dev.preptrack.rules.Rules;
import dev.preptrack.rules.Section;
import dev.preptrack.ui.imports.NoteLines.Kind;
import dev.preptrack.ui.imports.NoteLines.Line;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads prep notes as people write them into {@link Notes}: the lines {@link NoteLines} makes of
 * CommonMark's tree, read in order. A line naming a section (any id, title or alias of any rubric,
 * whatever its case, punctuation, numbering, time note or quoted second name) starts that section;
 * a feedback heading starts a list of items whose givers {@link Givers} reads; "Prompt: …" and
 * "Rubric - …" say what they say; HTML comments and to-dos are the author's private notes; a
 * heading that names nothing starts the next story once the current one has content.
 * The rubric of a story is the one it names, else the one whose sections its headings name most.
 * Nothing is dropped silently: every line not used is in {@link Notes#skipped()} with its reason.
 * {@code docs/imports.md} has the whole table.
 */
public final class MarkdownNotes {


    /** Longer lines are prose: no heading, label or giver is that long, and the patterns need not see them. */
    static final int LONGEST_LABELLED_LINE = 300;
    private static final Pattern PROMPT = Pattern.compile(
            "^[-=~*\\s]*(?:prompt|question|q)\\s*[:：]\\s*(.+?)[-=~*\\s]*$", Pattern.CASE_INSENSITIVE);
    private static final Pattern STORY_DIVIDER = Pattern.compile("^[=~#*]{2,}\\s*(?:story\\s*[:：-]\\s*)?(.+?)\\s*[=~#*]{2,}$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern TABLE_RULE = Pattern.compile("^\\|?[\\s:|-]+\\|?$");
    private static final Pattern RUBRIC = Pattern.compile("^rubric\\s*[:\\-–—]\\s*(.+)$", Pattern.CASE_INSENSITIVE);
    private static final Pattern TAGS = Pattern.compile("^(?:tags?\\s*:\\s*)?(#[\\p{L}\\p{N}_-]+[\\s,]*)+$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern TIME_NOTE = Pattern.compile(
            "\\(?\\s*+~?(?<![\\d.,])\\d++(?:[.,]\\d++)?\\s*+(?:-\\s*+\\d++\\s*+)?(?:mins?|minutes?|m|secs?|seconds?|s)\\b\\.?\\s*+\\)?",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern LABEL = Pattern.compile("^(.{1,60}?)\\s*(?:[:：]|\\s[-–—]\\s|\\s[-–—]$)\\s*(.*)$");
    private static final Pattern TODO = Pattern.compile("(?i)(?:todo|tbd|fixme)\\b");
    /** "Q3: How did you …", "Question 2 - Why …", "Q. …": a walkthrough's question, with its words. */
    private static final Pattern QUESTION = Pattern.compile(
            "^(?:q|question)\\s*(\\d*)\\s*[:：.)\\-–—]+\\s*(.{3,})$", Pattern.CASE_INSENSITIVE);
    /** Words that ask: a question mark anywhere, or a question's or an interviewer's prompt's first word. */
    private static final Pattern ASKS = Pattern.compile("\\?|^[\\s\"“*_]*(?:how|why|what|when|where|who|which|tell|walk|"
            + "describe|explain|give|talk|can|could|would|should|did|do|does|is|are|was|were|have|has)\\b",
            Pattern.CASE_INSENSITIVE);
    /** The section a walkthrough's question starts, holding the prepared answer until another is named. */
    private static final String ANSWER = "answer";

    private final Rules rules;
    /** Every name of every section, keyed as {@link Names#key} compares them, to the sections it names. */
    private final Map<String, List<Place>> sectionsByName = new HashMap<>();

    /** A section of a rubric. */
    private record Place(String rubric, String section) {
    }

    public MarkdownNotes(Rules rules) {
        this.rules = rules;
        for (Rubric rubric : rules.rubrics()) {
            for (Section section : rubric.sections()) {
                List<String> names = new ArrayList<>(section.aliases());
                names.add(section.id());
                names.add(section.title());
                for (String name : names) {
                    List<Place> places = sectionsByName.computeIfAbsent(Names.key(name), key -> new ArrayList<>());
                    Place place = new Place(rubric.id(), section.id());
                    if (!places.contains(place)) {
                        places.add(place);
                    }
                }
            }
        }
    }

    /** @param fallbackTitle the title of a story whose notes give none (the file's name, say), or null */
    public Notes read(String markdown, String fallbackTitle) {
        List<Line> lines = new NoteLines(line -> line.text().length() <= LONGEST_LABELLED_LINE
                && (sectionHeading(line).isPresent() || Givers.feedbackHeader(line).isPresent()
                        || Givers.startsWithGiver(line.text()))).of(markdown);
        return new Reading(fallbackTitle).read(lines);
    }

    // ---------- step 2: reading the lines in order ----------

    /** One reading of one file. */
    private final class Reading {
        private final String fallbackTitle;
        private final List<Draft> drafts = new ArrayList<>();
        private final List<Notes.Skipped> skipped = new ArrayList<>();
        private Draft draft;
        private Part part;
        private boolean inFeedback;
        /** Who gave the items of this feedback list when an item does not say ("Feedback from coach Maya:"). */
        private Givers.Giver blockGiver;
        private boolean feedbackListSeen;
        private boolean tableFeedback;
        /** The list depth of a to-do bullet; bullets under it are to-dos too. */
        private int todoLevel = -1;
        /** The list depth of the line that named the giver; items one deeper are the list's items. */
        private int giverLevel = -1;

        /** A feedback list begins: who gave it (if its opening line says) and at what list depth. */
        private void openFeedback(Givers.Giver giver, int level, boolean table) {
            inFeedback = true;
            tableFeedback = table;
            feedbackListSeen = false;
            blockGiver = giver;
            giverLevel = level;
            part = null;
        }

        private void closeFeedback() {
            inFeedback = false;
            tableFeedback = false;
            feedbackListSeen = false;
            blockGiver = null;
            giverLevel = -1;
        }
        private boolean afterRule;

        Reading(String fallbackTitle) {
            this.fallbackTitle = fallbackTitle;
        }

        Notes read(List<Line> lines) {
            draft = new Draft(1);
            for (Line line : lines) {
                read(line);
            }
            drafts.add(draft);
            List<Notes.Story> stories = new ArrayList<>();
            for (Draft each : drafts) {
                each.finish().ifPresent(stories::add);
            }
            skipped.sort(java.util.Comparator.comparingInt(Notes.Skipped::line));
            return new Notes(stories, skipped);
        }

        private void read(Line line) {
            String text = line.text();
            if (line.kind() == Kind.COMMENT) {
                if (!text.isBlank()) {
                    draft.privateNotes.add(new Notes.PrivateNote(line.number(), text));
                }
                return;
            }
            if (line.kind() == Kind.RULE) {
                afterRule = draft.hasContent();
                closeFeedback();
                return;
            }
            if (line.kind() == Kind.CODE || text.length() > LONGEST_LABELLED_LINE) {
                // Code, and prose too long to be a heading or a giver, is only ever text (and is never
                // put through the patterns below, whose cost grows with a line's length).
                content(line);
                return;
            }
            if (text.isBlank()) {
                return;
            }
            boolean item = line.kind() == Kind.ITEM;
            if (item && todoLevel >= 0 && line.level() > todoLevel) {
                draft.privateNotes.add(new Notes.PrivateNote(line.number(), text));
                return;
            }
            todoLevel = -1;
            if (TODO.matcher(NoteText.stripLeading(text)).lookingAt()) {
                draft.privateNotes.add(new Notes.PrivateNote(line.number(), text));
                todoLevel = item ? line.level() : -1;
                return;
            }
            Optional<String> question = item || inFeedback ? Optional.empty() : askedQuestion(line);
            if (question.isPresent()) {
                question(line, question.get());
                return;
            }
            if (draft.answer != null && part == draft.answer && !item) {
                // "A: we chose Flink because …" under a question is its answer, not STAR's action.
                Matcher answered = LABEL.matcher(NoteText.stripLeading(text));
                if (answered.matches() && Names.key(answered.group(1)).equals("a")) {
                    part.add(answered.group(2));
                    return;
                }
            }
            Matcher divider = STORY_DIVIDER.matcher(text);
            if (!item && isDivider(text) && divider.matches()) {
                if (draft.hasContent() || draft.prompt != null || draft.title != null) {
                    startStory(line.number());
                }
                title(new Line(line.number(), Kind.HEADING, 1, divider.group(1), false));
                return;
            }
            Matcher prompt = PROMPT.matcher(text);
            if (prompt.matches() && !item && !inFeedback) {
                startStoryIfUsed(line);
                draft.prompt = NoteText.unquote(prompt.group(1));
                return;
            }
            Matcher rubric = RUBRIC.matcher(NoteText.stripLeading(text));
            if (rubric.matches() && !inFeedback) {
                Optional<Rubric> named = rules.resolveRubric(NoteText.unquote(rubric.group(1)));
                if (named.isPresent()) {
                    draft.rubric = named.get().id();
                } else {
                    skipped.add(new Notes.Skipped(line.number(), text, "names no rubric these rules know ("
                            + String.join(", ", rules.rubricIds()) + ")"));
                }
                return;
            }
            if (TAGS.matcher(text).matches()) {
                for (String tag : text.replaceFirst("(?i)^tags?\\s*:\\s*", "").split("[\\s,]+")) {
                    if (tag.length() > 1) {
                        draft.tags.add(tag.substring(1));
                    }
                }
                return;
            }
            if (!item || line.level() == 0 && text.split("\\s+").length <= 3) {
                Optional<Givers.FeedbackHeader> header = Givers.feedbackHeader(line);
                if (header.isPresent()) {
                    afterRule = false;
                    openFeedback(header.get().giver(), item ? line.level() : -1, false);
                    if (!header.get().rest().isBlank()) {
                        feedbackItem(line.number(), header.get().rest());
                    }
                    return;
                }
            }
            if (text.startsWith("|")) {
                tableRow(line);
                return;
            }
            if (inFeedback || draft.hasContent()) {
                Optional<Givers.Giver> giver = Givers.giverLine(text, inFeedback);
                if (giver.isPresent()) {
                    openFeedback(giver.get(), item ? line.level() : -1, false);
                    return;
                }
            }
            // In a feedback list a bullet is feedback, even one that starts with a section's name.
            Optional<SectionHeading> heading = inFeedback && item ? Optional.empty() : sectionHeading(line);
            if (heading.isEmpty() && line.kind() == Kind.HEADING && draft.title != null && line.level() > draft.titleLevel) {
                // Under a title, "Clarifying Requirements" is the requirements section said at more length.
                heading = containedName(text);
            }
            if (heading.isPresent() && heading.get().labelled() && !heading.get().rest().isBlank() && part != null
                    && !part.fromLabel) {
                // Notes whose sections are headings: "Impact: 3 hours of downtime" is a line of this one.
                heading = Optional.empty();
            }
            if (heading.isPresent() && item && heading.get().labelled() && part != null && !part.places.isEmpty()
                    && heading.get().places().stream().noneMatch(place -> part.places.stream()
                            .anyMatch(mine -> mine.rubric().equals(place.rubric())))) {
                // "- problem: 38% drop-off" under a pitch's "1 min version" is a line of it, not STAR's task.
                heading = Optional.empty();
            }
            if (heading.isPresent()) {
                if (afterRule && draft.hasSection(heading.get().places())) {
                    startStory(line.number());
                }
                afterRule = false;
                closeFeedback();
                part = new Part(line.number(), text, heading.get().places(), line.kind() != Kind.HEADING);
                draft.parts.add(part);
                if (line.kind() == Kind.HEADING) {
                    draft.sectionLevel = Math.min(draft.sectionLevel, line.level());
                }
                if (!heading.get().rest().isBlank()) {
                    part.add(heading.get().rest());
                }
                return;
            }
            if (line.kind() == Kind.HEADING) {
                heading(line);
                return;
            }
            if (afterRule && draft.hasContent() && line.kind() == Kind.TEXT) {
                startStory(line.number());
                title(line);
                return;
            }
            if (inFeedback) {
                if (item && line.level() > 0 && line.level() > giverLevel + 1 && !draft.feedback.isEmpty()) {
                    draft.appendToLastFeedback(text);
                } else if (!item && feedbackListSeen && !Givers.startsWithGiver(text)) {
                    // A paragraph after the list (links, a to-do) is not one of its items.
                    closeFeedback();
                    skipped.add(new Notes.Skipped(line.number(), text, "after the feedback list, so not feedback"));
                } else {
                    feedbackListSeen |= item;
                    feedbackItem(line.number(), text);
                }
                return;
            }
            if (part != null) {
                part.add(item ? "  ".repeat(line.level()) + "- " + text : text);
                return;
            }
            if (draft.title == null) {
                title(line);
                return;
            }
            skipped.add(new Notes.Skipped(line.number(), text, "before the first section heading, so it belongs to no section"));
        }

        /** A line that is only ever text: a section's, a feedback item's, or nobody's (then reported). */
        private void content(Line line) {
            if (inFeedback) {
                feedbackItem(line.number(), line.text());
            } else if (part != null) {
                part.add(line.text());
            } else {
                skipped.add(new Notes.Skipped(line.number(), NoteText.shorten(line.text(), 120),
                        "before the first section heading, so it belongs to no section"));
            }
        }

        /**
         * A heading that names no section: the next story's title when it is as high as this
         * story's title (or the story has a rule before it), a better title for a story with nothing
         * in it yet (the first was a file's heading), else a section these rules do not have, whose
         * lines are set aside.
         */
        private void heading(Line line) {
            // A title that was a plain line gives no level to compare with; the section headings' level does.
            boolean asHighAsTitle = draft.titleLevel < 7 ? line.level() <= draft.titleLevel : line.level() < draft.sectionLevel;
            if (!draft.hasContent()) {
                Optional<Rubric> named = rules.resolveRubric(NoteText.titleOf(line.text()));
                if (draft.title != null && draft.titleLevel == 1 && line.level() > 1 && named.isPresent()) {
                    // "# Fraud scoring" then "## Elevator pitch": the pitch of that project, not any pitch.
                    draft.title = draft.title + " — " + NoteText.titleOf(line.text());
                    draft.rubric = draft.rubric == null ? named.get().id() : draft.rubric;
                    return;
                }
                if (draft.title != null) {
                    skipped.add(new Notes.Skipped(draft.line, draft.title, "a title with nothing under it before the next one"));
                }
                title(line);
                return;
            }
            if (afterRule || asHighAsTitle) {
                startStory(line.number());
                title(line);
                return;
            }
            part = unknownPart(line);
        }

        /**
         * A walkthrough's question ("### Q3: How did you …?", "Q2. Why …", a heading asking
         * something): its own story, the question its title and prompt, and what follows it its
         * prepared answer until a line names another section (key points, follow-ups).
         */
        private void question(Line line, String asked) {
            if (draft.hasContent() || draft.prompt != null) {
                startStory(line.number());
            } else if (draft.title != null) {
                skipped.add(new Notes.Skipped(draft.line, draft.title, "a title with nothing under it before the next one"));
            }
            afterRule = false;
            closeFeedback();
            draft.title = NoteText.shorten(asked, 200);
            draft.line = line.number();
            draft.titleLevel = line.kind() == Kind.HEADING ? line.level() : 7;
            draft.prompt = asked;
            List<Place> answer = sectionsByName.getOrDefault(ANSWER, List.of());
            // As if labelled: "Key points: …" on a line of the answer starts that section.
            part = new Part(line.number(), line.text(), answer, true);
            draft.parts.add(part);
            draft.answer = part;
        }

        private Part unknownPart(Line line) {
            closeFeedback();
            Part unknown = new Part(line.number(), line.text(), List.of(), false);
            draft.parts.add(unknown);
            return unknown;
        }

        /** A story's title; "Project retro: Patient messaging" and "Search relevance: Project Retro" name the rubric too. */
        private void title(Line line) {
            String text = NoteText.titleOf(line.text());
            Matcher label = LABEL.matcher(text);
            if (label.matches() && !label.group(2).isBlank()) {
                Optional<Rubric> before = rules.resolveRubric(label.group(1));
                Optional<Rubric> after = rules.resolveRubric(label.group(2));
                if (before.isPresent()) {
                    draft.rubric = draft.rubric == null ? before.get().id() : draft.rubric;
                    text = label.group(2).strip();
                } else if (after.isPresent()) {
                    draft.rubric = draft.rubric == null ? after.get().id() : draft.rubric;
                    text = label.group(1).strip();
                }
            }
            draft.title = text;
            draft.line = line.number();
            draft.titleLevel = line.kind() == Kind.HEADING ? line.level() : 7;
        }

        /**
         * A Markdown table row (no table extension is loaded, so rows are lines): a "Who | What"
         * header opens a feedback list, and each row after it is an item from the first column's giver.
         */
        private void tableRow(Line line) {
            String text = line.text();
            if (TABLE_RULE.matcher(text).matches()) {
                return;
            }
            List<String> cells = new ArrayList<>();
            for (String cell : text.replaceAll("^\\||\\|$", "").split("\\|")) {
                cells.add(cell.strip());
            }
            boolean header = cells.size() >= 2 && cells.get(0).toLowerCase(Locale.ROOT)
                    .matches("who|from|giver|by|person|name|interviewer|reviewer");
            if (header) {
                openFeedback(null, -1, true);
                return;
            }
            if (inFeedback && tableFeedback && cells.size() >= 2) {
                Givers.Giver giver = Givers.giver(cells.get(0));
                String words = String.join(" — ", cells.subList(1, cells.size()).stream().filter(c -> !c.isEmpty()).toList());
                if (giver == null || words.isBlank()) {
                    skipped.add(new Notes.Skipped(line.number(), text, "a table row without a giver and words"));
                } else {
                    draft.feedback.add(new Notes.Feedback(line.number(), Givers.cleaned(words), giver.name(), giver.role(),
                            giver.roleGuessed()));
                    feedbackListSeen = true;
                }
                return;
            }
            if (part != null) {
                part.add(text);
            } else {
                skipped.add(new Notes.Skipped(line.number(), text, "a table outside any section"));
            }
        }

        private void startStoryIfUsed(Line line) {
            if (draft.hasContent() || draft.prompt != null) {
                startStory(line.number());
            }
        }

        private void startStory(int line) {
            drafts.add(draft);
            draft = new Draft(line);
            part = null;
            closeFeedback();
            afterRule = false;
            todoLevel = -1;
        }

        private void feedbackItem(int line, String text) {
            Givers.Feedback parsed = Givers.feedback(text);
            if (parsed.text().isBlank()) {
                skipped.add(new Notes.Skipped(line, text, "a feedback line with no words of feedback in it"));
                return;
            }
            Givers.Giver giver = parsed.giver() == null ? blockGiver : parsed.giver();
            if (giver == null) {
                draft.feedback.add(new Notes.Feedback(line, parsed.text(), "unknown", Role.PEER, true));
            } else {
                draft.feedback.add(new Notes.Feedback(line, parsed.text(), giver.name(), giver.role(), giver.roleGuessed()));
            }
        }

        /** The notes' story so far, made into a story once its rubric is known. */
        private final class Draft {
            int line;
            String title;
            int titleLevel = 7;
            /** The highest level of the headings that named sections (7 while none did). */
            int sectionLevel = 7;
            String rubric;
            String prompt;
            /** The section a question opened for its answer (null when the story is not a question). */
            Part answer;
            final List<String> tags = new ArrayList<>();
            final List<Part> parts = new ArrayList<>();
            final List<Notes.Feedback> feedback = new ArrayList<>();
            final List<Notes.PrivateNote> privateNotes = new ArrayList<>();

            Draft(int line) {
                this.line = line;
            }

            boolean hasContent() {
                return parts.stream().anyMatch(each -> each != answer || each.lines > 0) || !feedback.isEmpty();
            }

            /** Whether a heading naming these places repeats a section this story already has. */
            boolean hasSection(List<Place> places) {
                return parts.stream().anyMatch(existing -> existing.places.stream().anyMatch(places::contains));
            }

            void appendToLastFeedback(String text) {
                Notes.Feedback last = feedback.remove(feedback.size() - 1);
                feedback.add(new Notes.Feedback(last.line(), last.text() + " " + text.strip(), last.sourceName(),
                        last.role(), last.roleGuessed()));
            }

            Optional<Notes.Story> finish() {
                if (!hasContent()) {
                    if (title != null) {
                        skipped.add(new Notes.Skipped(line, title, "no section and no feedback under it, so no story"));
                    }
                    return Optional.empty();
                }
                String chosen = rubric != null ? rubric : votedRubric();
                Map<String, String> sections = new LinkedHashMap<>();
                for (Part each : parts) {
                    Optional<Place> place = each.places.stream().filter(p -> p.rubric().equals(chosen)).findFirst();
                    if (each.places.isEmpty()) {
                        skipped.add(new Notes.Skipped(each.line, each.heading, "names no section of the rubric '" + chosen
                                + "', so the " + each.lines + " line(s) under it are not imported"));
                        continue;
                    }
                    if (place.isEmpty()) {
                        skipped.add(new Notes.Skipped(each.line, each.heading, "names a section of another rubric than this "
                                + "story's (" + chosen + ")"));
                        continue;
                    }
                    String text = each.text.toString().strip();
                    if (text.isEmpty() && each == answer) {
                        // A question answered only by its key points or follow-ups.
                        continue;
                    }
                    if (text.isEmpty()) {
                        skipped.add(new Notes.Skipped(each.line, each.heading, "a section heading with nothing under it"));
                        continue;
                    }
                    sections.merge(place.get().section(), text, (a, b) -> a + "\n" + b);
                }
                // Notes without a title line are named by their file, which a person named; else by the prompt.
                String storyTitle = title != null ? title : fallbackTitle != null ? fallbackTitle
                        : prompt != null ? NoteText.shorten(prompt, 200) : "Imported notes";
                return Optional.of(new Notes.Story(line, storyTitle, title != null || fallbackTitle != null, chosen, prompt,
                        sections, tags, feedback, privateNotes));
            }

            /** The rubric whose sections the headings name most; the rules' order breaks a tie. */
            private String votedRubric() {
                String best = rules.rubrics().get(0).id();
                long bestCount = -1;
                for (Rubric candidate : rules.rubrics()) {
                    long count = parts.stream().filter(p -> p.places.stream().anyMatch(
                            place -> place.rubric().equals(candidate.id()))).count();
                    if (count > bestCount) {
                        best = candidate.id();
                        bestCount = count;
                    }
                }
                return best;
            }
        }
    }

    /** A section heading in the notes and the text under it so far. */
    private static final class Part {
        final int line;
        final String heading;
        final List<Place> places;
        final StringBuilder text = new StringBuilder();
        int lines;
        /** Whether its heading was a label on a line ("S - …", "Situation: …") rather than a heading. */
        final boolean fromLabel;

        Part(int line, String heading, List<Place> places, boolean fromLabel) {
            this.line = line;
            this.heading = heading;
            this.places = places;
            this.fromLabel = fromLabel;
        }

        void add(String line) {
            text.append(text.length() == 0 ? "" : "\n").append(line);
            lines++;
        }
    }

    // ---------- what one line says ----------

    /** A line naming a section, and whatever text followed its label on the same line. */
    private record SectionHeading(List<Place> places, String rest, boolean labelled) {
    }

    /**
     * Whether a line names a section: a heading or short line whose text, without numbering, time
     * notes, parentheses and quotes, names one in its first part ("Metrics + Goals (…) / "OKRs" /
     * 10 mins"), or a label before a colon or dash ("S - Our checkout …", "Situation: …"). A list
     * item counts only when all of it is a section's name, so a bullet in a section stays text.
     */
    private Optional<SectionHeading> sectionHeading(Line line) {
        String text = NoteText.stripLeading(line.text());
        boolean itemLike = line.kind() == Kind.ITEM;
        if (itemLike && line.level() > 0) {
            return Optional.empty();
        }
        if (line.kind() != Kind.HEADING) {
            Optional<SectionHeading> labelled = labelled(text);
            if (labelled.isPresent()) {
                return labelled;
            }
        }
        // "4) Privacy / RBAC" as a numbered list is a heading like any other; a bullet must be all name.
        Optional<List<Place>> whole = namedPlaces(text, !itemLike || line.numbered() && text.length() <= 60);
        if (whole.isPresent()) {
            return Optional.of(new SectionHeading(whole.get(), "", false));
        }
        if (line.kind() != Kind.HEADING) {
            return Optional.empty();
        }
        return labelled(text);
    }

    /**
     * The question a line asks, when it is a walkthrough's question: a heading or line numbered as
     * one ("Q3: …", "Question 2 - …"; an unnumbered "Q: …" line stays a story's prompt), or a heading
     * that asks something ("How did you measure it?") and names no section.
     */
    private Optional<String> askedQuestion(Line line) {
        String text = NoteText.stripLeading(line.text()).strip();
        Matcher numbered = QUESTION.matcher(text);
        // "Q3: shipped v2" in a retro is a quarter, not a question: the words must ask something.
        if (numbered.matches() && (line.kind() == Kind.HEADING || !numbered.group(1).isEmpty())
                && ASKS.matcher(numbered.group(2)).find()) {
            return Optional.of(NoteText.unquote(numbered.group(2).strip()));
        }
        if (line.kind() == Kind.HEADING && text.endsWith("?") && text.split("\\s+").length >= 3
                && namedPlaces(text, true).isEmpty()) {
            return Optional.of(text);
        }
        return Optional.empty();
    }

    /**
     * A heading that says more than a section's name ("Clarifying Requirements", "Offline And Online
     * Evaluation"): the longest section name it holds as whole words, when only one section has it.
     */
    private Optional<SectionHeading> containedName(String text) {
        String key = " " + Names.key(withoutTimeNotes(text)) + " ";
        String best = null;
        for (String name : sectionsByName.keySet()) {
            if (name.length() >= 4 && key.contains(" " + name + " ") && (best == null || name.length() > best.length())) {
                best = name;
            }
        }
        if (best == null || key.split(" ").length > 8) {
            return Optional.empty();
        }
        return Optional.of(new SectionHeading(sectionsByName.get(best), "", false));
    }

    /** "S - Our checkout …", "Situation: …": a section's name before a colon or dash, and what follows. */
    private Optional<SectionHeading> labelled(String text) {
        Matcher label = LABEL.matcher(text);
        if (!label.matches()) {
            return Optional.empty();
        }
        List<Place> places = sectionsByName.get(Names.key(label.group(1)));
        if (places == null) {
            places = sectionsByName.get(Names.key(withoutTimeNotes(label.group(1))));
        }
        // What follows may be only the author's time note ("XF Planning and Alignment - 3 min").
        String rest = label.group(2).strip();
        boolean onlyATimeNote = withoutTimeNotes(rest).replaceAll("[\\s/|()\\[\\]-]+", "").isEmpty();
        return places == null ? Optional.empty() : Optional.of(new SectionHeading(places, onlyATimeNote ? "" : rest, true));
    }

    /** The places a heading's text names: the whole of it, or (not for list items) its first part. */
    private Optional<List<Place>> namedPlaces(String text, boolean partsAllowed) {
        // "30 Second Version", "2 min version": a name that is itself a time is not a time note.
        List<Place> asWritten = sectionsByName.get(Names.key(text.replaceAll("\\([^)]*\\)", " ")
                .replaceAll("[\"“”'‘’*_]", " ")
                .replaceAll("[:：.!\\s]+$", "").strip()));
        if (asWritten != null) {
            return Optional.of(asWritten);
        }
        String bare = withoutTimeNotes(text).replaceAll("\\([^)]*\\)", " ").replaceAll("[\"“”'‘’*_]", " ")
                .replaceAll("[:：.!\\s]+$", "").strip();
        if (bare.isEmpty() || bare.length() > 120) {
            return Optional.empty();
        }
        List<Place> exact = sectionsByName.get(Names.key(bare));
        if (exact != null) {
            return Optional.of(exact);
        }
        if (!partsAllowed) {
            return Optional.empty();
        }
        String first = bare.split("\\s*(?:/|\\||\\s[-–—]\\s|[:：])\\s*")[0];
        List<Place> byFirstPart = sectionsByName.get(Names.key(first));
        if (byFirstPart != null) {
            return Optional.of(byFirstPart);
        }
        // "PRIVACY & ACCESS": when the pair names nothing, its first half may.
        String half = first.split("(?i)\\s*(?:&|\\+|\\band\\b)\\s*")[0];
        return half.equals(first) ? Optional.empty() : Optional.ofNullable(sectionsByName.get(Names.key(half)));
    }

    /** "=== story: … ===": divider characters at both ends, checked before the pattern looks inside. */
    private static boolean isDivider(String text) {
        return text.length() >= 5 && "=~#*".indexOf(text.charAt(0)) >= 0 && "=~#*".indexOf(text.charAt(1)) >= 0
                && "=~#*".indexOf(text.charAt(text.length() - 1)) >= 0;
    }

    private static String withoutTimeNotes(String text) {
        return TIME_NOTE.matcher(text).replaceAll(" ").strip();
    }

}
