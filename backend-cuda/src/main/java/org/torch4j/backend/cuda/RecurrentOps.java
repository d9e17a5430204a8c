package org.torch4j.backend.cuda;

import org.torch4j.DType;
import org.torch4j.backend.cuda.CudaDevice.Ptr;
import org.torch4j.spi.Strided;

/**
 * The CUDA backend's {@code recurrentCell} hook over {@code recurrent.cu}: the pointwise part of an LSTM, GRU or
 * Elman step, or its derivative, in one launch (a thread per row and hidden unit) instead of the api's dozen, with
 * the composition's arithmetic, so bit-identical to it. Declines unless every operand is a contiguous CUDA tensor
 * of one device and one floating dtype, of the sizes the mode lays out.
 */
final class RecurrentOps {
    private RecurrentOps() {}

    static boolean run(String mode, Strided[] s) {
        // per operand: elements per row in units of H (0: must be absent; negative: the bias, -k H elements, may be absent)
        long[] perRow = switch (mode) {
            case "lstm" -> new long[] {4, 4, -4, 1, 1, 1, 5};
            case "gru" -> new long[] {3, 3, -3, 1, 1, 0, 4};
            case "rnn_tanh", "rnn_relu" -> new long[] {1, 1, -1, 0, 1, 0, 0};
            case "lstm_backward" -> new long[] {1, 1, 5, 1, 4};
            case "gru_backward" -> new long[] {1, 1, 4, 1, 3, 3};
            case "rnn_tanh_backward", "rnn_relu_backward" -> new long[] {1, 1, 1};
            default -> null;
        };
        if (perRow == null) return false;
        boolean backward = mode.endsWith("_backward");
        Strided hidden = s.length == perRow.length ? s[backward ? 0 : 4] : null;
        if (hidden == null || hidden.rank() != 2) return false;
        long rows = hidden.shape()[0], h = hidden.shape()[1];
        CudaDevice d = null;
        for (int i = 0; i < s.length; i++) {
            long k = perRow[i];
            if (s[i] == null) {
                if (k > 0) return false;
                continue;
            }
            if (k == 0 || s[i].numel() != (k < 0 ? -k * h : k * rows * h)) return false;
            if (!(s[i].storage() instanceof CudaStorage cs) || s[i].dtype() != hidden.dtype() || !s[i].isContiguous()) return false;
            if (d != null && d != cs.cudaDevice()) return false;
            d = cs.cudaDevice();
        }
        DType t = hidden.dtype();
        if (t != DType.FLOAT32 && t != DType.FLOAT64 && t != DType.FLOAT16 && t != DType.BFLOAT16) return false;
        if (rows * h == 0) return true;
        String sfx = CudaDType.suffix(t);
        int relu = mode.startsWith("rnn_relu") ? 1 : 0;
        switch (mode) {
            case "lstm" -> d.launch("rnn_lstm_" + sfx, rows * h, rows, h, at(s[0]), at(s[1]), at(s[2]), at(s[3]), at(s[4]), at(s[5]),
                    at(s[6]));
            case "gru" -> d.launch("rnn_gru_" + sfx, rows * h, rows, h, at(s[0]), at(s[1]), at(s[2]), at(s[3]), at(s[4]), at(s[6]));
            case "rnn_tanh", "rnn_relu" -> d.launch("rnn_elman_" + sfx, rows * h, rows, h, relu, at(s[0]), at(s[1]), at(s[2]), at(s[4]));
            case "lstm_backward" -> d.launch("rnn_lstm_backward_" + sfx, rows * h, rows, h, at(s[0]), at(s[1]), at(s[2]), at(s[3]),
                    at(s[4]));
            case "gru_backward" -> d.launch("rnn_gru_backward_" + sfx, rows * h, rows, h, at(s[0]), at(s[1]), at(s[2]), at(s[3]),
                    at(s[4]), at(s[5]));
            default -> d.launch("rnn_elman_backward_" + sfx, rows * h, rows, h, relu, at(s[0]), at(s[1]), at(s[2]));
        }
        return true;
    }

    /** The address of an operand's first element; 0 for an absent one. */
    private static Ptr at(Strided s) {
        return new Ptr(s == null ? 0 : CudaStorage.firstElement(s));
    }
}
