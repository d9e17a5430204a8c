package org.torch4j.backend.cpu;

import org.torch4j.DType;
import org.torch4j.backend.cpu.kernels.RecurrentVec;
import org.torch4j.spi.HostStorage;
import org.torch4j.spi.RecurrentCellOperands;
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
        Strided hidden = RecurrentCellOperands.hidden(mode, s);
        if (hidden == null) return false;
        int rows = (int) hidden.shape()[0], h = (int) hidden.shape()[1];
        for (Strided o : s) {
            if (o != null && !(o.dtype() == DType.FLOAT32 && o.storage() instanceof HostStorage && o.isContiguous())) return false;
        }
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

    private static float[] f(Strided s) {
        return s == null ? null : ((HostStorage) s.storage()).floats();
    }

    private static int o(Strided s) {
        return s == null ? 0 : (int) s.offset();
    }
}
