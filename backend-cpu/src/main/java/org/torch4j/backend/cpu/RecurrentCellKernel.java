package org.torch4j.backend.cpu;

import org.torch4j.DType;
import org.torch4j.backend.cpu.kernels.RecurrentVec;
import org.torch4j.spi.HostStorage;
import org.torch4j.spi.Strided;

/**
 * {@code Backend.recurrentCell}: the pointwise part of an LSTM, GRU or Elman step (or its derivative) in one pass
 * over the running rows, float32 with the Vector API ({@link RecurrentVec}); other dtypes, the scalar kernels and
 * other layouts decline, and the api composes the same arithmetic from ops. Rows are split across threads.
 */
final class RecurrentCellKernel {
    private RecurrentCellKernel() {}

    static boolean run(String mode, Strided[] s) {
        if (!Simd.ENABLED) return false;
        int blocks;
        Strided hidden;
        switch (mode) {
            case "lstm" -> { blocks = 4; hidden = s[4]; }
            case "gru" -> { blocks = 3; hidden = s[4]; }
            case "rnn_tanh", "rnn_relu" -> { blocks = 1; hidden = s[4]; }
            case "lstm_backward", "gru_backward", "rnn_tanh_backward", "rnn_relu_backward" -> { blocks = 0; hidden = s[0]; }
            default -> { return false; }
        }
        if (s.length != (blocks == 0 ? (mode.startsWith("rnn") ? 3 : mode.startsWith("lstm") ? 5 : 6) : 7) || hidden == null || hidden.rank() != 2) return false;
        int rows = (int) hidden.shape()[0], h = (int) hidden.shape()[1];
        for (Strided o : s) {
            if (o != null && !(o.dtype() == DType.FLOAT32 && o.storage() instanceof HostStorage && o.isContiguous())) return false;
        }
        if (!sizes(mode, s, rows, h)) return false;
        int grain = Math.max(1, Elementwise.COSTLY_GRAIN / (4 * h));
        switch (mode) {
            case "lstm" -> Parallel.forRange(rows, grain, (a, b) -> RecurrentVec.lstm(a, b, h, f(s[0]), o(s[0]), f(s[1]), o(s[1]),
                    f(s[2]), o(s[2]), f(s[3]), o(s[3]), f(s[4]), o(s[4]), f(s[5]), o(s[5]), f(s[6]), o(s[6])));
            case "gru" -> Parallel.forRange(rows, grain, (a, b) -> RecurrentVec.gru(a, b, h, f(s[0]), o(s[0]), f(s[1]), o(s[1]),
                    f(s[2]), o(s[2]), f(s[3]), o(s[3]), f(s[4]), o(s[4]), f(s[6]), o(s[6])));
            case "rnn_tanh", "rnn_relu" -> Parallel.forRange(rows, grain, (a, b) -> RecurrentVec.rnn(mode.equals("rnn_tanh"), a, b, h,
                    f(s[0]), o(s[0]), f(s[1]), o(s[1]), f(s[2]), o(s[2]), f(s[4]), o(s[4])));
            case "lstm_backward" -> Parallel.forRange(rows, grain, (a, b) -> RecurrentVec.lstmBackward(a, b, h, f(s[0]), o(s[0]),
                    f(s[1]), o(s[1]), f(s[2]), o(s[2]), f(s[3]), o(s[3]), f(s[4]), o(s[4])));
            case "gru_backward" -> Parallel.forRange(rows, grain, (a, b) -> RecurrentVec.gruBackward(a, b, h, f(s[0]), o(s[0]),
                    f(s[1]), o(s[1]), f(s[2]), o(s[2]), f(s[3]), o(s[3]), f(s[4]), o(s[4]), f(s[5]), o(s[5])));
            default -> Parallel.forRange(rows, grain, (a, b) -> RecurrentVec.rnnBackward(mode.equals("rnn_tanh_backward"), a, b, h,
                    f(s[0]), o(s[0]), f(s[1]), o(s[1]), f(s[2]), o(s[2])));
        }
        return true;
    }

    /** Each operand's element count as the mode's layout requires (rows x blocks x h; the bias blocks x h). */
    private static boolean sizes(String mode, Strided[] s, long rows, long h) {
        long[] perRow = switch (mode) {
            case "lstm" -> new long[] {4, 4, -4, 1, 1, 1, 5};
            case "gru" -> new long[] {3, 3, -3, 1, 1, 0, 4};
            case "rnn_tanh", "rnn_relu" -> new long[] {1, 1, -1, 0, 1, 0, 0};
            case "lstm_backward" -> new long[] {1, 1, 5, 1, 4};
            case "gru_backward" -> new long[] {1, 1, 4, 1, 3, 3};
            default -> new long[] {1, 1, 1};
        };
        for (int i = 0; i < s.length; i++) {
            long k = perRow[i];
            if (k == 0) {
                if (s[i] != null) return false;
            } else if (k < 0) {
                if (s[i] != null && s[i].numel() != -k * h) return false;
            } else if (s[i] == null || s[i].numel() != k * rows * h) {
                return false;
            }
        }
        return true;
    }

    private static float[] f(Strided s) {
        return s == null ? null : ((HostStorage) s.storage()).floats();
    }

    private static int o(Strided s) {
        return s == null ? 0 : (int) s.offset();
    }
}
