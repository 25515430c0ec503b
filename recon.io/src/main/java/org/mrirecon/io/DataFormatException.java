package org.mrirecon.io;

import java.nio.file.Path;

/**
 * A file (or the request to read it) that cannot become a {@link org.mrirecon.data.Dataset}: missing, unreadable, of an unknown
 * format, truncated, corrupt, inconsistent or too large. The message is one line naming the file, the problem and
 * the fix, fit to show a user as it is; the cause, when there is one, is the low-level error behind it.
 */
public final class DataFormatException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient Path file;

    public DataFormatException(Path file, String problem, String fix) {
        this(file, problem, fix, null);
    }

    public DataFormatException(Path file, String problem, String fix, Throwable cause) {
        super(oneLine((file == null ? "(no file)" : file.toString()) + ": " + problem + "; " + fix), cause);
        this.file = file;
    }

    /** The file the problem was found in; null when no file was given. */
    public Path file() {
        return file;
    }

    private static String oneLine(String s) {
        return s.replaceAll("\\s*[\\r\\n]+\\s*", " ");
    }
}
