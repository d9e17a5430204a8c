package org.torch4j.profiler;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.torch4j.DType;
import org.torch4j.spi.Backend;
import org.torch4j.spi.BinaryOp;
import org.torch4j.spi.ReduceOp;
import org.torch4j.spi.ScanOp;
import org.torch4j.spi.ScatterReduce;
import org.torch4j.spi.Storage;
import org.torch4j.spi.Strided;
import org.torch4j.spi.TernaryOp;
import org.torch4j.spi.UnaryOp;

/**
 * A backend that records each kernel it forwards as {@code <device>::<kernel>}, with the op for op-parameterised
 * kernels ({@code cpu::binary.add}, {@code cpu::allocate.float32}), the tensor operands' shapes and, for
 * {@code allocate}, the bytes allocated. An optional kernel the backend declines (returns false) leaves no event:
 * the composite that follows is recorded instead. Written out method by method (a reflective proxy costs a
 * method-handle spin on each kernel's first call and is slower per call); {@code RecordingBackendTest} checks that
 * every method of {@link Backend} is forwarded here.
 */
final class RecordingBackend implements Backend {
    private final Backend backend;
    private final Recorder recorder;
    private final String prefix;
    /** Event names per kernel and op, made once. */
    private final Map<String, Map<Object, String>> names = new ConcurrentHashMap<>();

    RecordingBackend(Backend backend, Recorder recorder) {
        this.backend = backend;
        this.recorder = recorder;
        this.prefix = backend.deviceType() + "::";
    }

    private Recorder.Open begin(String kernel, Object op, Strided... operands) {
        String name = names.computeIfAbsent(kernel, k -> new ConcurrentHashMap<>()).computeIfAbsent(op, o -> prefix
                + kernel + (o instanceof Enum<?> e ? "." + e.name().toLowerCase(Locale.ROOT) : ""));
        return recorder.open(ProfilerEvent.Kind.KERNEL, name, recorder.recordsShapes() ? shapes(operands) : List.of());
    }

    private Recorder.Open begin(String kernel, Strided... operands) {
        return begin(kernel, "", operands);
    }

    private static boolean end(Recorder.Open range, boolean done) {
        if (done) range.close();
        else range.discard();
        return done;
    }

    private static List<List<Long>> shapes(Strided[] operands) {
        List<List<Long>> r = new ArrayList<>(operands.length);
        for (Strided s : operands) {
            if (s == null) continue;
            List<Long> shape = new ArrayList<>(s.shape().length);
            for (long d : s.shape()) shape.add(d);
            r.add(shape);
        }
        return r;
    }

