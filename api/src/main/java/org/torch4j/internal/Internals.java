package org.torch4j.internal;

import org.torch4j.Generator;
import org.torch4j.Tensor;
import org.torch4j.internal.random.CpuGenerator;
import org.torch4j.spi.UnaryOp;

/**
 * Access from the api's other packages (nn, optim, io, distributions) to package-private machinery of
 * {@code org.torch4j}, without making it public API (the JDK's "shared secrets" pattern). The package
 * is private to the api bundle.
 */
public interface Internals {

    /** The broadcast of two shapes, or PyTorch's "The size of tensor a (..) must match ..." error. */
    long[] broadcastShapes(long[] a, long[] b);

    /** A dim in {@code [-rank, rank)} made non-negative, or PyTorch's "Dimension out of range" IndexError. */
    int wrapDim(int dim, int rank);

    /** PyTorch's C++ name of a dtype for messages ({@code Float}, {@code Long}, {@code Half}). */
    String cppName(org.torch4j.DType dtype);

    /** An elementwise unary kernel op with its derivative. */
    Tensor unary(UnaryOp op, Tensor x, double... params);

    /** softmax (or log-softmax) along a dim, with its derivative. */
    Tensor softmax(Tensor x, int dim, boolean log);

    /**
     * {@code out} laid out channels-last (exactly c10's channels-last strides; a copy that autograd differentiates)
     * when it is 4-d and any of {@code inputs} (null ones skipped) is 4-d with strides that suggest channels-last,
     * as PyTorch's convolution, pooling and upsampling kernels lay out their outputs; else {@code out} itself.
     */
    Tensor followChannelsLast(Tensor out, Tensor... inputs);

    /** Batch norm's training forward by the backend's kernel: {output, mean [C], biased var [C]}, or null where it declines. */
    Tensor[] batchNormForward(Tensor x, Tensor weight, Tensor bias, double eps);

    /** Batch norm's backward by the backend's kernel: {gradIn, gradWeight, gradBias} (null where not wanted), or null. */
    Tensor[] batchNormBackward(Tensor grad, Tensor x, Tensor mean, Tensor invstd, Tensor weight, boolean wantX, boolean wantW, boolean wantB);

    /** layer_norm of {@code x} over its last {@code k} dims (shapes checked by the caller), with its derivative. */
    Tensor layerNorm(Tensor x, int k, Tensor weight, Tensor bias, double eps);

    /** group_norm of {@code x} [N, C, *] in {@code groups} groups (shapes checked by the caller), with its derivative. */
    Tensor groupNorm(Tensor x, long groups, Tensor weight, Tensor bias, double eps);

    /**
     * scaled_dot_product_attention (no dropout) by the backend's fused kernel, with its derivative; null where the
     * kernel does not apply (the caller composes ops).
     */
    Tensor scaledDotProductAttention(Tensor q, Tensor k, Tensor v, Tensor mask, double scale, boolean causal);

    /**
     * The backend's fused im2col of contiguous {@code x} [..., spatial(d)] as [P, prod(kernel),
     * prod(outSize)] (P = product of the leading dims), or null when the backend has none (no autograd).
     */
    Tensor im2col(Tensor x, int d, long[] kernel, long[] stride, long[] padding, long[] dilation, long[] outSize);

    /** The backend's fused col2im of {@code cols} [P, K, L] into a new image of {@code imageShape}, or null. */
    Tensor col2im(Tensor cols, long[] imageShape, long[] kernel, long[] stride, long[] padding, long[] dilation, long[] outSize);

    /**
     * The backend's one-pass max pooling of contiguous {@code x} [N, C, spatial(d)]: {values, int64 flat
     * indices} of shape [N, C, outSize...], or null when the backend has none (no autograd).
     */
    Tensor[] maxPool(Tensor x, long[] kernel, long[] stride, long[] padding, long[] dilation, long[] outSize);

    /**
     * The backend's direct convolution of 4-d {@code x} with {@code weight} [O, C, KH, KW] plus {@code bias}
     * (or null), or null when the backend has none for these operands (no autograd).
     */
    Tensor conv2d(Tensor x, Tensor weight, Tensor bias, long[] stride, long[] padding, long[] dilation);

    /** The backend's weight gradient of {@link #conv2d} as a new [O, C, KH, KW] tensor, or null. */
    Tensor conv2dWeightGrad(Tensor gradOut, Tensor x, long[] weightShape, long[] stride, long[] padding, long[] dilation);

    /** The backend's input gradient of {@link #conv2d} as a new [N, C, H, W] tensor ({@code inputShape}), or null. */
    Tensor conv2dInputGrad(Tensor gradOut, Tensor weight, long[] inputShape, long[] stride, long[] padding, long[] dilation);

