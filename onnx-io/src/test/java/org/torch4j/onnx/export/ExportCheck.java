package org.torch4j.onnx.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.Module;
import org.torch4j.onnx.ExportOptions;
import org.torch4j.onnx.Onnx;
import org.torch4j.onnx.OnnxModule;

/** Exports a computation, runs the file in ONNX Runtime and through Onnx.load, and compares with torch4j. */
final class ExportCheck {
    private ExportCheck() {}

    static final double RTOL = 1e-4, ATOL = 1e-5;

    /** Input names in0, in1, ... and output names out0, out1, ... */
    static ExportOptions.Builder options(int inputs, int outputs) {
        String[] in = new String[inputs], out = new String[outputs];
        for (int i = 0; i < inputs; i++) in[i] = "in" + i;
        for (int i = 0; i < outputs; i++) out[i] = "out" + i;
        return ExportOptions.builder().inputNames(in).outputNames(out);
    }

    /** torch4j's outputs in eval mode, without grad. */
    static List<Tensor> expected(Module m, Function<List<Tensor>, List<Tensor>> f, List<Tensor> xs) {
        if (m != null) m.eval();
        try (var g = Torch.noGrad()) {
            return f.apply(xs);
        }
    }

    static Map<String, Tensor> feed(List<Tensor> xs) {
        Map<String, Tensor> in = new LinkedHashMap<>();
        for (int i = 0; i < xs.size(); i++) in.put("in" + i, xs.get(i));
        return in;
    }

    /** ORT's outputs of {@code file} on {@code xs} equal torch4j's, within rtol 1e-4, atol 1e-5. */
    static void ortMatches(Path file, Module m, Function<List<Tensor>, List<Tensor>> f, List<Tensor> xs, String what) {
        List<Tensor> want = expected(m, f, xs);
        Map<String, Tensor> got = Onnx.runWithOrt(file, feed(xs));
        assertEquals(want.size(), got.size(), what + ": output count");
        for (int i = 0; i < want.size(); i++) assertClose(want.get(i), got.get("out" + i), what + " output " + i + " (ORT)");
    }

    /** Onnx.load of the exported file computes the same outputs (the round trip). */
    static void roundTrips(Path file, Module m, Function<List<Tensor>, List<Tensor>> f, List<Tensor> xs, String what) throws Exception {
        List<Tensor> want = expected(m, f, xs);
        OnnxModule back = Onnx.load(file);
        Map<String, Tensor> got;
        try (var g = Torch.noGrad()) {
            got = back.forward(feed(xs));
        }
        for (int i = 0; i < want.size(); i++) assertClose(want.get(i), got.get("out" + i), what + " output " + i + " (Onnx.load)");
    }

    static void assertClose(Tensor want, Tensor got, String what) {
        assertTrue(got != null, what + ": missing");
        assertArrayEquals(want.shape(), got.shape(), what + ": shape");
        if (!want.isFloatingPoint()) {
            assertArrayEquals(want.toLongArray(), got.toLongArray(), what);
            return;
        }
        double[] w = want.toDoubleArray(), g = got.toDoubleArray();
        List<String> bad = new ArrayList<>();
        for (int i = 0; i < w.length && bad.size() < 5; i++) {
            if (!(Math.abs(w[i] - g[i]) <= ATOL + RTOL * Math.abs(w[i])) && !(Double.isNaN(w[i]) && Double.isNaN(g[i]))
                    && !(w[i] == g[i])) {
                bad.add("[" + i + "] torch4j " + w[i] + " vs " + g[i]);
            }
        }
        assertTrue(bad.isEmpty(), what + ": " + bad);
    }
}
