package org.torch4j.spi;

/**
 * The operand layout of {@link Backend#recurrentCell} by mode, for a backend to check what it was given before it
 * looks at dtypes and devices.
 */
public final class RecurrentCellOperands {
    private RecurrentCellOperands() {}

    /**
     * The operand that carries the step's shape, {@code [n, H]} ({@code h} for the forward modes, {@code dh} for the
     * backward ones), when {@code operands} match the mode's layout as {@link Backend#recurrentCell} lists it: their
     * number, which are present (the bias may be absent; the unused slots of the forward modes must be), and each one's
     * element count ({@code n} rows of H or of k H elements, the bias k H). Null for an unknown mode or anything else.
     */
    public static Strided hidden(String mode, Strided... operands) {
        // per operand: elements per row in units of H; 0 absent; negative the bias (-k H elements, may be absent)
        long[] perRow = switch (mode) {
            case "lstm" -> new long[] {4, 4, -4, 1, 1, 1, 5};
            case "gru" -> new long[] {3, 3, -3, 1, 1, 0, 4};
            case "rnn_tanh", "rnn_relu" -> new long[] {1, 1, -1, 0, 1, 0, 0};
            case "lstm_backward" -> new long[] {1, 1, 5, 1, 4};
            case "gru_backward" -> new long[] {1, 1, 4, 1, 3, 3};
            case "rnn_tanh_backward", "rnn_relu_backward" -> new long[] {1, 1, 1};
            default -> null;
        };
        if (perRow == null || operands.length != perRow.length) return null;
        Strided hidden = operands[mode.endsWith("_backward") ? 0 : 4];
        if (hidden == null || hidden.rank() != 2) return null;
        long rows = hidden.shape()[0], h = hidden.shape()[1];
        for (int i = 0; i < operands.length; i++) {
            long k = perRow[i];
            if (operands[i] == null) {
                if (k > 0) return null;
            } else if (k == 0 || operands[i].numel() != (k < 0 ? -k * h : k * rows * h)) {
                return null;
            }
        }
        return hidden;
    }
}
