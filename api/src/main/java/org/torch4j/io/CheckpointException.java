package org.torch4j.io;

/**
 * A checkpoint file that is malformed, inconsistent or unsupported. The message names the format,
 * the file and what is wrong with it, e.g.
 * {@code safetensors: tensor 'fc.weight' has data_offsets [0, 100] but shape [5, 6] of F32 needs 120 bytes}.
 * Nothing is loaded when it is thrown.
 */
public class CheckpointException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** An error with its message. */
    public CheckpointException(String message) {
        super(message);
    }

    /** An error with its message and the lower-level error behind it. */
    public CheckpointException(String message, Throwable cause) {
        super(message, cause);
    }
}
