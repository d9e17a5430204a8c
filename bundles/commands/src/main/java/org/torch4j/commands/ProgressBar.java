package org.torch4j.commands;

import java.io.Console;
import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A training progress bar: batches done, batches per second, the running loss and the time left.
 * On a terminal it redraws one line in place (at most ten times a second); elsewhere (a pipe, a
 * file, {@code TERM=dumb}) it prints a plain line at every tenth of the pass and at the end, so logs
 * stay short and readable.
 */
final class ProgressBar {
    private static final int WIDTH = 24;
    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintStream out;
    private final boolean terminal;
    private final String label;
    private final long total;
    private final LongSupplier clock;
    private final long start;
    private long lastDraw;
    private boolean drawn;
    private int lastTenth;
    private int drawnWidth;

    /** A bar for {@code total} batches; {@code clock} gives nanoseconds (System::nanoTime outside tests). */
    ProgressBar(PrintStream out, boolean terminal, String label, long total, LongSupplier clock) {
        if (total <= 0) throw new IllegalArgumentException("a progress bar needs a positive total, got " + total);
        this.out = out;
        this.terminal = terminal;
        this.label = label;
        this.total = total;
        this.clock = clock;
        this.start = clock.getAsLong();
    }

    /** True when standard output is an interactive terminal that understands carriage returns. */
    static boolean stdoutIsTerminal() {
        Console c = System.console();
        String term = System.getenv("TERM");
        return c != null && c.isTerminal() && term != null && !term.isEmpty() && !term.equals("dumb");
    }

    /** Reports that {@code done} batches are finished, {@code loss} the mean loss so far. */
    void update(long done, double loss) {
        long now = clock.getAsLong();
        if (terminal) {
            if (drawn && done < total && now - lastDraw < REDRAW_NANOS) return;
            drawn = true;
            lastDraw = now;
            String line = line(done, loss, now, true);
            out.print("\r" + line + " ".repeat(Math.max(0, drawnWidth - line.length())));
            drawnWidth = line.length();
            if (done >= total) out.println();
            out.flush();
        } else {
            int tenth = (int) (10 * done / total);
            if (tenth > lastTenth || done >= total) {
                lastTenth = tenth;
                out.println(line(done, loss, now, false));
            }
        }
    }

    /** The status line: label, count, bar (terminal only), rate, loss, ETA (or elapsed time once done). */
    String line(long done, double loss, long now, boolean bar) {
        double seconds = Math.max(1e-9, (now - start) / 1e9);
        double rate = done / seconds;
        StringBuilder b = new StringBuilder(label).append(' ');
        String count = String.valueOf(total);
        b.append(" ".repeat(count.length() - String.valueOf(done).length())).append(done).append('/').append(count);
        if (bar) {
            int filled = (int) (WIDTH * done / total);
            b.append(" [").append("=".repeat(filled)).append(filled < WIDTH ? ">" + " ".repeat(WIDTH - filled - 1) : "").append(']');
        }
        b.append(String.format(Locale.ROOT, "  %.1f batch/s  loss %.4f", rate, loss));
        if (done >= total) {
            b.append("  time ").append(clockTime(seconds));
        } else {
            b.append("  ETA ").append(done == 0 ? "?" : clockTime((total - done) / rate));
        }
        return b.toString();
    }

    /** m:ss, or h:mm:ss past an hour. */
    static String clockTime(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
