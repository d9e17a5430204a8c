package org.torch4j.linalg;

/**
 * A matrix that the requested decomposition cannot handle: singular for {@code inv}/{@code solve}, not
 * positive-definite for {@code cholesky}, or a decomposition that did not converge
 * ({@code torch.linalg.LinAlgError}). Shape and dtype errors are {@link IllegalArgumentException}s.
 */
public class LinAlgException extends RuntimeException {

    /** A failure described by {@code message}, worded as PyTorch's {@code LinAlgError}. */
    public LinAlgException(String message) {
        super(message);
    }
}
