package org.torch4j.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.torch4j.DType;
import org.torch4j.Device;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.spi.Backend;
import org.torch4j.spi.BackendRegistry;
import org.torch4j.spi.Strided;

/**
 * recurrent.cu (the {@code recurrentCell} hook) on a GPU: each mode called directly (a silent fallback fails the
 * test) in float32, float64, float16 and bfloat16 must give the same bits as the api's composition of the same
 * step (nn.RecurrentCells' formulas, written out here with tensor ops on the same device), with and without the
 * bias, and GRU's backward with dhPrev aliasing dh. (The LSTM, GRU and RNN layers on cuda, through it, against
 * the CPU: CudaNnParityTest.) Skipped, printing why, without a GPU.
 */
class CudaRecurrentTest {

    private static final Device CUDA = Device.of("cuda");
    private static final List<DType> FLOATING = List.of(DType.FLOAT32, DType.FLOAT64, DType.FLOAT16, DType.BFLOAT16);
    private static final long N = 5, H = 37;

    private static Backend cuda;

    @BeforeAll
    static void requireCuda() {
        RequireCuda.orSkip("CUDA recurrent-cell tests");
        cuda = BackendRegistry.find("cuda");
    }

    private static Tensor random(DType t, long... shape) {
        return Torch.randn(shape).mul(1.5).to(t).to(CUDA);
    }

    /** A value in (0, 1), as the saved activations are (sigmoid outputs, or tanh's in (-1, 1) for g and tanh(c)). */
    private static Tensor unit(DType t, long... shape) {
        return Torch.rand(shape).to(t).to(CUDA);
    }

    private static Tensor empty(DType t, long... shape) {
        return Torch.empty(shape, t, CUDA);
    }

    private static Tensor gate(Tensor t, int k) {
        return t.narrow(1, k * H, H);
    }

    private static Tensor gates(Tensor... blocks) {
        return Torch.cat(List.of(blocks), 1);
    }

    private static Strided s(Tensor t) {
        return t == null ? null : t.strided();
    }

    private static void assertSameBits(Tensor want, Tensor got, String ctx) {
        assertArrayEquals(want.shape(), got.shape(), ctx + ": shape");
        assertArrayEquals(want.cpu().toDouble().toDoubleArray(), got.cpu().toDouble().toDoubleArray(), 0, ctx);
    }

    @Test
    void forwardStepsGiveTheCompositionsBits() {
        Torch.manualSeed(21);
        for (DType t : FLOATING) {
            for (boolean withBias : new boolean[] {true, false}) {
                String ctx = t + (withBias ? " with bias" : " without bias");
                // LSTM
                Tensor x = random(t, N, 4 * H), hh = random(t, N, 4 * H), bias = withBias ? random(t, 4 * H) : null, cp = random(t, N, H);
                Tensor h = empty(t, N, H), c = empty(t, N, H), act = empty(t, N, 5 * H);
                assertTrue(cuda.recurrentCell("lstm", s(x), s(hh), s(bias), s(cp), s(h), s(c), s(act)), ctx + ": lstm declined");
                Tensor pre = x.add(bias == null ? hh : hh.add(bias));
                Tensor i = gate(pre, 0).sigmoid(), f = gate(pre, 1).sigmoid(), g = gate(pre, 2).tanh(), o = gate(pre, 3).sigmoid();
                Tensor cn = f.mul(cp).add(i.mul(g)), tc = cn.tanh();
                assertSameBits(cn, c, ctx + " lstm c");
                assertSameBits(o.mul(tc), h, ctx + " lstm h");
                assertSameBits(gates(i, f, g, o, tc), act, ctx + " lstm act");
                // GRU
                Tensor xg = random(t, N, 3 * H), hg = random(t, N, 3 * H), bg = withBias ? random(t, 3 * H) : null, hp = random(t, N, H);
                Tensor hOut = empty(t, N, H), actG = empty(t, N, 4 * H);
                assertTrue(cuda.recurrentCell("gru", s(xg), s(hg), s(bg), s(hp), s(hOut), null, s(actG)), ctx + ": gru declined");
                Tensor hb = bg == null ? hg : hg.add(bg);
                Tensor r = gate(xg, 0).add(gate(hb, 0)).sigmoid(), z = gate(xg, 1).add(gate(hb, 1)).sigmoid();
                Tensor hn = gate(hb, 2), nn = gate(xg, 2).add(r.mul(hn)).tanh();
                assertSameBits(z.rsub(1.0).mul(nn).add(z.mul(hp)), hOut, ctx + " gru h");
                assertSameBits(gates(r, z, nn, hn), actG, ctx + " gru act");
                // Elman
                for (String mode : List.of("rnn_tanh", "rnn_relu")) {
                    Tensor xe = random(t, N, H), he = random(t, N, H), be = withBias ? random(t, H) : null, y = empty(t, N, H);
                    assertTrue(cuda.recurrentCell(mode, s(xe), s(he), s(be), null, s(y), null, null), ctx + ": " + mode + " declined");
                    Tensor p = xe.add(be == null ? he : he.add(be));
                    assertSameBits(mode.equals("rnn_tanh") ? p.tanh() : p.relu(), y, ctx + " " + mode);
                }
            }
        }
    }

