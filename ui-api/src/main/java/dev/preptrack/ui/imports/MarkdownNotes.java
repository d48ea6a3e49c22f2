package dev.preptrack.ui.imports;

import dev.preptrack.domain.event.FeedbackReceived.Source.Role;
import dev.preptrack.rules.Names;
import dev.preptrack.rules.Rubric;
import dev.preptrack.rules.Rules;
import dev.preptrack.rules.Section;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.Code;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.ListBlock;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.Text;
import org.commonmark.node.ThematicBreak;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;

/**
 * Reads prep notes as people write them into {@link Notes}, in two steps:
 * <ol>
 * <li>CommonMark's syntax tree becomes a list of lines that know what they are — a heading, a
 * line of a paragraph, a list item (with its depth), an HTML comment, a rule — with the inline
 * markup gone ({@code **S**ituation} reads "Situation"), so no pattern below ever sees a
 * Markdown character;</li>
 * <li>the lines are read in order: a line naming a section (any alias of any rubric, whatever its
 * case, punctuation, numbering, time note or quoted second name) starts that section; "feedback:"
 * starts a list of feedback items, each with its giver; "Prompt: …" and "Rubric - …" say what
 * they say; HTML comments are the author's private notes; a heading that names nothing starts
 * the next story once the current one has content.</li>
 * </ol>
 * The rubric of a story is the one it names, else the one whose sections its headings name most.
 * Nothing is dropped silently: every line not used is in {@link Notes#skipped()} with its reason.
 */
public final class MarkdownNotes {

    private static final Parser PARSER = Parser.builder().includeSourceSpans(IncludeSourceSpans.BLOCKS).build();

