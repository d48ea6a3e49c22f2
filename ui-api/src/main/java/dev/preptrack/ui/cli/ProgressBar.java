package dev.preptrack.ui.cli;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * A one-line progress bar for a person watching a terminal: redrawn in place at most ten times
 * a second, and not drawn at all when the output is not a terminal (a script's log stays clean).
 */
final class ProgressBar {

    private static final int WIDTH = 30;
    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintWriter out;
    private final String label;
    private final long total;
    private final boolean drawn;
    private long lastDrawn;
    private boolean started;
    private boolean finished;
    private String note = "";
    private int lastLength;

    private final java.util.function.LongFunction<String> amount;

    ProgressBar(PrintWriter out, String label, long total, boolean terminal) {
        this(out, label, total, terminal, ProgressBar::size);
    }

    private ProgressBar(PrintWriter out, String label, long total, boolean terminal,
            java.util.function.LongFunction<String> amount) {
        this.out = out;
        this.label = label;
        this.total = Math.max(1, total);
        this.drawn = terminal;
        this.amount = amount;
    }

    /** A bar counting things (events), not bytes. */
    static ProgressBar counting(PrintWriter out, String label, long total, boolean terminal) {
        return new ProgressBar(out, label, total, terminal, count -> String.format(Locale.ROOT, "%,d", count));
    }

    /** For the terminal this process writes to, if it is one. */
    static ProgressBar onTerminal(PrintWriter out, String label, long total) {
        return new ProgressBar(out, label, total, System.console() != null);
    }

    synchronized void update(long done) {
        update(done, note);
    }

    /** As {@link #update(long)}, with {@code note} (a rate, the time left) after the figures. */
    synchronized void update(long done, String note) {
        this.note = note;
        long now = System.nanoTime();
        if (!drawn || finished || started && now - lastDrawn < REDRAW_NANOS && done < total) {
            return;
        }
        started = true;
        lastDrawn = now;
        draw(line(done));
    }

    /** Ends the bar's line, once, so what follows starts on its own. */
    synchronized void finish() {
        note = "";
        if (drawn && started && !finished) {
            draw(line(total));
            out.print('\n');
            out.flush();
        }
        finished = true;
    }

    /** Redraws the line in place, blanking what a longer line before it left at its end. */
    private void draw(String line) {
        out.print('\r' + line + " ".repeat(Math.max(0, lastLength - line.length())));
        out.flush();
        lastLength = line.length();
    }

    /** A line after the bar, for a person watching (nothing when the output is not a terminal). */
    synchronized void say(String text) {
        if (drawn) {
            out.println(text);
            out.flush();
        }
    }

    String line(long done) {
        long shown = Math.min(done, total);
        int filled = (int) (WIDTH * shown / total);
        return String.format(Locale.ROOT, "%s [%s%s] %3d%% %s / %s%s", label, "#".repeat(filled),
                ".".repeat(WIDTH - filled), 100 * shown / total, amount.apply(shown), amount.apply(total),
                note.isEmpty() ? "" : "  " + note);
    }

    private static String size(long bytes) {
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.0f KB", bytes / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
    }
}
