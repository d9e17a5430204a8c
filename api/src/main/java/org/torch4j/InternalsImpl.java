package org.torch4j;

import org.torch4j.internal.Internals;
import org.torch4j.internal.random.CpuGenerator;
import org.torch4j.spi.Strided;
import org.torch4j.spi.UnaryOp;

/** The implementation behind {@link Internals}, registered when {@link Tensor} loads. */
final class InternalsImpl implements Internals {

    static void register() {
        Internals.Holder.set(new InternalsImpl());
    }

    /**
     * A backend declined a fused kernel: the outputs allocated for it are released now rather than left to
     * the scope or the collector (on a device they are memory the composite path is about to need).
     */
    private static <T> T declined(Tensor... outputs) {
        for (Tensor t : outputs) if (t != null) t.close();
        return null;
    }

    @Override
    public long[] broadcastShapes(long[] a, long[] b) {
        return Shapes.broadcast(a, b);
    }

    @Override
    public int wrapDim(int dim, int rank) {
        return Shapes.wrapDim(dim, rank);
    }

    @Override
    public Tensor sparseRowsProduct(Tensor rows, Tensor cols, Tensor values, Tensor dense, long outRows) {
        Tensor r = rows.contiguous(), c = cols.contiguous(), v = values.contiguous(), d = dense.contiguous();
        Tensor out = Torch.zeros(new long[] {outRows, d.size(1)}, d.dtype(), d.device());
        boolean done = Dispatch.backend(d).sparseRowsProduct(Dispatch.strided(r), Dispatch.strided(c), Dispatch.strided(v),
                Dispatch.strided(d), out.strided());
        return done ? out : declined(out);
    }

    @Override
    public Tensor sampledDot(Tensor rows, Tensor cols, Tensor a, Tensor b) {
        Tensor r = rows.contiguous(), c = cols.contiguous(), x = a.contiguous(), y = b.contiguous();
        Tensor out = Dispatch.zeros(new long[] {r.numel()}, x.dtype(), x.device());
        boolean done = Dispatch.backend(x).sampledDot(Dispatch.strided(r), Dispatch.strided(c), Dispatch.strided(x),
                Dispatch.strided(y), out.strided());
        return done ? out : declined(out);
    }

    @Override
    public void mmInto(Tensor out, Tensor a, Tensor b, double beta) {
        Dispatch.backend(a).matmul(Dispatch.strided(out.unsqueeze(0)), Dispatch.strided(a.unsqueeze(0)), Dispatch.strided(b.unsqueeze(0)),
                1, beta);
    }

    @Override
    public boolean recurrentCell(String mode, Tensor... operands) {
        Strided[] s = new Strided[operands.length];
        Tensor first = null;
        for (int i = 0; i < operands.length; i++) {
            if (operands[i] == null) continue;
            if (first == null) first = operands[i];
            s[i] = Dispatch.strided(operands[i]);
        }
        return first != null && Dispatch.backend(first).recurrentCell(mode, s);
    }

    @Override
    public String formatSparse(String[] names, Tensor[] parts, long[] shape, long nnz, Layout layout) {
        return Printer.formatSparse(names, parts, shape, nnz, layout);
    }

    @Override
    public String cppName(DType dtype) {
        return Printer.cppName(dtype);
    }

    @Override
    public void rebind(Tensor target, Tensor value) {
        Rebinds.rebind(target, value);
    }

    @Override
    public Tensor stateOf(Tensor t) {
        return Rebinds.stateOf(t);
    }

    @Override
    public org.torch4j.spi.Storage storage(Tensor t) {
        return t.storage;
    }

    @Override
    public CpuGenerator engine(Generator generator) {
        return (generator == null ? Torch.defaultGenerator() : generator).engine();
    }

    @Override
    public Tensor unary(UnaryOp op, Tensor x, double... params) {
        return Pointwise.unary(op, x, params);
    }

    @Override
    public Tensor fftC2C(Tensor x, boolean inverse) {
        Tensor in = x.contiguous(), out = Dispatch.zeros(in.shape(), in.dtype(), in.device());
        return Dispatch.backend(in).fftC2C(Dispatch.strided(in), out.strided(), inverse) ? out : declined(out);
    }

