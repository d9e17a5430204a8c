package org.torch4j.distributed;

/**
 * A failure of distributed communication, PyTorch's {@code RuntimeError} from c10d and gloo: a timeout, a peer
 * that closed its connection, ranks that disagree about a collective.
 */
public class DistributedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * An exception with PyTorch's message.
     *
     * @param message what went wrong
     */
    public DistributedException(String message) {
        super(message);
    }

    /**
     * An exception with PyTorch's message and the failure behind it.
     *
     * @param message what went wrong
     * @param cause the underlying failure
     */
    public DistributedException(String message, Throwable cause) {
        super(message, cause);
    }
}