    /**
     * The backend's resampling of {@code x} along {@code dim}: a new tensor whose position j along it is
     * the sum over taps t of {@code x} at {@code index[t][j]} times {@code weight[t][j]}, in the dtype, or
     * null when the backend has no kernel for it (no autograd).
     */
    Tensor resample(Tensor x, int dim, int[][] index, double[][] weight);

    /**
     * The backend's one-pass {@code grid_sample} of {@code input} [N, C, spatial(d)] at {@code grid}
     * [N, out(d), d] (same floating dtype, arguments already checked) as a new [N, C, out...] tensor, or
     * null when the backend has none for these operands (no autograd).
     */
    Tensor gridSample(Tensor input, Tensor grid, String mode, String paddingMode, boolean alignCorners);

    /**
     * The backend's gradients of {@link #gridSample} for output gradient {@code gradOut}: {gradInput,
     * gradGrid}, each null when not {@code wantInput} / {@code wantGrid}; or null when the backend has no
     * such kernel (no autograd).
     */
    Tensor[] gridSampleBackward(Tensor gradOut, Tensor input, Tensor grid, String mode, String paddingMode, boolean alignCorners,
                                boolean wantInput, boolean wantGrid);

    /**
     * The backend's unnormalised complex FFT along dim 1 of the real-layout {@code x} [batch, n, 2] (float32 or
     * float64) as a new tensor of that shape, or null when the backend has none (no autograd).
     */
    Tensor fftC2C(Tensor x, boolean inverse);

    /** The backend's unnormalised real FFT of {@code x} [batch, n] as a new [batch, n/2 + 1, 2], or null. */
    Tensor fftR2C(Tensor x);

    /** The backend's unnormalised Hermitian inverse FFT of {@code x} [batch, n/2 + 1, 2] as a new [batch, n], or null. */
    Tensor fftC2R(Tensor x, long n);

    /**
     * The engine behind {@code generator} (the default generator when null), for samplers that draw
     * scalars one at a time in PyTorch's order (org.torch4j.distributions); hold its lock while drawing.
     */
    CpuGenerator engine(Generator generator);

    /**
     * Makes {@code target} stand for {@code value}: its values (sharing value's storage) and its place in
     * the autograd graph (value's grad_fn, or a leaf when value has none), its own gradient dropped. How
     * {@code torch.nn.utils.weight_norm} and {@code spectral_norm} replace a module's weight by a
     * computation, as PyTorch's {@code setattr(module, name, tensor)}, while the module's field keeps
     * pointing at the same object.
     */
    void rebind(Tensor target, Tensor value);

    /**
     * A new tensor object holding {@code t}'s present state: its storage and layout and its place in the autograd
     * graph (grad_fn, or leaf), without its gradient. Rebinding {@code t} to it later restores that state.
     */
    Tensor stateOf(Tensor t);

    /** The memory behind {@code t} (shared with its views). */
    org.torch4j.spi.Storage storage(Tensor t);

    /**
     * The backend's fused COO product (contiguous int64 {@code rows}, {@code cols} [nnz], {@code values} [nnz],
     * {@code dense} [m, p]): a new [outRows, p] tensor holding the sum of {@code values[i] * dense[cols[i]]} in
     * row {@code rows[i]}, or null when the backend has none (no autograd).
     */
    Tensor sparseRowsProduct(Tensor rows, Tensor cols, Tensor values, Tensor dense, long outRows);

    /** The backend's sampled dot products {@code a[rows[i]] . b[cols[i]]} as a new [nnz] tensor, or null (no autograd). */
    Tensor sampledDot(Tensor rows, Tensor cols, Tensor a, Tensor b);

    /**
     * {@code out = a @ b + beta * out} for 2-d operands of one dtype, written into {@code out} by the backend's GEMM
     * (no autograd, no checks; {@code beta == 0} does not read out): a product into a buffer that is reused.
     */
    void mmInto(Tensor out, Tensor a, Tensor b, double beta);

    /**
     * The backend's one-pass step of a recurrent layer ({@link org.torch4j.spi.Backend#recurrentCell}) over contiguous
     * operands (null where the mode allows none), writing into the output operands; false when it has none (no autograd).
     */
    boolean recurrentCell(String mode, Tensor... operands);

    /** PyTorch's print of a sparse tensor from its named parts (the values last). */
    String formatSparse(String[] names, Tensor[] parts, long[] shape, long nnz, org.torch4j.Layout layout);

    static Internals get() {
        Holder.ensureLoaded();
        return Holder.instance;
    }

    /** Set once by {@code org.torch4j} when its classes load. */
    final class Holder {
        private static volatile Internals instance;

        private Holder() {}

        public static void set(Internals internals) {
            if (instance == null) instance = internals;
        }

        static void ensureLoaded() {
            if (instance == null) {
                try {
                    Class.forName("org.torch4j.Tensor", true, Internals.class.getClassLoader());
                } catch (ClassNotFoundException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }
}
