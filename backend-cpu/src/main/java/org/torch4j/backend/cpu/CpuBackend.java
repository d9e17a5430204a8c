package org.torch4j.backend.cpu;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.torch4j.DType;
import org.torch4j.backend.cpu.conv.DirectConv;
import org.torch4j.backend.cpu.fft.FftKernels;
import org.torch4j.spi.Backend;
import org.torch4j.spi.BinaryOp;
import org.torch4j.spi.HostStorage;
import org.torch4j.spi.ReduceOp;
import org.torch4j.spi.ScanOp;
import org.torch4j.spi.ScatterReduce;
import org.torch4j.spi.Storage;
import org.torch4j.spi.Strided;
import org.torch4j.spi.TernaryOp;
import org.torch4j.spi.UnaryOp;

/**
 * The pure-Java CPU backend: multithreaded, SIMD through the Vector API where the JVM offers it.
 * Registered as an OSGi service through Declarative Services and, for plain classpaths, in
 * {@code META-INF/services/org.torch4j.spi.Backend}. It holds no state of its own beyond the thread
 * pool: tensors live in api-owned host memory, so the backend can be swapped while they exist.
 */
@Component(service = Backend.class, property = {Backend.DEVICE_PROPERTY + "=cpu", "service.ranking:Integer=0"})
public final class CpuBackend implements Backend {

    /** The bundle is stopping: release the worker threads so the bundle's classes can unload. */
    @Deactivate
    void deactivate() {
        Parallel.shutdown();
    }

    @Override
    public String name() {
        return "java-cpu";
    }

    @Override
    public String deviceType() {
        return "cpu";
    }

    @Override
    public String describe() {
        return name() + " (threads=" + Parallel.threads() + ", simd=" + Simd.description() + ")";
    }

    @Override
    public void setNumThreads(int threads) {
        Parallel.setThreads(threads);
    }

    @Override
    public Storage allocate(DType dtype, long size, int deviceIndex) {
        return HostStorage.allocate(dtype, size);
    }

    @Override
    public Storage allocateUninitialized(DType dtype, long size, int deviceIndex) {
        return HostStorage.allocateUninitialized(dtype, size);
    }

    @Override
    public void copy(Strided dst, Strided src) {
        Copy.copy(dst, src);
    }

    @Override
    public void fill(Strided dst, Number value) {
        Copy.fill(dst, value);
    }

    @Override
    public void unary(UnaryOp op, double[] params, Strided out, Strided in) {
        Elementwise.unary(op, params, out, in);
    }

    @Override
    public void binary(BinaryOp op, double[] params, Strided out, Strided a, Strided b) {
        Elementwise.binary(op, params, out, a, b);
    }

    @Override
    public void ternary(TernaryOp op, double[] params, Strided out, Strided a, Strided b, Strided c) {
        Elementwise.ternary(op, params, out, a, b, c);
    }

    @Override
    public void reduce(ReduceOp op, Strided out, Strided in, int[] dims) {
        Reduce.reduce(op, out, in, dims);
    }

    @Override
    public boolean variance(Strided out, Strided in, int[] dims, double correction, boolean sqrt) {
        return Statistics.variance(out, in, dims, correction, sqrt);
    }

    @Override
    public boolean norm2(Strided out, Strided in, int[] dims) {
        return Statistics.norm2(out, in, dims);
    }

    @Override
    public void reduceWithIndex(ReduceOp op, Strided values, Strided indices, Strided in, int dim) {
        LineOps.reduceWithIndex(op, values, indices, in, dim);
    }

    @Override
    public void scan(ScanOp op, Strided out, Strided in, int dim) {
        LineOps.scan(op, out, in, dim);
    }

    @Override
    public void sort(Strided values, Strided indices, Strided in, int dim, boolean descending, boolean stable) {
        LineOps.sort(values, indices, in, dim, descending);
    }

