package org.torch4j.spi;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;
import org.torch4j.DType;

/** The recurrent-cell layout check every backend's kernel runs first: counts, presence and sizes per mode. */
class RecurrentCellOperandsTest {

    private static final long N = 3, H = 5;

    /** A contiguous float32 [N, k H] operand ([k H] for a bias, when rows is 0). */
    private static Strided rows(long rows, long k) {
        long[] shape = rows == 0 ? new long[] {k * H} : new long[] {rows, k * H};
        long[] strides = rows == 0 ? new long[] {1} : new long[] {k * H, 1};
        return new Strided(HostStorage.allocate(DType.FLOAT32, Math.max(1, rows) * k * H), shape, strides, 0);
    }

    @Test
    void findsTheStepsShapeOnlyWhenTheOperandsFitTheMode() {
        Strided h = rows(N, 1);
        assertSame(h, RecurrentCellOperands.hidden("lstm", rows(N, 4), rows(N, 4), rows(0, 4), rows(N, 1), h, rows(N, 1), rows(N, 5)));
        assertSame(h, RecurrentCellOperands.hidden("lstm", rows(N, 4), rows(N, 4), null, rows(N, 1), h, rows(N, 1), rows(N, 5)),
                "without the bias");
        assertNull(RecurrentCellOperands.hidden("lstm", rows(N, 4), rows(N, 4), rows(0, 3), rows(N, 1), h, rows(N, 1), rows(N, 5)),
                "a bias of 3 H");
        assertNull(RecurrentCellOperands.hidden("lstm", rows(N, 4), rows(N, 4), null, rows(N, 1), h, null, rows(N, 5)), "no c");
        assertNull(RecurrentCellOperands.hidden("gru", rows(N, 3), rows(N, 3), null, rows(N, 1), h, rows(N, 1), rows(N, 4)),
                "a c for a GRU");
        assertSame(h, RecurrentCellOperands.hidden("rnn_relu", rows(N, 1), rows(N, 1), null, null, h, null, null));
        Strided dh = rows(N, 1);
        assertSame(dh, RecurrentCellOperands.hidden("gru_backward", dh, dh, rows(N, 4), rows(N, 1), rows(N, 3), rows(N, 3)));
        assertNull(RecurrentCellOperands.hidden("gru_backward", dh, dh, rows(N, 4), rows(N, 1), rows(N, 3)), "one operand short");
        assertNull(RecurrentCellOperands.hidden("rnn_tanh_backward", dh, rows(N + 1, 1), rows(N, 1)), "another row count");
        assertNull(RecurrentCellOperands.hidden("lstm_peephole", dh, dh, dh), "an unknown mode");
    }
}