    private static Strided[] concat(Strided[] head, Strided[] tail) {
        Strided[] r = java.util.Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, r, head.length, tail.length);
        return r;
    }

    // ---- describing methods: forwarded without an event ----------------------------------------

    @Override
    public String name() {
        return backend.name();
    }

    @Override
    public String deviceType() {
        return backend.deviceType();
    }

    @Override
    public int ranking() {
        return backend.ranking();
    }

    @Override
    public String describe() {
        return backend.describe();
    }

    @Override
    public void setNumThreads(int threads) {
        backend.setNumThreads(threads);
    }

    // ---- kernels --------------------------------------------------------------------------------

    @Override
    public Storage allocate(DType dtype, long size, int deviceIndex) {
        return allocated(dtype, size, () -> backend.allocate(dtype, size, deviceIndex));
    }

    @Override
    public Storage allocateUninitialized(DType dtype, long size, int deviceIndex) {
        return allocated(dtype, size, () -> backend.allocateUninitialized(dtype, size, deviceIndex));
    }

    /** Both allocations show as {@code cpu::allocate.<dtype>}, with the bytes when memory is profiled. */
    private Storage allocated(DType dtype, long size, java.util.function.Supplier<Storage> allocation) {
        Recorder.Open r = begin("allocate", dtype);
        try {
            Storage s = allocation.get();
            if (recorder.profilesMemory()) r.allocated(dtype.itemSize() * size);
            return s;
        } finally {
            r.close();
        }
    }

    @Override
    public void copy(Strided dst, Strided src) {
        try (Recorder.Open r = begin("copy", dst, src)) {
            backend.copy(dst, src);
        }
    }

    @Override
    public void fill(Strided dst, Number value) {
        try (Recorder.Open r = begin("fill", dst)) {
            backend.fill(dst, value);
        }
    }

    @Override
    public void unary(UnaryOp op, double[] params, Strided out, Strided in) {
        try (Recorder.Open r = begin("unary", op, out, in)) {
            backend.unary(op, params, out, in);
        }
    }

    @Override
    public void binary(BinaryOp op, double[] params, Strided out, Strided a, Strided b) {
        try (Recorder.Open r = begin("binary", op, out, a, b)) {
            backend.binary(op, params, out, a, b);
        }
    }

    @Override
    public boolean binaryScalar(BinaryOp op, double[] params, Strided out, Strided a, Number number, boolean numberFirst) {
        Recorder.Open r = begin("binary", op, out, a);
        return end(r, backend.binaryScalar(op, params, out, a, number, numberFirst));
    }

    @Override
    public void ternary(TernaryOp op, double[] params, Strided out, Strided a, Strided b, Strided c) {
        try (Recorder.Open r = begin("ternary", op, out, a, b, c)) {
            backend.ternary(op, params, out, a, b, c);
        }
    }

    @Override
    public void reduce(ReduceOp op, Strided out, Strided in, int[] dims) {
        try (Recorder.Open r = begin("reduce", op, out, in)) {
            backend.reduce(op, out, in, dims);
        }
    }

    @Override
    public void reduceWithIndex(ReduceOp op, Strided values, Strided indices, Strided in, int dim) {
        try (Recorder.Open r = begin("reduceWithIndex", op, values, indices, in)) {
            backend.reduceWithIndex(op, values, indices, in, dim);
        }
    }

    @Override
    public void scan(ScanOp op, Strided out, Strided in, int dim) {
        try (Recorder.Open r = begin("scan", op, out, in)) {
            backend.scan(op, out, in, dim);
        }
    }

    @Override
    public void sort(Strided values, Strided indices, Strided in, int dim, boolean descending, boolean stable) {
        try (Recorder.Open r = begin("sort", values, indices, in)) {
            backend.sort(values, indices, in, dim, descending, stable);
        }
    }

    @Override
    public void topk(Strided values, Strided indices, Strided in, int dim, int k, boolean largest, boolean sorted) {
        try (Recorder.Open r = begin("topk", values, indices, in)) {
            backend.topk(values, indices, in, dim, k, largest, sorted);
        }
    }

    @Override
    public void gather(Strided out, Strided in, int dim, Strided index) {
        try (Recorder.Open r = begin("gather", out, in, index)) {
            backend.gather(out, in, dim, index);
        }
    }

    @Override
    public void scatter(Strided self, int dim, Strided index, Strided src, ScatterReduce reduce) {
        try (Recorder.Open r = begin("scatter", reduce == null ? "" : reduce, self, index, src)) {
            backend.scatter(self, dim, index, src, reduce);
        }
    }

    @Override
    public void index(Strided out, Strided in, int firstDim, Strided[] indices) {
        try (Recorder.Open r = begin("index", concat(new Strided[] {out, in}, indices))) {
            backend.index(out, in, firstDim, indices);
        }
    }

    @Override
    public void indexPut(Strided self, int firstDim, Strided[] indices, Strided values, boolean accumulate) {
        try (Recorder.Open r = begin("indexPut", concat(concat(new Strided[] {self}, indices), new Strided[] {values}))) {
            backend.indexPut(self, firstDim, indices, values, accumulate);
        }
    }

    @Override
    public long countNonzero(Strided in) {
        try (Recorder.Open r = begin("countNonzero", in)) {
            return backend.countNonzero(in);
        }
    }

    @Override
    public void nonzero(Strided out, Strided in) {
        try (Recorder.Open r = begin("nonzero", out, in)) {
            backend.nonzero(out, in);
        }
    }

    @Override
    public void matmul(Strided out, Strided a, Strided b, double alpha, double beta) {
        try (Recorder.Open r = begin("matmul", out, a, b)) {
            backend.matmul(out, a, b, alpha, beta);
        }
    }

    // ---- optional kernels: a declined one leaves no event ----------------------------------------

    @Override
    public boolean im2col(Strided input, Strided cols, long[] kernel, long[] stride, long[] padding, long[] dilation,
            long[] outSize) {
        Recorder.Open r = begin("im2col", input, cols);
        return end(r, backend.im2col(input, cols, kernel, stride, padding, dilation, outSize));
    }

    @Override
    public boolean col2im(Strided cols, Strided image, long[] kernel, long[] stride, long[] padding, long[] dilation,
            long[] outSize) {
        Recorder.Open r = begin("col2im", cols, image);
        return end(r, backend.col2im(cols, image, kernel, stride, padding, dilation, outSize));
    }

    @Override
    public boolean maxPool(Strided input, Strided values, Strided indices, long[] kernel, long[] stride, long[] padding,
            long[] dilation, long[] outSize) {
        Recorder.Open r = begin("maxPool", input, values, indices);
        return end(r, backend.maxPool(input, values, indices, kernel, stride, padding, dilation, outSize));
    }

    @Override
    public boolean conv2d(Strided input, Strided weight, Strided bias, Strided out, long[] stride, long[] padding,
            long[] dilation) {
        Recorder.Open r = begin("conv2d", input, weight, bias, out);
        return end(r, backend.conv2d(input, weight, bias, out, stride, padding, dilation));
    }

    @Override
    public boolean conv2dWeightGrad(Strided gradOut, Strided input, Strided gradWeight, long[] stride, long[] padding,
            long[] dilation) {
        Recorder.Open r = begin("conv2dWeightGrad", gradOut, input, gradWeight);
        return end(r, backend.conv2dWeightGrad(gradOut, input, gradWeight, stride, padding, dilation));
    }

    @Override
    public boolean conv2dInputGrad(Strided gradOut, Strided weight, Strided gradInput, long[] stride, long[] padding,
            long[] dilation) {
        Recorder.Open r = begin("conv2dInputGrad", gradOut, weight, gradInput);
        return end(r, backend.conv2dInputGrad(gradOut, weight, gradInput, stride, padding, dilation));
    }

    @Override
    public boolean gridSample(Strided input, Strided grid, Strided out, String mode, String paddingMode,
            boolean alignCorners) {
        Recorder.Open r = begin("gridSample", input, grid, out);
        return end(r, backend.gridSample(input, grid, out, mode, paddingMode, alignCorners));
    }

    @Override
    public boolean resample(Strided in, Strided out, int[][] index, double[][] weight) {
        Recorder.Open r = begin("resample", in, out);
        return end(r, backend.resample(in, out, index, weight));
    }

    @Override
    public boolean gridSampleBackward(Strided gradOut, Strided input, Strided grid, Strided gradInput, Strided gradGrid,
            String mode, String paddingMode, boolean alignCorners) {
        Recorder.Open r = begin("gridSampleBackward", gradOut, input, grid, gradInput, gradGrid);
        return end(r, backend.gridSampleBackward(gradOut, input, grid, gradInput, gradGrid, mode, paddingMode, alignCorners));
    }

    @Override
    public boolean sparseRowsProduct(Strided rows, Strided cols, Strided values, Strided dense, Strided out) {
        Recorder.Open r = begin("sparseRowsProduct", rows, cols, values, dense, out);
        return end(r, backend.sparseRowsProduct(rows, cols, values, dense, out));
    }

    @Override
    public boolean sampledDot(Strided rows, Strided cols, Strided a, Strided b, Strided out) {
        Recorder.Open r = begin("sampledDot", rows, cols, a, b, out);
        return end(r, backend.sampledDot(rows, cols, a, b, out));
    }

    @Override
    public boolean thresholdBackward(Strided out, Strided grad, Strided input, double threshold) {
        Recorder.Open r = begin("thresholdBackward", out, grad, input);
        return end(r, backend.thresholdBackward(out, grad, input, threshold));
    }

    @Override
    public boolean variance(Strided out, Strided in, int[] dims, double correction, boolean sqrt) {
        Recorder.Open r = begin(sqrt ? "std" : "var", out, in);
        return end(r, backend.variance(out, in, dims, correction, sqrt));
    }

    @Override
    public boolean norm2(Strided out, Strided in, int[] dims) {
        Recorder.Open r = begin("norm2", out, in);
        return end(r, backend.norm2(out, in, dims));
    }

    @Override
    public boolean softmax(Strided out, Strided in, boolean log) {
        Recorder.Open r = begin(log ? "logSoftmax" : "softmax", out, in);
        return end(r, backend.softmax(out, in, log));
    }

    @Override
    public boolean softmaxBackward(Strided gradIn, Strided grad, Strided out, boolean log) {
        Recorder.Open r = begin(log ? "logSoftmaxBackward" : "softmaxBackward", gradIn, grad, out);
        return end(r, backend.softmaxBackward(gradIn, grad, out, log));
    }

    @Override
    public boolean geluBackward(Strided gradIn, Strided grad, Strided input) {
        Recorder.Open r = begin("geluBackward", gradIn, grad, input);
        return end(r, backend.geluBackward(gradIn, grad, input));
    }

    @Override
    public boolean layerNorm(Strided out, Strided mean, Strided rstd, Strided in, Strided weight, Strided bias, double eps) {
        Recorder.Open r = begin("layerNorm", out, in);
        return end(r, backend.layerNorm(out, mean, rstd, in, weight, bias, eps));
    }

    @Override
    public boolean layerNormBackward(Strided gradIn, Strided gradWeight, Strided gradBias, Strided grad, Strided in,
                                     Strided mean, Strided rstd, Strided weight) {
        Recorder.Open r = begin("layerNormBackward", gradIn, grad, in);
        return end(r, backend.layerNormBackward(gradIn, gradWeight, gradBias, grad, in, mean, rstd, weight));
    }

    @Override
    public boolean groupNorm(Strided out, Strided mean, Strided rstd, Strided in, Strided weight, Strided bias, long groups,
                             double eps) {
        Recorder.Open r = begin("groupNorm", out, in);
        return end(r, backend.groupNorm(out, mean, rstd, in, weight, bias, groups, eps));
    }

    @Override
    public boolean groupNormBackward(Strided gradIn, Strided gradWeight, Strided gradBias, Strided grad, Strided in,
                                     Strided mean, Strided rstd, Strided weight, long groups) {
        Recorder.Open r = begin("groupNormBackward", gradIn, grad, in);
        return end(r, backend.groupNormBackward(gradIn, gradWeight, gradBias, grad, in, mean, rstd, weight, groups));
    }

    @Override
    public boolean attention(Strided out, Strided lse, Strided q, Strided k, Strided v, Strided mask, double scale, boolean causal) {
        Recorder.Open r = begin("attention", out, q, k, v);
        return end(r, backend.attention(out, lse, q, k, v, mask, scale, causal));
    }

    @Override
    public boolean attentionBackward(Strided gradQ, Strided gradK, Strided gradV, Strided grad, Strided q, Strided k, Strided v,
                                     Strided out, Strided lse, Strided mask, double scale, boolean causal) {
        Recorder.Open r = begin("attentionBackward", gradQ, grad, q, k, v);
        return end(r, backend.attentionBackward(gradQ, gradK, gradV, grad, q, k, v, out, lse, mask, scale, causal));
    }

    @Override
    public boolean batchNorm(Strided out, Strided mean, Strided var, Strided in, Strided weight, Strided bias, double eps) {
        Recorder.Open r = begin("batchNorm", out, in);
        return end(r, backend.batchNorm(out, mean, var, in, weight, bias, eps));
    }

    @Override
    public boolean batchNormBackward(Strided gradIn, Strided gradWeight, Strided gradBias, Strided grad, Strided in,
                                     Strided mean, Strided invstd, Strided weight) {
        Recorder.Open r = begin("batchNormBackward", gradIn, grad, in);
        return end(r, backend.batchNormBackward(gradIn, gradWeight, gradBias, grad, in, mean, invstd, weight));
    }

    @Override
    public boolean recurrentCell(String mode, Strided... operands) {
        Recorder.Open r = begin("recurrentCell." + mode, operands);
        return end(r, backend.recurrentCell(mode, operands));
    }

    @Override
    public boolean complexMul(Strided out, Strided a, Strided b, boolean divide) {
        Recorder.Open r = begin(divide ? "complexDiv" : "complexMul", out, a, b);
        return end(r, backend.complexMul(out, a, b, divide));
    }

    @Override
    public boolean complexAbs(Strided out, Strided in) {
        Recorder.Open r = begin("complexAbs", out, in);
        return end(r, backend.complexAbs(out, in));
    }

    @Override
    public boolean fftC2C(Strided in, Strided out, boolean inverse) {
        Recorder.Open r = begin("fftC2C", in, out);
        return end(r, backend.fftC2C(in, out, inverse));
    }

    @Override
    public boolean fftR2C(Strided in, Strided out) {
        Recorder.Open r = begin("fftR2C", in, out);
        return end(r, backend.fftR2C(in, out));
    }

    @Override
    public boolean fftC2R(Strided in, Strided out) {
        Recorder.Open r = begin("fftC2R", in, out);
        return end(r, backend.fftC2R(in, out));
    }

    @Override
    public boolean int8Matmul(Strided x, Strided w, Strided out) {
        Recorder.Open r = begin("int8Matmul", x, w, out);
        return end(r, backend.int8Matmul(x, w, out));
    }
}