    @Override
    public void topk(Strided values, Strided indices, Strided in, int dim, int k, boolean largest, boolean sorted) {
        LineOps.topk(values, indices, in, dim, k, largest);
    }

    @Override
    public void gather(Strided out, Strided in, int dim, Strided index) {
        Indexing.gather(out, in, dim, index);
    }

    @Override
    public void scatter(Strided self, int dim, Strided index, Strided src, ScatterReduce reduce) {
        Indexing.scatter(self, dim, index, src, reduce);
    }

    @Override
    public void index(Strided out, Strided in, int firstDim, Strided[] indices) {
        Indexing.index(out, in, firstDim, indices);
    }

    @Override
    public void indexPut(Strided self, int firstDim, Strided[] indices, Strided values, boolean accumulate) {
        Indexing.indexPut(self, firstDim, indices, values, accumulate);
    }

    @Override
    public long countNonzero(Strided in) {
        return Nonzeros.countNonzero(in);
    }

    @Override
    public void nonzero(Strided out, Strided in) {
        Nonzeros.nonzero(out, in);
    }

    @Override
    public void matmul(Strided out, Strided a, Strided b, double alpha, double beta) {
        MatMul.matmul(out, a, b, alpha, beta);
    }

    @Override
    public boolean im2col(Strided input, Strided cols, long[] kernel, long[] stride, long[] padding, long[] dilation,
                          long[] outSize) {
        return WindowKernels.im2col(input, cols, kernel, stride, padding, dilation, outSize);
    }

    @Override
    public boolean col2im(Strided cols, Strided image, long[] kernel, long[] stride, long[] padding, long[] dilation,
                          long[] outSize) {
        return WindowKernels.col2im(cols, image, kernel, stride, padding, dilation, outSize);
    }

    @Override
    public boolean maxPool(Strided input, Strided values, Strided indices, long[] kernel, long[] stride, long[] padding,
                           long[] dilation, long[] outSize) {
        return MaxPoolKernel.maxPool(input, values, indices, kernel, stride, padding, dilation, outSize);
    }

    @Override
    public boolean conv2d(Strided input, Strided weight, Strided bias, Strided out, long[] stride, long[] padding,
                          long[] dilation) {
        return DirectConv.forward(input, weight, bias, out, stride, padding, dilation);
    }

    @Override
    public boolean conv2dWeightGrad(Strided gradOut, Strided input, Strided gradWeight, long[] stride, long[] padding,
                                    long[] dilation) {
        return DirectConv.weightGrad(gradOut, input, gradWeight, stride, padding, dilation);
    }

    @Override
    public boolean conv2dInputGrad(Strided gradOut, Strided weight, Strided gradInput, long[] stride, long[] padding,
                                   long[] dilation) {
        return ConvInputGrad.run(gradOut, weight, gradInput, stride, padding, dilation);
    }

    @Override
    public boolean resample(Strided in, Strided out, int[][] index, double[][] weight) {
        return Resample.resample(in, out, index, weight);
    }

    @Override
    public boolean gridSample(Strided input, Strided grid, Strided out, String mode, String paddingMode, boolean alignCorners) {
        return GridSampleKernel.sample(input, grid, out, mode, paddingMode, alignCorners);
    }

    @Override
    public boolean gridSampleBackward(Strided gradOut, Strided input, Strided grid, Strided gradInput, Strided gradGrid,
                                      String mode, String paddingMode, boolean alignCorners) {
        return GridSampleBackwardKernel.backward(gradOut, input, grid, gradInput, gradGrid, mode, paddingMode, alignCorners);
    }

    @Override
    public boolean int8Matmul(Strided x, Strided w, Strided out) {
        return org.torch4j.backend.cpu.qgemm.Int8Matmul.run(x, w, out);
    }

    @Override
    public boolean sparseRowsProduct(Strided rows, Strided cols, Strided values, Strided dense, Strided out) {
        return SparseProducts.rowsProduct(rows, cols, values, dense, out);
    }

