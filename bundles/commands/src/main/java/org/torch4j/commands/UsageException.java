package org.torch4j.commands;

/** A bad command line: the message names the problem; the command prints it with its usage and exits with 2. */
final class UsageException extends IllegalArgumentException {
    UsageException(String message) {
        super(message);
    }
}
