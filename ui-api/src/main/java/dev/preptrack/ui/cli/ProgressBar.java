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

    ProgressBar(PrintWriter out, String label, long total, boolean terminal) {
        this.out = out;
        this.label = label;
        this.total = Math.max(1, total);
        this.drawn = terminal;
    }

    /** For the terminal this process writes to, if it is one. */
    static ProgressBar onTerminal(PrintWriter out, String label, long total) {
        return new ProgressBar(out, label, total, System.console() != null);
    }

    synchronized void update(long done) {
        long now = System.nanoTime();
        if (!drawn || finished || started && now - lastDrawn < REDRAW_NANOS && done < total) {
            return;
        }
        started = true;
        lastDrawn = now;
        out.print('\r' + line(done));
        out.flush();
    }

    /** Ends the bar's line, once, so what follows starts on its own. */
    synchronized void finish() {
        if (drawn && started && !finished) {
            out.print('\r' + line(total) + '\n');
            out.flush();
        }
        finished = true;
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
        return String.format(Locale.ROOT, "%s [%s%s] %3d%% %s / %s", label, "#".repeat(filled),
                ".".repeat(WIDTH - filled), 100 * shown / total, size(shown), size(total));
    }

    private static String size(long bytes) {
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.0f KB", bytes / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
    }
}
