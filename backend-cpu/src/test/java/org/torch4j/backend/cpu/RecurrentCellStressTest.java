package org.torch4j.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.GRU;
import org.torch4j.nn.LSTM;
import org.torch4j.nn.Module;
import org.torch4j.nn.Parameter;
import org.torch4j.nn.RNN;

/**
 * The recurrent cells' kernels ({@code kernels.RecurrentVec}) run long enough for C2 to compile them, at a hidden
 * size that is not a multiple of the vector lanes (100): their results must stay those of the first, interpreted
 * runs, bit for bit. The kernels' former masked tails were compiled by JDK 25's C2 into code that stopped the JVM
 * ({@code Internal Error (macroAssembler_x86.cpp:443)}) after a few thousand LSTM steps of hidden size 100 on
 * AVX-512; this test's fork died then.
 */
class RecurrentCellStressTest {

    private static final int RUNS = 4000;

    @Test
    void lstmGruAndRnnKeepTheirResultsOnceCompiled() {
        Torch.manualSeed(5);
        check(new LSTM(10, 100));
        check(new GRU(10, 100));
        check(new RNN(10, 100));
    }

    private static void check(Module module) {
        String name = module.getClass().getSimpleName();
        Tensor x = Torch.randn(5, 3, 10), g = Torch.randn(5, 3, 100);
        // inference alone first: a backward run before it changed C2's profile enough to hide the crash
        float[] inference = inference(module, x);
        for (int i = 0; i < RUNS; i++) inference(module, x);
        assertArrayEquals(inference, inference(module, x), name + ": output under noGrad after " + RUNS + " runs");
        List<float[]> first = trainingStep(module, x, g);
        for (int i = 0; i < RUNS / 4; i++) trainingStep(module, x, g);
        List<float[]> last = trainingStep(module, x, g);
        for (int i = 0; i < first.size(); i++) {
            assertArrayEquals(first.get(i), last.get(i), name + ": training output or gradient " + i + " after " + RUNS / 4 + " steps");
        }
    }

    private static float[] inference(Module module, Tensor x) {
        try (var mode = Torch.noGrad()) {
            return module.forward(x).toFloatArray();
        }
    }

    /** The output and every parameter's gradient of {@code sum(out * g)}. */
    private static List<float[]> trainingStep(Module module, Tensor x, Tensor g) {
        module.zeroGrad();
        Tensor out = module.forward(x);
        out.mul(g).sum().backward();
        List<float[]> r = new ArrayList<>();
        r.add(out.detach().toFloatArray());
        for (Parameter p : module.parameters()) r.add(p.grad().toFloatArray());
        return r;
    }
}