    private static final Pattern PROMPT = Pattern.compile(
            "^[-=~*\\s]*(?:prompt|question|q)\\s*[:：]\\s*(.+?)[-=~*\\s]*$", Pattern.CASE_INSENSITIVE);
    private static final Pattern STORY_DIVIDER = Pattern.compile("^[=~#*]{2,}\\s*(?:story\\s*[:：-]\\s*)?(.+?)\\s*[=~#*]{2,}$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern TABLE_RULE = Pattern.compile("^\\|?[\\s:|-]+\\|?$");
    private static final Pattern RUBRIC = Pattern.compile("^rubric\\s*[:\\-–—]\\s*(.+)$", Pattern.CASE_INSENSITIVE);
    private static final Pattern TAGS = Pattern.compile("^(?:tags?\\s*:\\s*)?(#[\\p{L}\\p{N}_-]+[\\s,]*)+$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern TIME_NOTE = Pattern.compile(
            "\\(?\\s*~?\\d+(?:[.,]\\d+)?\\s*(?:-\\s*\\d+\\s*)?(?:mins?|minutes?|m|secs?|seconds?|s)\\b\\.?\\s*\\)?",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern LABEL = Pattern.compile("^(.{1,60}?)\\s*(?:[:：]|\\s[-–—]\\s|\\s[-–—]$)\\s*(.*)$");
    private static final Pattern LEADING_NUMBER = Pattern.compile("^(?:\\d{1,2}[.)]|[a-zA-Z][.)](?=\\s))\\s*");
    private static final Pattern GIVER_IN_PARENTHESES = Pattern.compile("^(.*\\S)\\s*\\(([^()]{1,60})\\)[\\s.!]*$");
    private static final Pattern GIVER_THEN_REMARK = Pattern.compile("^(.*\\S)\\s*\\(([^()]{1,60})\\)\\s*(?:[-–—]+|,)\\s*(.{1,60})$");
    private static final Pattern GIVER_AFTER_DASH = Pattern.compile("^(.*\\S)\\s+[-–—]{1,2}\\s*([^-–—]{1,40})$");
    private static final Pattern TODO = Pattern.compile("(?i)(?:todo|tbd|fixme)\\b");
    private static final Pattern FB_MARK = Pattern.compile("(?i)^fb\\b\\s*[-–—:]?\\s*");
    private static final Pattern CHECKBOX = Pattern.compile("^\\[[ xX]\\]\\s*");
    private static final Pattern GIVER_FIRST = Pattern.compile("^([\\p{L}][\\p{L} .'-]{0,30}?(?:\\s*\\([^()]{1,30}\\))?)\\s*:\\s+(.+)$");
    private static final Pattern QUESTION_LABEL = Pattern.compile("^(?:question|q)\\s*[:：]\\s*", Pattern.CASE_INSENSITIVE);

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
        List<Line> lines = new ArrayList<>();
        for (Node block = PARSER.parse(markdown).getFirstChild(); block != null; block = block.getNext()) {
            flatten(block, 0, lines);
        }
        return new Reading(fallbackTitle).read(lines);
    }

    // ---------- step 1: the syntax tree as lines ----------

    private enum Kind { HEADING, TEXT, ITEM, COMMENT, RULE }

    /** One line of the notes: what it is, its heading level or list depth, and its text without markup. */
    private record Line(int number, Kind kind, int level, String text, boolean numbered) {
    }

    private void flatten(Node block, int depth, List<Line> out) {
        int line = firstLine(block);
        if (block instanceof Heading heading) {
            inlineLines(heading, line).forEach(text -> out.add(new Line(line, Kind.HEADING, heading.getLevel(), text, false)));
        } else if (block instanceof Paragraph paragraph) {
            List<String> texts = inlineLines(paragraph, line);
            for (int i = 0; i < texts.size(); i++) {
                out.add(new Line(line + i, Kind.TEXT, depth, texts.get(i), false));
            }
            comments(paragraph, line, out);
        } else if (block instanceof ListBlock list) {
            boolean numbered = list instanceof org.commonmark.node.OrderedList;
            for (Node item = list.getFirstChild(); item != null; item = item.getNext()) {
                listItem((ListItem) item, depth, numbered, out);
            }
        } else if (block instanceof HtmlBlock html) {
            out.add(new Line(line, Kind.COMMENT, depth, withoutCommentMarks(html.getLiteral()), false));
        } else if (block instanceof ThematicBreak) {
            out.add(new Line(line, Kind.RULE, depth, "", false));
        } else if (block instanceof FencedCodeBlock code) {
            literalLines(code.getLiteral(), line + 1, depth, out);
        } else if (block instanceof IndentedCodeBlock code) {
            literalLines(code.getLiteral(), line, depth, out);
        } else if (block instanceof BlockQuote) {
            for (Node child = block.getFirstChild(); child != null; child = child.getNext()) {
                flatten(child, depth, out);
            }
        }
    }

    private void listItem(ListItem item, int depth, boolean numbered, List<Line> out) {
        boolean first = true;
        for (Node child = item.getFirstChild(); child != null; child = child.getNext()) {
            if (first && child instanceof Paragraph paragraph) {
                itemParagraph(paragraph, depth, numbered, out);
            } else if (child instanceof ListBlock) {
                flatten(child, depth + 1, out);
            } else if (child instanceof Paragraph paragraph) {
                int line = firstLine(paragraph);
                out.add(new Line(line, Kind.ITEM, depth + 1, String.join(" ", inlineLines(paragraph, line)), false));
            } else {
                flatten(child, depth + 1, out);
            }
            first = false;
        }
        if (item.getFirstChild() == null) {
            out.add(new Line(firstLine(item), Kind.ITEM, depth, "", numbered));
        }
    }

    /**
     * A list item's first paragraph as one item, except that a line CommonMark took as a lazy
     * continuation (not indented) which names a section or opens a feedback list is read as that:
     * people write "R - …" right under the last bullet of "A -".
     */
    private void itemParagraph(Paragraph paragraph, int depth, boolean numbered, List<Line> out) {
        int line = firstLine(paragraph);
        List<String> texts = inlineLines(paragraph, line);
        var spans = paragraph.getSourceSpans();
        StringBuilder item = new StringBuilder(texts.get(0));
        int itemLine = line;
        for (int i = 1; i < texts.size(); i++) {
            boolean lazy = spans.size() == texts.size() && spans.get(i).getColumnIndex() == 0;
            Line alone = new Line(line + i, Kind.TEXT, 0, texts.get(i), false);
            if (lazy && (sectionHeading(alone).isPresent() || feedbackHeader(alone).isPresent()
                    || startsWithGiver(alone.text()))) {
                out.add(new Line(itemLine, Kind.ITEM, depth, item.toString().strip(), numbered));
                out.add(alone);
                item = null;
                // Lines after it are its section's text, as if the bullet had ended there.
                for (int j = i + 1; j < texts.size(); j++) {
                    out.add(new Line(line + j, Kind.TEXT, 0, texts.get(j), false));
                }
                break;
            }
            item.append(' ').append(texts.get(i));
        }
        if (item != null) {
            out.add(new Line(itemLine, Kind.ITEM, depth, item.toString().strip(), numbered));
        }
        comments(paragraph, line, out);
    }

    /** The text of a block's inline content, one string per source line, without markup or comments. */
    private static List<String> inlineLines(Node block, int line) {
        List<StringBuilder> lines = new ArrayList<>(List.of(new StringBuilder()));
        collect(block, lines);
        return lines.stream().map(text -> text.toString().strip()).toList();
    }

    private static void collect(Node node, List<StringBuilder> lines) {
        for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
            if (child instanceof Text text) {
                lines.get(lines.size() - 1).append(text.getLiteral());
            } else if (child instanceof Code code) {
                lines.get(lines.size() - 1).append(code.getLiteral());
            } else if (child instanceof SoftLineBreak || child instanceof HardLineBreak) {
                lines.add(new StringBuilder());
            } else if (!(child instanceof HtmlInline)) {
                collect(child, lines);
            }
        }
    }

