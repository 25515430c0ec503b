package org.mrirecon.cli;

/** A command line that is malformed in a way only the command can tell (e.g. a trial spec): exit code 2. */
final class UsageException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