    @Test
    void backwardStepsGiveTheCompositionsBits() {
        Torch.manualSeed(22);
        for (DType t : FLOATING) {
            // LSTM: dgates, and dc replaced by the gradient of cPrev
            Tensor dh = random(t, N, H), dc = random(t, N, H), act = unit(t, N, 5 * H), cp = random(t, N, H), dg = empty(t, N, 4 * H);
            Tensor dcBefore = dc.clone();
            assertTrue(cuda.recurrentCell("lstm_backward", s(dh), s(dc), s(act), s(cp), s(dg)), t + ": lstm_backward declined");
            Tensor i = gate(act, 0), f = gate(act, 1), g = gate(act, 2), o = gate(act, 3), tc = gate(act, 4);
            Tensor total = dcBefore.add(dh.mul(o).mul(tc.mul(tc).rsub(1.0)));
            assertSameBits(gates(total.mul(g).mul(i.mul(i.rsub(1.0))), total.mul(cp).mul(f.mul(f.rsub(1.0))),
                    total.mul(i).mul(g.mul(g).rsub(1.0)), dh.mul(tc).mul(o.mul(o.rsub(1.0)))), dg, t + " lstm dgates");
            assertSameBits(total.mul(f), dc, t + " lstm dcPrev");
            // GRU, dhPrev written over dh itself
            Tensor dhg = random(t, N, H), actG = unit(t, N, 4 * H), hp = random(t, N, H), dx = empty(t, N, 3 * H), dhh = empty(t, N, 3 * H);
            Tensor d = dhg.clone();
            assertTrue(cuda.recurrentCell("gru_backward", s(dhg), s(dhg), s(actG), s(hp), s(dx), s(dhh)), t + ": gru_backward declined");
            Tensor r = gate(actG, 0), z = gate(actG, 1), nn = gate(actG, 2), hn = gate(actG, 3);
            Tensor dn = d.mul(z.rsub(1.0)).mul(nn.mul(nn).rsub(1.0));
            Tensor dr = dn.mul(hn).mul(r.mul(r.rsub(1.0))), dz = d.mul(hp.sub(nn)).mul(z.mul(z.rsub(1.0)));
            assertSameBits(gates(dr, dz, dn), dx, t + " gru dx");
            assertSameBits(gates(dr, dz, dn.mul(r)), dhh, t + " gru dhh");
            assertSameBits(d.mul(z), dhg, t + " gru dhPrev");
            // Elman
            for (String mode : List.of("rnn_tanh_backward", "rnn_relu_backward")) {
                Tensor de = random(t, N, H), y = mode.startsWith("rnn_tanh") ? unit(t, N, H) : random(t, N, H), dpre = empty(t, N, H);
                assertTrue(cuda.recurrentCell(mode, s(de), s(y), s(dpre)), t + ": " + mode + " declined");
                assertSameBits(mode.startsWith("rnn_tanh") ? de.mul(y.mul(y).rsub(1.0)) : de.mul(y.gt(0.0)), dpre, t + " " + mode);
            }
        }
    }

    @Test
    void declinesWhatItDoesNotCover() {
        Tensor x = random(DType.FLOAT32, N, H), hh = random(DType.FLOAT32, N, H), y = empty(DType.FLOAT32, N, H);
        assertFalse(cuda.recurrentCell("rnn_tanh", s(x), s(hh.cpu()), null, null, s(y), null, null), "a host operand");
        assertFalse(cuda.recurrentCell("rnn_tanh", s(x), s(hh.toDouble()), null, null, s(y), null, null), "mixed dtypes");
        assertFalse(cuda.recurrentCell("rnn_tanh", s(x), s(random(DType.FLOAT32, N, 2 * H)), null, null, s(y), null, null), "sizes");
        assertFalse(cuda.recurrentCell("rnn_tanh", s(x.to(DType.INT64)), s(hh.to(DType.INT64)), null, null,
                s(y.to(DType.INT64)), null, null), "an integer dtype");
        assertFalse(cuda.recurrentCell("lstm_peephole", s(x), s(hh), s(y)), "an unknown mode");
    }
}
