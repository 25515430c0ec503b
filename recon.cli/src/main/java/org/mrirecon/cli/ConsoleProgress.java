package org.mrirecon.cli;

import java.io.PrintStream;

import org.mrirecon.api.ReconContext;

/**
 * A {@link ReconContext} that draws a one-line progress bar on a terminal, redrawn at most every 200 ms; when the
 * output is not a terminal (a log file, a pipe) it prints a plain line at every quarter instead, so logs stay
 * readable. It only displays: a {@link JobContext} around it carries the cancellation.
 */
public final class ConsoleProgress implements ReconContext {

    private static final int WIDTH = 30;
    private final PrintStream out;
    private final String label;
    private final boolean enabled;
    private final boolean terminal;
    private volatile long lastDraw;
    private int lastQuarter = -1;

    public ConsoleProgress(PrintStream out, String label, boolean enabled) {
        this.out = out;
        this.label = label;
        this.enabled = enabled;
        this.terminal = System.console() != null;
    }

    @Override
    public synchronized void progress(double fraction, String message) {
        if (!enabled) {
            return;
        }
        if (!terminal) {
            int quarter = (int) Math.floor(Math.max(0, Math.min(1, fraction)) * 4);
            if (quarter > lastQuarter) {
                lastQuarter = quarter;
                out.printf("%s: %d%%%n", label, quarter * 25);
            }
            return;
        }
        long now = System.nanoTime();
        if (fraction < 1 && now - lastDraw < 200_000_000L) {
            return;
        }
        lastDraw = now;
        double f = Math.max(0, Math.min(1, fraction));
        int filled = (int) Math.round(f * WIDTH);
        String bar = "#".repeat(filled) + ".".repeat(WIDTH - filled);
        String msg = message == null ? "" : message;
        if (msg.length() > 30) {
            msg = msg.substring(0, 30);
        }
        out.printf("\r%-14s [%s] %3d%% %-30s", label, bar, Math.round(f * 100), msg);
        out.flush();
    }

    /** Ends the bar's line. */
    public void finish() {
        if (enabled && terminal) {
            out.print("\r" + " ".repeat(90) + "\r");
            out.flush();
        }
    }

    @Override
    public boolean isCancelled() {
        return false;
    }
}
