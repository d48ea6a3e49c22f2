package dev.preptrack.ui.imports;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
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
import org.commonmark.node.OrderedList;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.Text;
import org.commonmark.node.ThematicBreak;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;

/**
 * Step one of reading notes: CommonMark's syntax tree as a list of lines that know what they are —
 * a heading and its level, a line of a paragraph, a list item and its depth (numbered or not), an
 * HTML comment, a rule — with the inline markup gone ({@code **S**ituation} reads "Situation"), so
 * that nothing after this sees a Markdown character.
 */
final class NoteLines {

    /** CODE is a line of a code block or an indented one: text only, never a heading or a feedback item's giver. */
    enum Kind { HEADING, TEXT, ITEM, COMMENT, RULE, CODE }

    /** One line of the notes: what it is, its heading level or list depth, and its text without markup. */
    record Line(int number, Kind kind, int level, String text, boolean numbered) {
    }

    private static final Parser PARSER = Parser.builder().includeSourceSpans(IncludeSourceSpans.BLOCKS).build();

    private final Predicate<Line> opensSomething;

    /**
     * @param opensSomething whether a line CommonMark took as the lazy continuation of a bullet is
     *     really a line of its own (it names a section, opens a feedback list, names a giver)
     */
    NoteLines(Predicate<Line> opensSomething) {
        this.opensSomething = opensSomething;
    }

    List<Line> of(String markdown) {
        List<Line> lines = new ArrayList<>();
        for (Node block = PARSER.parse(markdown).getFirstChild(); block != null; block = block.getNext()) {
            flatten(block, 0, lines);
        }
        return lines;
    }

    private void flatten(Node block, int depth, List<Line> out) {
        int line = firstLine(block);
        if (block instanceof Heading heading) {
            inlineLines(heading).forEach(text -> out.add(new Line(line, Kind.HEADING, heading.getLevel(), text, false)));
        } else if (block instanceof Paragraph paragraph) {
            List<String> texts = inlineLines(paragraph);
            for (int i = 0; i < texts.size(); i++) {
                out.add(new Line(line + i, Kind.TEXT, depth, texts.get(i), false));
            }
            comments(paragraph, line, out);
        } else if (block instanceof ListBlock list) {
            boolean numbered = list instanceof OrderedList;
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
                out.add(new Line(line, Kind.ITEM, depth + 1, String.join(" ", inlineLines(paragraph)), false));
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
        List<String> texts = inlineLines(paragraph);
        var spans = paragraph.getSourceSpans();
        StringBuilder item = new StringBuilder(texts.get(0));
        int itemLine = line;
        for (int i = 1; i < texts.size(); i++) {
            boolean lazy = spans.size() == texts.size() && spans.get(i).getColumnIndex() == 0;
            Line alone = new Line(line + i, Kind.TEXT, 0, texts.get(i), false);
            if (lazy && opensSomething.test(alone)) {
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
    private static List<String> inlineLines(Node block) {
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
            } else {
                // A comment inside emphasis is a comment too.
                comments(child, line, out);
            }
        }
    }

    private static void literalLines(String literal, int line, int depth, List<Line> out) {
        String[] texts = literal.split("\n", -1);
        for (int i = 0; i < texts.length; i++) {
            if (!texts[i].isBlank()) {
                out.add(new Line(line + i, Kind.CODE, depth, texts[i].strip(), false));
            }
        }
    }

    private static String withoutCommentMarks(String html) {
        return html.replace("<!--", " ").replace("-->", " ").replaceAll("\\s+", " ").strip();
    }

    private static int firstLine(Node node) {
        return node.getSourceSpans().isEmpty() ? 0 : node.getSourceSpans().get(0).getLineIndex() + 1;
    }
}
