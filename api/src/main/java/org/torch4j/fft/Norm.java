package org.torch4j.fft;

/**
 * PyTorch's {@code norm} argument: which direction carries the 1/n ("backward", the default: the inverse),
 * both 1/sqrt(n) ("ortho"), or the forward transform ("forward").
 */
enum Norm {
    BACKWARD, ORTHO, FORWARD;

    static Norm of(String norm) {
        if (norm == null || norm.equals("backward")) return BACKWARD;
        if (norm.equals("ortho")) return ORTHO;
        if (norm.equals("forward")) return FORWARD;
        throw new IllegalArgumentException("Invalid normalization mode: \"" + norm + "\"");
    }

    /** The factor a transform over {@code n} points (the product of the sizes) is multiplied by. */
    double scale(double n, boolean forward) {
        return switch (this) {
            case BACKWARD -> forward ? 1 : 1 / n;
            case ORTHO -> 1 / Math.sqrt(n);
            case FORWARD -> forward ? 1 / n : 1;
        };
    }
}
