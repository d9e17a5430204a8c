package org.torch4j.onnx.importer.ops;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.onnx.importer.Graph;
import org.torch4j.onnx.importer.OpCall;
import org.torch4j.onnx.importer.OpRegistry;
import org.torch4j.onnx.importer.UnsignedTensor;
import org.torch4j.onnx.importer.Values;

/** If, Loop and Scan: their bodies are subgraphs that also read the enclosing graph's values. */
public final class ControlFlow {
    private ControlFlow() {}

    public static void register(OpRegistry.Builder r) {
        r.op("If", c -> c.run(c.graph(c.in(0).itemBool() ? "then_branch" : "else_branch")));
        r.op("Loop", ControlFlow::loop);
        r.op("Scan", c -> c.opset() >= 9 ? scan(c, c.ins(0), 0) : scan8(c));
    }

    private static Object[] loop(OpCall c) {
        Graph body = c.graph("body");
        long max = c.has(0) ? c.in(0).itemLong() : Long.MAX_VALUE;
        boolean cond = !c.has(1) || c.in(1).itemBool();
        int carried = c.inputCount() - 2;
        Object[] values = new Object[carried];
        for (int i = 0; i < carried; i++) values[i] = c.value(2 + i);
        int scans = body.outputs().size() - 1 - carried;
        List<List<Object>> scanned = new ArrayList<>();
        for (int k = 0; k < scans; k++) scanned.add(new ArrayList<>());
        for (long i = 0; i < max && cond; i++) {
            Object[] args = new Object[2 + carried];
            args[0] = Torch.scalarTensor(i);
            args[1] = Torch.tensor(new boolean[] {cond}).reshape();
            System.arraycopy(values, 0, args, 2, carried);
            Object[] out = c.run(body, args);
            cond = ((Tensor) out[0]).itemBool();
            System.arraycopy(out, 1, values, 0, carried);
            for (int k = 0; k < scans; k++) scanned.get(k).add(out[1 + carried + k]);
        }
        Object[] result = new Object[carried + scans];
        System.arraycopy(values, 0, result, 0, carried);
        for (int k = 0; k < scans; k++) result[carried + k] = stack(scanned.get(k), k);
        return result;
    }

    /** A Loop's scan output: the iterations' tensors stacked (unsigned ones keep their type). */
    private static Object stack(List<Object> s, int k) {
        if (s.isEmpty()) return Torch.zeros(0);
        List<Tensor> parts = new ArrayList<>();
        int type = s.get(0) instanceof UnsignedTensor u ? u.elemType() : 0;
        for (Object o : s) {
            int t = o instanceof UnsignedTensor u ? u.elemType() : 0;
            Tensor data = Values.tensorOf(o);
            if (data == null || t != type) {
                throw new IllegalArgumentException("scan output " + k + " must be tensors of one type, got " + Values.describe(o));
            }
            parts.add(data);
        }
        Tensor stacked = Torch.stack(parts, 0);
        return type == 0 ? stacked : new UnsignedTensor(stacked, type);
    }

    /** Scan since opset 9 over {@code inputs} (states, then scan inputs). */
    private static Object[] scan(OpCall c, List<Tensor> inputs, int axisShift) {
        Graph body = c.graph("body");
        int m = (int) c.i("num_scan_inputs");
        int n = inputs.size() - m, k = body.outputs().size() - n;
        long[] inAxes = Util.or(c.ints("scan_input_axes"), new long[m]), inDirs = Util.or(c.ints("scan_input_directions"), new long[m]);
        long[] outAxes = Util.or(c.ints("scan_output_axes"), new long[k]), outDirs = Util.or(c.ints("scan_output_directions"), new long[k]);
        Object[] states = inputs.subList(0, n).toArray();
        long steps = -1;
        int[] axes = new int[m];
        for (int j = 0; j < m; j++) {
            Tensor s = inputs.get(n + j);
            axes[j] = Util.axis(inAxes[j], s.dim()) + axisShift;
            steps = s.size(axes[j]);
        }
        List<List<Tensor>> outs = new ArrayList<>();
        for (int j = 0; j < k; j++) outs.add(new ArrayList<>());
        for (long t = 0; t < steps; t++) {
            Object[] args = new Object[n + m];
            System.arraycopy(states, 0, args, 0, n);
            for (int j = 0; j < m; j++) {
                Tensor s = inputs.get(n + j);
                args[n + j] = s.select(axes[j], inDirs[j] != 0 ? steps - 1 - t : t);
            }
            Object[] out = c.run(body, args);
            System.arraycopy(out, 0, states, 0, n);
            for (int j = 0; j < k; j++) outs.get(j).add((Tensor) out[n + j]);
        }
        Object[] result = Arrays.copyOf(states, n + k);
        for (int j = 0; j < k; j++) {
            List<Tensor> s = new ArrayList<>(outs.get(j));
            if (outDirs[j] != 0) java.util.Collections.reverse(s);
            int rank = s.isEmpty() ? 1 : s.get(0).dim() + 1;
            result[n + j] = s.isEmpty() ? Torch.zeros(0) : Torch.stack(s, Util.axis(outAxes[j], rank));
        }
        return result;
    }

    /** Scan-8: a leading batch axis on every state and scan input, and optional sequence lengths. */
    private static Object[] scan8(OpCall c) {
        if (c.has(0)) throw c.unsupported("Scan-8 with sequence_lens");
        List<Tensor> inputs = c.ins(1);
        long batch = inputs.get(0).size(0);
        List<Object[]> perBatch = new ArrayList<>();
        for (long b = 0; b < batch; b++) {
            List<Tensor> slice = new ArrayList<>();
            for (Tensor t : inputs) slice.add(t.select(0, b));
            perBatch.add(scan(c, slice, 0));
        }
        int outs = perBatch.get(0).length;
        Object[] result = new Object[outs];
        for (int j = 0; j < outs; j++) {
            List<Tensor> parts = new ArrayList<>();
            for (Object[] o : perBatch) parts.add((Tensor) o[j]);
            result[j] = Torch.stack(parts, 0);
        }
        return result;
    }
}