    /** Inline HTML comments inside a paragraph are private notes too. */
    private static void comments(Node block, int line, List<Line> out) {
        for (Node child = block.getFirstChild(); child != null; child = child.getNext()) {
            if (child instanceof HtmlInline html && html.getLiteral().startsWith("<!--")) {
                out.add(new Line(line, Kind.COMMENT, 0, withoutCommentMarks(html.getLiteral()), false));
            }
        }
    }

    private static void literalLines(String literal, int line, int depth, List<Line> out) {
        String[] texts = literal.split("\n", -1);
        for (int i = 0; i < texts.length; i++) {
            if (!texts[i].isBlank()) {
                out.add(new Line(line + i, Kind.TEXT, depth, texts[i].strip(), false));
            }
        }
    }

    private static String withoutCommentMarks(String html) {
        return html.replace("<!--", " ").replace("-->", " ").replaceAll("\\s+", " ").strip();
    }

    private static int firstLine(Node node) {
        return node.getSourceSpans().isEmpty() ? 0 : node.getSourceSpans().get(0).getLineIndex() + 1;
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
        private Giver blockGiver;
        private boolean feedbackListSeen;
        private boolean tableFeedback;
        /** The list depth of a to-do bullet; bullets under it are to-dos too. */
        private int todoLevel = -1;
        /** The list depth of the line that named the giver; items one deeper are the list's items. */
        private int giverLevel = -1;
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
                inFeedback = false;
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
            if (TODO.matcher(stripLeading(text)).lookingAt()) {
                draft.privateNotes.add(new Notes.PrivateNote(line.number(), text));
                todoLevel = item ? line.level() : -1;
                return;
            }
            Matcher divider = STORY_DIVIDER.matcher(text);
            if (divider.matches() && !item) {
                if (draft.hasContent() || draft.prompt != null || draft.title != null) {
                    startStory(line.number());
                }
                title(new Line(line.number(), Kind.HEADING, 1, divider.group(1), false));
                return;
            }
            Matcher prompt = PROMPT.matcher(text);
            if (prompt.matches() && !item && !inFeedback) {
                startStoryIfUsed(line);
                draft.prompt = unquote(prompt.group(1));
                return;
            }
            Matcher rubric = RUBRIC.matcher(stripLeading(text));
            if (rubric.matches() && !inFeedback) {
                Optional<Rubric> named = rules.resolveRubric(unquote(rubric.group(1)));
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
                Optional<FeedbackHeader> header = feedbackHeader(line);
                if (header.isPresent()) {
                    if (afterRule) {
                        afterRule = false;
                    }
                    inFeedback = true;
                    feedbackListSeen = false;
                    giverLevel = item ? line.level() : -1;
                    blockGiver = header.get().giver();
                    part = null;
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
                Optional<Giver> giver = giverLine(text, inFeedback);
                if (giver.isPresent()) {
                    inFeedback = true;
                    feedbackListSeen = false;
                    blockGiver = giver.get();
                    giverLevel = item ? line.level() : -1;
                    part = null;
                    return;
                }
            }
            // In a feedback list a bullet is feedback, even one that starts with a section's name.
            Optional<SectionHeading> heading = inFeedback && item ? Optional.empty() : sectionHeading(line);
            if (heading.isPresent()) {
                if (afterRule && draft.hasSection(heading.get().places())) {
                    startStory(line.number());
                }
                afterRule = false;
                inFeedback = false;
                tableFeedback = false;
                part = new Part(line.number(), text, heading.get().places());
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
                } else if (!item && feedbackListSeen && !startsWithGiver(text)) {
                    // A paragraph after the list (links, a to-do) is not one of its items.
                    inFeedback = false;
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

        private Part unknownPart(Line line) {
            inFeedback = false;
            Part unknown = new Part(line.number(), line.text(), List.of());
            draft.parts.add(unknown);
            return unknown;
        }

        /** A story's title; "Project retro: Patient messaging" and "Search relevance: Project Retro" name the rubric too. */
        private void title(Line line) {
            String text = titleOf(line.text());
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
                inFeedback = true;
                tableFeedback = true;
                part = null;
                return;
            }
            if (inFeedback && tableFeedback && cells.size() >= 2) {
                Giver giver = giver(cells.get(0));
                String words = String.join(" — ", cells.subList(1, cells.size()).stream().filter(c -> !c.isEmpty()).toList());
                if (giver == null || words.isBlank()) {
                    skipped.add(new Notes.Skipped(line.number(), text, "a table row without a giver and words"));
                } else {
                    draft.feedback.add(new Notes.Feedback(line.number(), cleaned(words), giver.name(), giver.role(),
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
            inFeedback = false;
            tableFeedback = false;
            blockGiver = null;
            afterRule = false;
        }

        private void feedbackItem(int line, String text) {
            Feedback parsed = feedback(text);
            if (parsed.text().isBlank()) {
                skipped.add(new Notes.Skipped(line, text, "a feedback line with no words of feedback in it"));
                return;
            }
            Giver giver = parsed.giver() == null ? blockGiver : parsed.giver();
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
            final List<String> tags = new ArrayList<>();
            final List<Part> parts = new ArrayList<>();
            final List<Notes.Feedback> feedback = new ArrayList<>();
            final List<Notes.PrivateNote> privateNotes = new ArrayList<>();

            Draft(int line) {
                this.line = line;
            }

            boolean hasContent() {
                return !parts.isEmpty() || !feedback.isEmpty();
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
                if (parts.isEmpty() && feedback.isEmpty()) {
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
                    if (text.isEmpty()) {
                        skipped.add(new Notes.Skipped(each.line, each.heading, "a section heading with nothing under it"));
                        continue;
                    }
                    sections.merge(place.get().section(), text, (a, b) -> a + "\n" + b);
                }
                // Notes without a title line are named by their file, which a person named; else by the prompt.
                String storyTitle = title != null ? title : fallbackTitle != null ? fallbackTitle
                        : prompt != null ? shorten(prompt, 200) : "Imported notes";
                return Optional.of(new Notes.Story(line, storyTitle, chosen, prompt, sections, tags, feedback, privateNotes));
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

        Part(int line, String heading, List<Place> places) {
            this.line = line;
            this.heading = heading;
            this.places = places;
        }

        void add(String line) {
            text.append(text.length() == 0 ? "" : "\n").append(line);
            lines++;
        }
    }

    // ---------- what one line says ----------

    /** A line naming a section, and whatever text followed its label on the same line. */
    private record SectionHeading(List<Place> places, String rest) {
    }

    /**
     * Whether a line names a section: a heading or short line whose text, without numbering, time
     * notes, parentheses and quotes, names one in its first part ("Metrics + Goals (…) / "OKRs" /
     * 10 mins"), or a label before a colon or dash ("S - Our checkout …", "Situation: …"). A list
     * item counts only when all of it is a section's name, so a bullet in a section stays text.
     */
    private Optional<SectionHeading> sectionHeading(Line line) {
        String text = stripLeading(line.text());
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
            return Optional.of(new SectionHeading(whole.get(), ""));
        }
        if (line.kind() != Kind.HEADING) {
            return Optional.empty();
        }
        Optional<SectionHeading> labelled = labelled(text);
        return labelled.isPresent() ? labelled : containedName(text);
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
        return Optional.of(new SectionHeading(sectionsByName.get(best), ""));
    }

    /** "S - Our checkout …", "Situation: …": a section's name before a colon or dash, and what follows. */
    private Optional<SectionHeading> labelled(String text) {
        Matcher label = LABEL.matcher(text);
        if (!label.matches()) {
            return Optional.empty();
        }
        List<Place> places = sectionsByName.get(Names.key(withoutTimeNotes(label.group(1))));
        // What follows may be only the author's time note ("XF Planning and Alignment - 3 min").
        String rest = label.group(2).strip();
        boolean onlyATimeNote = withoutTimeNotes(rest).replaceAll("[\\s/|()\\[\\]-]+", "").isEmpty();
        return places == null ? Optional.empty() : Optional.of(new SectionHeading(places, onlyATimeNote ? "" : rest));
    }

    /** The places a heading's text names: the whole of it, or (not for list items) its first part. */
    private Optional<List<Place>> namedPlaces(String text, boolean partsAllowed) {
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

    private static String withoutTimeNotes(String text) {
        return TIME_NOTE.matcher(text).replaceAll(" ").strip();
    }

    /** Numbering, bullets and symbols (an emoji, say) before a line's first word. */
    private static String stripLeading(String text) {
        String rest = text.strip().replaceFirst("^[^\\p{L}\\p{N}\"“'(]+", "");
        return LEADING_NUMBER.matcher(rest).replaceFirst("").strip();
    }

    private static String titleOf(String text) {
        return shorten(text.replaceFirst("^[^\\p{L}\\p{N}\"“']+", "").strip(), 200);
    }

    /** The text inside quotes that enclose all of it; a quote that ends a sentence stays. */
    private static String unquote(String text) {
        String stripped = text.strip();
        if (stripped.length() >= 2 && "\"“'‘".indexOf(stripped.charAt(0)) >= 0
                && "\"”'’".indexOf(stripped.charAt(stripped.length() - 1)) >= 0) {
            return stripped.substring(1, stripped.length() - 1).strip();
        }
        return stripped;
    }

    private static String shorten(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1).strip() + "…";
    }

    // ---------- feedback items and who gave them ----------

    /** A feedback line's words, and who gave it when the line says (null otherwise). */
    private record Feedback(String text, Giver giver) {
    }

    /** Who gave feedback; {@code roleGuessed} when no role was named and {@code peer} is assumed. */
    private record Giver(String name, Role role, boolean roleGuessed) {
    }

    /** The start of a feedback list, what follows on its line, and who gave the list when its heading says. */
    private record FeedbackHeader(String rest, Giver giver) {
    }

    private static final Map<String, Role> ROLE_WORDS = Map.ofEntries(Map.entry("peer", Role.PEER),
            Map.entry("mock", Role.PEER), Map.entry("friend", Role.PEER), Map.entry("colleague", Role.PEER),
            Map.entry("coach", Role.COACH), Map.entry("mentor", Role.COACH),
            Map.entry("interviewer", Role.INTERVIEWER), Map.entry("interview", Role.INTERVIEWER),
            Map.entry("recruiter", Role.INTERVIEWER), Map.entry("hm", Role.INTERVIEWER), Map.entry("manager", Role.INTERVIEWER),
            Map.entry("self", Role.SELF), Map.entry("me", Role.SELF), Map.entry("myself", Role.SELF));
    private static final List<String> FILLER = List.of("from", "by", "said", "the", "a", "an", "my", "our", "round",
            "with", "w", "real", "after", "notes", "note", "feedback", "onsite", "on", "site", "and", "of", "own",
            "hiring", "debrief", "fb", "s", "session", "practice", "call", "cohort", "loop", "quick", "written");
    private static final Pattern FEEDBACK_WORD = Pattern.compile("(?i)\\b(?:feedback|comments?|debrief|fb)\\b"
            + "|^(?:\\p{L}+\\s+)?notes?\\s+from\\b|^(?:self|my own|my|coach|peer|interviewer|mentor)[- ]?(?:notes?|review)\\b");

    /**
     * Whether a line opens a feedback list: "feedback:", "## Feedback from mock 2", "Interviewer
     * feedback (mock onsite):", "notes from coach:", "Self notes after mock 2". Its giver is the
     * role and name the heading gives, dates and numbers aside; an item naming its own giver wins.
     */
    private static Optional<FeedbackHeader> feedbackHeader(Line line) {
        String text = stripLeading(line.text());
        Matcher word = FEEDBACK_WORD.matcher(text);
        if (!word.find() || !saysWho(text.substring(0, word.start()))) {
            return Optional.empty();
        }
        int colon = text.indexOf(':');
        String head = colon < 0 ? text : text.substring(0, colon);
        String rest = colon < 0 ? "" : text.substring(colon + 1).strip();
        // A long sentence that happens to say "feedback" is not a heading, unless a colon ends its label.
        if (line.kind() != Kind.HEADING && colon < 0 && text.split("\\s+").length > 8) {
            return Optional.empty();
        }
        if (head.split("\\s+").length > 12) {
            return Optional.empty();
        }
        String about = head.replaceAll("(?i)\\b(?:feedback|comments?|notes?|debrief|fb|review)\\b", " ");
        boolean self = text.toLowerCase(Locale.ROOT).matches("^(?:self|my own|my)\\b.*");
        // Only a heading that says who ("from Jordan (peer)", "Interviewer feedback") names the list's giver;
        // "feedback after the session" names nobody.
        boolean names = about.matches("(?i).*\\bfrom\\b.*") || hasRoleWord(about);
        Giver giver = self ? new Giver("self", Role.SELF, false) : names ? giver(about.replaceAll("[\\[\\]]", " ")) : null;
        return Optional.of(new FeedbackHeader(rest, giver));
    }

    /** Words before "feedback" that say whose it is ("Interviewer feedback", "mock 2 feedback") or nothing at all. */
    private static boolean saysWho(String before) {
        for (String word : before.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (!word.isEmpty() && !ROLE_WORDS.containsKey(word) && !FILLER.contains(word) && !word.matches("\\d+")
                    && !word.equals("s")) {
                return false;
            }
        }
        return true;
    }

    /**
     * A line that names only a giver and ends with a colon ("Ines (peer, practice round):", "- from
     * Jordan (peer mock)", "self, after watching the recording"): who gave the items under it.
     */
    private static Optional<Giver> giverLine(String text, boolean inFeedback) {
        String bare = stripLeading(text).replaceAll("[:：]\\s*$", "").strip();
        if (bare.isEmpty() || bare.split("\\s+").length > 10 || bare.matches(".*[.!?]$")) {
            return Optional.empty();
        }
        String outside = bare.replaceAll("\\([^)]*\\)", " ");
        boolean from = outside.toLowerCase(Locale.ROOT).matches("^(?:from|w/|with)\\b.*");
        String[] words = outside.strip().split("[\\s,]+");
        boolean roleFirst = ROLE_WORDS.containsKey(words[0].toLowerCase(Locale.ROOT))
                && (text.strip().endsWith(":") || words.length <= 6 && bare.matches("^\\S+\\s*[,(].*"));
        boolean nameThenRole = outside.strip().split("[\\s,]+").length <= 3 && bare.contains("(") && hasRoleWord(bare)
                && text.strip().endsWith(":");
        boolean colon = text.strip().endsWith(":");
        // Outside a feedback list only a line ending with a colon opens one; a sentence about a peer does not.
        if (!(from || roleFirst || nameThenRole) || !(colon || inFeedback && (from || roleFirst || nameThenRole))) {
            return Optional.empty();
        }
        return Optional.ofNullable(giver(bare.replaceFirst("(?i)^(?:from|w/|with)\\s+", "")));
    }

    /**
     * A feedback line as its text and giver: "(peer - sam)", "(coach anna)", "(from Li Wei,
     * interviewer)" or "— coach ben" at the end, a "Question:" label dropped from the start.
     */
    static Feedback feedback(String line) {
        String text = FB_MARK.matcher(CHECKBOX.matcher(line.strip()).replaceFirst("")).replaceFirst("");
        Matcher first = GIVER_FIRST.matcher(text);
        if (first.matches() && hasRoleWord(first.group(1))) {
            // "Sam (peer): you skipped …", "interviewer: good two-stage explanation"
            return new Feedback(cleaned(first.group(2)), giver(first.group(1)));
        }
        String tail = null;
        String remark = "";
        Matcher remarked = GIVER_THEN_REMARK.matcher(text);
        Matcher parentheses = GIVER_IN_PARENTHESES.matcher(text);
        if (remarked.matches() && looksLikeGiver(remarked.group(2))) {
            // "… (coach maya) — done in v2": the remark after the giver stays with the words.
            text = remarked.group(1);
            tail = remarked.group(2);
            remark = remarked.group(3).strip();
        } else if (parentheses.matches() && looksLikeGiver(parentheses.group(2))) {
            text = parentheses.group(1);
            tail = parentheses.group(2);
        }
        if (tail != null) {
            // "… – Priya (coach)": the name before the role's parentheses.
            Matcher named = GIVER_AFTER_DASH.matcher(text);
            if (named.matches() && named.group(2).strip().matches("[\\p{L}][\\p{L}' .]{0,30}")
                    && named.group(2).strip().split("\\s+").length <= 3) {
                text = named.group(1);
                tail = named.group(2).strip() + " (" + tail + ")";
            }
        } else {
            Matcher dash = GIVER_AFTER_DASH.matcher(text);
            if (dash.matches() && looksLikeGiver(dash.group(2)) && dash.group(2).strip().split("\\s+").length <= 4) {
                text = dash.group(1);
                tail = dash.group(2);
            }
        }
        if (!remark.isEmpty()) {
            text = text + " — " + remark;
        }
        return new Feedback(cleaned(text), tail == null ? null : giver(tail));
    }

    /** A feedback item's words without emphasis marks around them, enclosing quotes or a "Question:" label. */
    private static String cleaned(String text) {
        return QUESTION_LABEL.matcher(unquote(text.replaceAll("^[*_\\s]+|[*_\\s]+$", ""))).replaceFirst("").strip();
    }

    /** "self (after recording): …", "Sam (peer): …": a line that starts with who said it. */
    private static boolean startsWithGiver(String text) {
        Matcher first = GIVER_FIRST.matcher(text);
        return first.matches() && hasRoleWord(first.group(1));
    }

    private static boolean hasRoleWord(String words) {
        for (String word : words.toLowerCase(Locale.ROOT).split("[^\\p{L}]+")) {
            if (ROLE_WORDS.containsKey(word)) {
                return true;
            }
        }
        return false;
    }

    /** The role and name in a few words ("peer - sam", "from Li Wei, interviewer", "mock 2 (2024-02-10)"); null when none. */
    private static Giver giver(String words) {
        // "Sam (Ex-Google Interviewer)", "coach (Aisha)": a name outside the parentheses wins over one
        // inside, a role inside over one outside.
        Matcher bracketed = Pattern.compile("\\(([^)]*)\\)").matcher(words);
        String inside = bracketed.find() ? bracketed.group(1) : "";
        String outside = words.replaceAll("\\([^)]*\\)", " ");
        // "Priya (coach), session 12 Mar": what follows the first comma is about the session, not the giver.
        String[] clauses = outside.split(",");
        Role later = null;
        if (clauses.length > 1 && !clauses[0].isBlank()) {
            outside = clauses[0];
            // "from Li Wei, interviewer": a role in a later clause still counts.
            later = parts(String.join(" ", java.util.Arrays.asList(clauses).subList(1, clauses.length))).role();
        }
        GiverParts out = parts(outside).or(new GiverParts(null, later));
        GiverParts in = parts(inside.split(",")[0]).or(parts(inside));
        String name = out.name() != null ? out.name() : in.name();
        Role role = in.role() != null ? in.role() : out.role();
        if (name == null && role == null) {
            return null;
        }
        return new Giver(shorten(name != null ? name : role.name().toLowerCase(Locale.ROOT), 100),
                role == null ? Role.PEER : role, role == null);
    }

    /** The name and role a few words give, either possibly null. */
    private record GiverParts(String name, Role role) {
        GiverParts or(GiverParts other) {
            return new GiverParts(name != null ? name : other.name(), role != null ? role : other.role());
        }
    }

    /** The name is the first run of words that are neither roles nor filler ("From Lena On The Recording": Lena). */
    private static GiverParts parts(String words) {
        Role role = null;
        List<String> name = new ArrayList<>();
        boolean nameEnded = false;
        for (String word : words.split("[\\s,;:/+–—-]+")) {
            String lower = word.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}']", "");
            if (lower.isEmpty() || FILLER.contains(lower) || word.matches(".*\\d.*")) {
                nameEnded |= !name.isEmpty();
                continue;
            }
            Role named = ROLE_WORDS.get(lower);
            if (named != null) {
                role = role == null ? named : role;
                nameEnded |= !name.isEmpty();
            } else if (!nameEnded) {
                name.add(word.replaceAll("[^\\p{L}\\p{N}'.-]", ""));
            }
        }
        return new GiverParts(name.isEmpty() ? null : String.join(" ", name), role);
    }

    /** A parenthesis or dash tail that names a person or a role, not an aside like "(2 mins)" or "(why?)". */
    private static boolean looksLikeGiver(String tail) {
        String lower = tail.toLowerCase(Locale.ROOT).strip();
        if (lower.isEmpty() || lower.matches(".*\\d.*") || lower.endsWith("?")) {
            return false;
        }
        for (String word : lower.split("[\\s,;:/–—-]+")) {
            if (ROLE_WORDS.containsKey(word.replaceAll("[^\\p{L}]", ""))) {
                return true;
            }
        }
        // A bare name: one to three capitalised or short words, as in "(raj)" or "(Li Wei)".
        return tail.strip().split("\\s+").length <= 3 && tail.strip().matches("[\\p{L}' .-]+");
    }
}
