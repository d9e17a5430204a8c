package org.torch4j.nn;

/** How a loss reduces over elements: PyTorch's {@code reduction='none' | 'mean' | 'sum'}. */
public enum Reduction {
    /** No reduction: the elementwise losses. */ NONE, /** Their mean. */ MEAN, /** Their sum. */ SUM;

    /** Parses PyTorch's strings. */
    public static Reduction of(String name) {
        return switch (name) {
            case "none" -> NONE;
            case "mean" -> MEAN;
            case "sum" -> SUM;
            default -> throw new IllegalArgumentException(name + " is not a valid value for reduction");
        };
    }
}
