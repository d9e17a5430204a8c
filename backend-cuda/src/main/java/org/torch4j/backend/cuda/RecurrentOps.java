package org.torch4j.backend.cuda;

import static org.torch4j.backend.cuda.KernelOperands.FLOATING;
import static org.torch4j.backend.cuda.KernelOperands.at;
import static org.torch4j.backend.cuda.KernelOperands.device;

import org.torch4j.spi.RecurrentCellOperands;
import org.torch4j.spi.Strided;

/**
 * The CUDA backend's {@code recurrentCell} hook over {@code recurrent.cu}: the pointwise part of an LSTM, GRU or
 * Elman step, or its derivative, in one launch (a thread per row and hidden unit) instead of the api's dozen, with
 * the composition's arithmetic, so bit-identical to it. Declines unless the operands fit the mode's layout
 * ({@link RecurrentCellOperands}) and are contiguous CUDA tensors of one device and one floating dtype.
 */
final class RecurrentOps {
    private RecurrentOps() {}

    static boolean run(String mode, Strided[] s) {
        Strided hidden = RecurrentCellOperands.hidden(mode, s);
        CudaDevice d = device(FLOATING, s);
        if (hidden == null || d == null) return false;
        long rows = hidden.shape()[0], h = hidden.shape()[1];
        if (rows * h == 0) return true;
        String sfx = CudaDType.suffix(hidden.dtype());
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
}