    @Override
    public Tensor fftR2C(Tensor x) {
        Tensor in = x.contiguous();
        Tensor out = Dispatch.zeros(new long[] {in.size(0), in.size(1) / 2 + 1, 2}, in.dtype(), in.device());
        return Dispatch.backend(in).fftR2C(Dispatch.strided(in), out.strided()) ? out : declined(out);
    }

    @Override
    public Tensor fftC2R(Tensor x, long n) {
        Tensor in = x.contiguous(), out = Dispatch.zeros(new long[] {in.size(0), n}, in.dtype(), in.device());
        return Dispatch.backend(in).fftC2R(Dispatch.strided(in), out.strided()) ? out : declined(out);
    }

    @Override
    public Tensor im2col(Tensor x, int d, long[] kernel, long[] stride, long[] padding, long[] dilation, long[] outSize) {
        Tensor in = x.contiguous();
        long planes = 1, k = 1, l = 1;
        for (int i = 0; i < in.dim() - d; i++) planes *= in.size(i);
        for (int i = 0; i < d; i++) {
            k *= kernel[i];
            l *= outSize[i];
        }
        Tensor cols = Dispatch.zeros(new long[] {planes, k, l}, in.dtype(), in.device());
        boolean done = Dispatch.backend(in).im2col(Dispatch.strided(in), cols.strided(), kernel, stride, padding, dilation, outSize);
        return done ? cols : declined(cols);
    }

    @Override
    public Tensor col2im(Tensor cols, long[] imageShape, long[] kernel, long[] stride, long[] padding, long[] dilation,
                         long[] outSize) {
        Tensor c = cols.contiguous();
        Tensor image = Dispatch.zeros(imageShape, c.dtype(), c.device());
        boolean done = Dispatch.backend(c).col2im(Dispatch.strided(c), image.strided(), kernel, stride, padding, dilation, outSize);
        return done ? image : declined(image);
    }

    @Override
    public Tensor[] maxPool(Tensor x, long[] kernel, long[] stride, long[] padding, long[] dilation, long[] outSize) {
        Tensor in = x.contiguous();
        int d = kernel.length;
        long[] shape = new long[in.dim()];
        System.arraycopy(in.shape(), 0, shape, 0, in.dim() - d);
        System.arraycopy(outSize, 0, shape, in.dim() - d, d);
        Tensor values = Dispatch.empty(shape, in.dtype(), in.device()), indices = Dispatch.empty(shape, DType.INT64, in.device());
        boolean done = Dispatch.backend(in).maxPool(Dispatch.strided(in), values.strided(), indices.strided(), kernel, stride,
                padding, dilation, outSize);
        return done ? new Tensor[] {values, indices} : declined(values, indices);
    }

    @Override
    public Tensor conv2d(Tensor x, Tensor weight, Tensor bias, long[] stride, long[] padding, long[] dilation) {
        Tensor in = x.contiguous(), w = weight.contiguous(), b = bias == null ? null : bias.contiguous();
        long[] shape = {in.size(0), w.size(0), 0, 0};
        for (int i = 0; i < 2; i++) shape[2 + i] = (in.size(2 + i) + 2 * padding[i] - dilation[i] * (w.size(2 + i) - 1) - 1) / stride[i] + 1;
        Tensor out = Dispatch.empty(shape, in.dtype(), in.device());
        boolean done = Dispatch.backend(in).conv2d(Dispatch.strided(in), Dispatch.strided(w), b == null ? null : Dispatch.strided(b),
                out.strided(), stride, padding, dilation);
        return done ? out : declined(out);
    }

    @Override
    public Tensor conv2dWeightGrad(Tensor gradOut, Tensor x, long[] weightShape, long[] stride, long[] padding, long[] dilation) {
        Tensor g = gradOut.contiguous(), in = x.contiguous();
        Tensor gw = Dispatch.empty(weightShape, in.dtype(), in.device());
        boolean done = Dispatch.backend(in).conv2dWeightGrad(Dispatch.strided(g), Dispatch.strided(in), gw.strided(), stride, padding,
                dilation);
        return done ? gw : declined(gw);
    }

    @Override
    public Tensor conv2dInputGrad(Tensor gradOut, Tensor weight, long[] inputShape, long[] stride, long[] padding, long[] dilation) {
        Tensor g = gradOut.contiguous(), w = weight.contiguous();
        Tensor gx = Dispatch.empty(inputShape, g.dtype(), g.device());
        boolean done = Dispatch.backend(g).conv2dInputGrad(Dispatch.strided(g), Dispatch.strided(w), gx.strided(), stride, padding,
                dilation);
        return done ? gx : declined(gx);
    }

