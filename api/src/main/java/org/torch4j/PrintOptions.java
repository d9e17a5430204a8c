package org.torch4j;

/**
 * How tensors print ({@code torch.set_printoptions}): set with {@link Torch#setPrintoptions(PrintOptions)}
 * or {@link Torch#setPrintoptions(Integer, Double, Integer, Integer, String, Boolean)}, read with
 * {@link Torch#getPrintoptions()}. Immutable; the {@code with...} methods return changed copies.
 *
 * @param precision digits after the decimal point of floating values (default 4)
 * @param threshold the number of elements above which a tensor is summarised with {@code ...}
 *     (default 1000; {@code Double.POSITIVE_INFINITY} never summarises)
 * @param edgeitems the items kept at each end of a summarised dim (default 3)
 * @param linewidth the characters per line before the last dim wraps (default 80)
 * @param sciMode true or false to force scientific notation on or off; null lets each tensor choose
 */
public record PrintOptions(int precision, double threshold, int edgeitems, int linewidth, Boolean sciMode) {

    /** PyTorch's defaults ({@code profile="default"}). */
    public static final PrintOptions DEFAULT = new PrintOptions(4, 1000, 3, 80, null);

    /** Checks the values PyTorch could not print with. */
    public PrintOptions {
        if (precision < 0) throw new IllegalArgumentException("Format specifier missing precision: precision must be >= 0, got " + precision);
        if (edgeitems < 0) throw new IllegalArgumentException("edgeitems must be >= 0, got " + edgeitems);
        if (Double.isNaN(threshold)) throw new IllegalArgumentException("threshold must be a number");
    }

    /**
     * PyTorch's named profiles: {@code "default"} (precision 4, threshold 1000, edgeitems 3, linewidth 80),
     * {@code "short"} (precision 2, edgeitems 2) and {@code "full"} (never summarise); sci mode unforced.
     *
     * @throws IllegalArgumentException for another name (PyTorch ignores it silently)
     */
    public static PrintOptions profile(String name) {
        return switch (name) {
            case "default" -> DEFAULT;
            case "short" -> new PrintOptions(2, 1000, 2, 80, null);
            case "full" -> new PrintOptions(4, Double.POSITIVE_INFINITY, 3, 80, null);
            default -> throw new IllegalArgumentException("unknown print profile '" + name + "': expected default, short or full");
        };
    }

    /** A copy with another precision. */
    public PrintOptions withPrecision(int precision) {
        return new PrintOptions(precision, threshold, edgeitems, linewidth, sciMode);
    }

    /** A copy with another summarisation threshold. */
    public PrintOptions withThreshold(double threshold) {
        return new PrintOptions(precision, threshold, edgeitems, linewidth, sciMode);
    }

    /** A copy with another number of edge items. */
    public PrintOptions withEdgeitems(int edgeitems) {
        return new PrintOptions(precision, threshold, edgeitems, linewidth, sciMode);
    }

    /** A copy with another line width. */
    public PrintOptions withLinewidth(int linewidth) {
        return new PrintOptions(precision, threshold, edgeitems, linewidth, sciMode);
    }

    /** A copy with scientific notation forced on (true), off (false) or chosen per tensor (null). */
    public PrintOptions withSciMode(Boolean sciMode) {
        return new PrintOptions(precision, threshold, edgeitems, linewidth, sciMode);
    }
}