    @Override
    public boolean sampledDot(Strided rows, Strided cols, Strided a, Strided b, Strided out) {
        return SparseProducts.sampledDot(rows, cols, a, b, out);
    }

    @Override
    public boolean thresholdBackward(Strided out, Strided grad, Strided input, double threshold) {
        return FusedBackward.threshold(out, grad, input, threshold);
    }

    @Override
    public boolean softmax(Strided out, Strided in, boolean log) {
        return SoftmaxLines.forward(out, in, log);
    }

    @Override
    public boolean softmaxBackward(Strided gradIn, Strided grad, Strided out, boolean log) {
        return SoftmaxLines.backward(gradIn, grad, out, log);
    }

    @Override
    public boolean attention(Strided out, Strided lse, Strided q, Strided k, Strided v, Strided mask, double scale, boolean causal) {
        return AttentionBlocks.forward(out, lse, q, k, v, mask, scale, causal);
    }

    @Override
    public boolean attentionBackward(Strided gradQ, Strided gradK, Strided gradV, Strided grad, Strided q, Strided k, Strided v,
                                     Strided out, Strided lse, Strided mask, double scale, boolean causal) {
        return AttentionBlocks.backward(gradQ, gradK, gradV, grad, q, k, v, out, lse, mask, scale, causal);
    }

    @Override
    public boolean layerNorm(Strided out, Strided mean, Strided rstd, Strided in, Strided weight, Strided bias, double eps) {
        return LayerNormRows.forward(out, mean, rstd, in, weight, bias, eps);
    }

    @Override
    public boolean layerNormBackward(Strided gradIn, Strided gradWeight, Strided gradBias, Strided grad, Strided in,
                                     Strided mean, Strided rstd, Strided weight) {
        return LayerNormRows.backward(gradIn, gradWeight, gradBias, grad, in, mean, rstd, weight);
    }

    @Override
    public boolean groupNorm(Strided out, Strided mean, Strided rstd, Strided in, Strided weight, Strided bias, long groups, double eps) {
        return GroupNormKernel.forward(out, mean, rstd, in, weight, bias, groups, eps);
    }

    @Override
    public boolean groupNormBackward(Strided gradIn, Strided gradWeight, Strided gradBias, Strided grad, Strided in, Strided mean,
                                     Strided rstd, Strided weight, long groups) {
        return GroupNormKernel.backward(gradIn, gradWeight, gradBias, grad, in, mean, rstd, weight, groups);
    }

    @Override
    public boolean batchNorm(Strided out, Strided mean, Strided var, Strided in, Strided weight, Strided bias, double eps) {
        return BatchNormChannels.forward(out, mean, var, in, weight, bias, eps);
    }

    @Override
    public boolean batchNormBackward(Strided gradIn, Strided gradWeight, Strided gradBias, Strided grad, Strided in,
                                     Strided mean, Strided invstd, Strided weight) {
        return BatchNormChannels.backward(gradIn, gradWeight, gradBias, grad, in, mean, invstd, weight);
    }

    @Override
    public boolean geluBackward(Strided gradIn, Strided grad, Strided input) {
        return FusedBackward.gelu(gradIn, grad, input);
    }

    @Override
    public boolean recurrentCell(String mode, Strided... operands) {
        return RecurrentCellKernel.run(mode, operands);
    }

    @Override
    public boolean complexAbs(Strided out, Strided in) {
        return ComplexKernels.abs(out, in);
    }

    @Override
    public boolean complexMul(Strided out, Strided a, Strided b, boolean divide) {
        return ComplexKernels.mul(out, a, b, divide);
    }

    @Override
    public boolean fftC2C(Strided in, Strided out, boolean inverse) {
        return FftKernels.c2c(in, out, inverse);
    }

    @Override
    public boolean fftR2C(Strided in, Strided out) {
        return FftKernels.r2c(in, out);
    }

    @Override
    public boolean fftC2R(Strided in, Strided out) {
        return FftKernels.c2r(in, out);
    }
}