    @Override
    public Tensor resample(Tensor x, int dim, int[][] index, double[][] weight) {
        Tensor in = x.contiguous();
        long outer = 1, inner = 1;
        for (int i = 0; i < dim; i++) outer *= in.size(i);
        for (int i = dim + 1; i < in.dim(); i++) inner *= in.size(i);
        long[] shape = in.shape();
        shape[dim] = index[0].length;
        Tensor out = Dispatch.empty(shape, in.dtype(), in.device());
        boolean done = Dispatch.backend(in).resample(Dispatch.strided(in, outer, in.size(dim), inner),
                Dispatch.strided(out, outer, shape[dim], inner), index, weight);
        return done ? out : declined(out);
    }

    @Override
    public Tensor gridSample(Tensor input, Tensor grid, String mode, String paddingMode, boolean alignCorners) {
        Tensor in = input.contiguous(), g = grid.contiguous();
        int d = in.dim() - 2;
        long[] shape = new long[d + 2];
        shape[0] = in.size(0);
        shape[1] = in.size(1);
        System.arraycopy(g.shape(), 1, shape, 2, d);
        Tensor out = Dispatch.zeros(shape, in.dtype(), in.device());
        boolean done = Dispatch.backend(in).gridSample(Dispatch.strided(in), Dispatch.strided(g), out.strided(), mode, paddingMode,
                alignCorners);
        return done ? out : declined(out);
    }

    @Override
    public Tensor[] gridSampleBackward(Tensor gradOut, Tensor input, Tensor grid, String mode, String paddingMode,
                                       boolean alignCorners, boolean wantInput, boolean wantGrid) {
        Tensor gy = gradOut.contiguous(), in = input.contiguous(), g = grid.contiguous();
        Tensor gi = wantInput ? Torch.zeros(in.shape(), in.dtype(), in.device()) : null;
        Tensor gg = wantGrid ? Dispatch.zeros(g.shape(), g.dtype(), g.device()) : null;
        boolean done = Dispatch.backend(in).gridSampleBackward(Dispatch.strided(gy), Dispatch.strided(in), Dispatch.strided(g),
                gi == null ? null : gi.strided(), gg == null ? null : gg.strided(), mode, paddingMode, alignCorners);
        return done ? new Tensor[] {gi, gg} : declined(gi, gg);
    }

    @Override
    public Tensor softmax(Tensor x, int dim, boolean log) {
        return Softmax.softmax(x, dim, log);
    }

    @Override
    public Tensor followChannelsLast(Tensor out, Tensor... inputs) {
        if (out == null || out.dim() != 4) return out;
        for (Tensor t : inputs) {
            if (t == null || t.dim() != 4 || MemoryFormat.suggest(t.shape, t.strides) != MemoryFormat.CHANNELS_LAST) continue;
            return java.util.Arrays.equals(out.strides, MemoryFormat.CHANNELS_LAST.strides(out.shape)) ? out : out.clone(MemoryFormat.CHANNELS_LAST);
        }
        return out;
    }

    @Override
    public Tensor[] batchNormForward(Tensor x, Tensor weight, Tensor bias, double eps) {
        return NativeBatchNorm.forward(x, weight, bias, eps);
    }

    @Override
    public Tensor[] batchNormBackward(Tensor grad, Tensor x, Tensor mean, Tensor invstd, Tensor weight, boolean wantX, boolean wantW,
                                      boolean wantB) {
        return NativeBatchNorm.backward(grad, x, mean, invstd, weight, wantX, wantW, wantB);
    }

    @Override
    public Tensor layerNorm(Tensor x, int k, Tensor weight, Tensor bias, double eps) {
        return NativeLayerNorm.layerNorm(x, k, weight, bias, eps);
    }

    @Override
    public Tensor groupNorm(Tensor x, long groups, Tensor weight, Tensor bias, double eps) {
        return NativeGroupNorm.groupNorm(x, groups, weight, bias, eps);
    }

    @Override
    public Tensor scaledDotProductAttention(Tensor q, Tensor k, Tensor v, Tensor mask, double scale, boolean causal) {
        return NativeAttention.attention(q, k, v, mask, scale, causal);
    }
}
