package org.torch4j.spi;

import org.torch4j.DType;

/**
 * A compute backend: the small set of primitive kernels that one kind of device implements.
 *
 * <p>Everything above the primitives (composite ops, autograd, views, nn) lives in the api and is
 * written once. Backends are found by {@link BackendRegistry}: inside OSGi they are services with the
 * properties {@value #DEVICE_PROPERTY} and {@code service.ranking}; on a plain classpath they are
 * listed in {@code META-INF/services/org.torch4j.spi.Backend}.
 *
 * <h2>Kernel conventions</h2>
 * <ul>
 *   <li>Operands are {@link Strided} views; all operands of one call have the same shape (the api
 *       broadcasts by giving size-1 dimensions stride 0) and, unless stated, the same dtype.</li>
 *   <li>The output may alias an input exactly (in-place ops), never partially.</li>
 *   <li>Shapes and dtypes were checked by the api; kernels need not check them again.</li>
 *   <li>Empty operands (a zero-size dimension) are legal and do nothing.</li>
 * </ul>
 *
 * <h2>Memory</h2>
 * <p>{@link #allocate} returns a {@link Storage} holding one reference, which the api's new tensor owns;
 * views retain further references and the api releases them as tensors close, so a backend never counts
 * references itself: it frees the memory in {@link Storage#free()}, called once, after the last release
 * (device backends also register a {@link java.lang.ref.Cleaner} for tensors never closed). CPU memory is
 * a {@link HostStorage} owned by the api, which CPU backends allocate and read directly, so a CPU backend
 * can be replaced while tensors live.
 */
public interface Backend {

    /** The OSGi service property naming the device type a backend serves ({@code cpu}, {@code cuda}). */
    String DEVICE_PROPERTY = "device";

    /** A short name for messages and listings, e.g. {@code "java-cpu"}. */
    String name();

    /** The device type this backend computes on: {@code "cpu"} or {@code "cuda"}. */
    String deviceType();

    /**
     * The rank used outside OSGi to choose between backends for the same device (higher wins),
     * mirroring the {@code service.ranking} property of the OSGi service.
     */
    default int ranking() {
        return 0;
    }

    /** One line describing the backend's state (threads, SIMD, driver), for {@code info} listings. */
    default String describe() {
        return name();
    }

    /** Sets the number of threads kernels may use (CPU backends); others ignore it. */
    default void setNumThreads(int threads) {}

    // ---- memory -------------------------------------------------------------------------------

    /** New zero-filled memory on {@code deviceIndex} (ignored by the CPU). */
    Storage allocate(DType dtype, long size, int deviceIndex);

    /**
     * New memory whose contents are unspecified ({@code torch.empty}), for an output the caller overwrites
     * completely: a backend may hand back recycled memory without zeroing it. The default zeroes.
     */
    default Storage allocateUninitialized(DType dtype, long size, int deviceIndex) {
        return allocate(dtype, size, deviceIndex);
    }

    /**
     * Copies {@code src} into {@code dst} elementwise, converting the dtype when they differ (with
     * PyTorch's rules: float to integer truncates toward zero, anything to bool is "non-zero"). One of
     * the two may be host memory when this backend is a device backend.
     */
    void copy(Strided dst, Strided src);

    /** Sets every element of {@code dst} to {@code value} (a Long for exact 64-bit integers). */
    void fill(Strided dst, Number value);

    // ---- elementwise ----------------------------------------------------------------------------

    /**
     * Computes {@code out = op(in)} elementwise, in {@code in}'s dtype. {@code out} usually has that dtype
     * (bool for a {@linkplain UnaryOp#isPredicate() predicate}); in-place ops may pass an {@code out} of
     * another dtype, into which the result is converted as {@link #copy} converts. {@code params} holds
     * {@link UnaryOp#params()} values (an empty array for none).
     */
    void unary(UnaryOp op, double[] params, Strided out, Strided in);

    /**
     * Computes {@code out = op(a, b)} elementwise, in the dtype {@code a} and {@code b} share. {@code out}
     * usually has that dtype (bool for a {@linkplain BinaryOp#isPredicate() predicate}); in-place ops may
     * pass an {@code out} of another dtype, into which the result is converted as {@link #copy} converts.
     * {@code params} holds {@link BinaryOp#params()} values. Integer division, remainder or fmod by zero
     * throws {@link ArithmeticException}.
     */
    void binary(BinaryOp op, double[] params, Strided out, Strided a, Strided b);

    /**
     * Computes {@code out = op(a, number)} ({@code op(number, a)} when {@code numberFirst}) elementwise in a's dtype, the
     * Java number converted to that dtype as {@link #fill} converts it: PyTorch's wrapped number passed to the kernel as
     * an argument, so that an op with a Java number is one launch on an accelerator. Same operands and params as
     * {@link #binary}. Returns false when this backend has no such kernel; the api then makes the number a tensor on
     * this backend's device.
     */
    default boolean binaryScalar(BinaryOp op, double[] params, Strided out, Strided a, Number number, boolean numberFirst) {
        return false;
    }

    /** See {@link TernaryOp} for which operand is which. */
    void ternary(TernaryOp op, double[] params, Strided out, Strided a, Strided b, Strided c);

    // ---- reductions and scans -------------------------------------------------------------------

    /**
     * Reduces {@code in} over {@code dims}. {@code out} has {@code in}'s rank with the reduced
     * dimensions of size 1. Sums of float16/bfloat16 accumulate in float32; of integers in int64.
     */
    void reduce(ReduceOp op, Strided out, Strided in, int[] dims);

    /**
     * The variance of {@code in} over {@code dims} (with {@code sqrt}, its square root: the standard deviation): the
     * sum of squared deviations from the mean over {@code max(0, n - correction)}, accumulated in double for float32
     * as for float64 (as PyTorch's CPU kernels) and rounded once. {@code out} has {@code in}'s dtype and rank with the
     * reduced dims of size 1; {@code in} is not empty. Returns false when this backend has no such kernel for these
     * operands; the api then composes it from the mean, a difference, a product and a sum.
     */
    default boolean variance(Strided out, Strided in, int[] dims, double correction, boolean sqrt) {
        return false;
    }

    /**
     * The 2-norm of {@code in} over {@code dims}, the square root of the sum of squares, into {@code out} as
     * {@link #variance}'s. Returns false when this backend has no such kernel for these operands.
     */
    default boolean norm2(Strided out, Strided in, int[] dims) {
        return false;
    }

    /**
     * Maximum or minimum along {@code dim} with the index of its first occurrence (NaN counts as the
     * extreme). {@code values} (may be null) and {@code indices} (int64) have size 1 at {@code dim}.
     */
    void reduceWithIndex(ReduceOp op, Strided values, Strided indices, Strided in, int dim);

    /**
     * Writes the inclusive scan of {@code in} along {@code dim} (a valid dimension of a tensor of rank at
     * least 1) into {@code out}, which has {@code in}'s shape. For CUMSUM and CUMPROD of integral or bool
     * input, {@code out} is int64 and {@code in} keeps its dtype; otherwise they share a dtype.
     */
    void scan(ScanOp op, Strided out, Strided in, int dim);

    /** Sorts along {@code dim}; NaN sorts as the largest value, as in PyTorch. */
    void sort(Strided values, Strided indices, Strided in, int dim, boolean descending, boolean stable);

    /** The k largest (or smallest) along {@code dim}; {@code values}/{@code indices} have size k there. */
    void topk(Strided values, Strided indices, Strided in, int dim, int k, boolean largest, boolean sorted);

    // ---- indexing -------------------------------------------------------------------------------

    /**
     * {@code out[..., i, ...] = in[..., index[..., i, ...], ...]} along {@code dim}; index is int64. An index outside
     * {@code [0, in.size(dim))} raises {@link IndexOutOfBoundsException} ("index v is out of bounds for dimension d with
     * size n"): here, or, on a backend that queues work without waiting for it, at its next wait for the device (a copy
     * to the host, a synchronize), the index skipped meanwhile.
     */
    void gather(Strided out, Strided in, int dim, Strided index);

    /**
     * The inverse of gather, in place into {@code self}; {@code src} and {@code index} share a shape. Indices out of
     * range as {@link #gather}.
     */
    void scatter(Strided self, int dim, Strided index, Strided src, ScatterReduce reduce);

    /**
     * Advanced indexing: the int64 {@code indices} (all of one shape B) select along the consecutive
     * dimensions starting at {@code firstDim}: {@code out} has shape
     * {@code in.shape[:firstDim] + B + in.shape[firstDim + indices.length:]}. The api has wrapped negative indices; it
     * has checked the range for host tensors, not for a device's (whose values it would have to wait for): those are
     * checked as {@link #gather}'s.
     */
    void index(Strided out, Strided in, int firstDim, Strided[] indices);

    /** The inverse of {@link #index}: writes (or with {@code accumulate}, adds) {@code values}; indices as there. */
    void indexPut(Strided self, int firstDim, Strided[] indices, Strided values, boolean accumulate);

    /** The number of non-zero elements. */
    long countNonzero(Strided in);

    /** The coordinates of the non-zero elements in row-major order, into an int64 [n, rank] output. */
    void nonzero(Strided out, Strided in);

    // ---- linear algebra -------------------------------------------------------------------------

    /**
     * Batched matrix product {@code out[b] = alpha * a[b] @ b[b] + beta * out[b]} over 3-d operands
     * [B, M, K] x [B, K, N] -> [B, M, N] with any strides (a batch stride of 0 broadcasts). With
     * {@code beta == 0} the output is not read.
     */
    void matmul(Strided out, Strided a, Strided b, double alpha, double beta);

    // ---- optional fused kernels: the api composes primitives where a backend returns false ----

    /**
     * Sliding-window columns (im2col): {@code input} is contiguous [P, spatial...] (P planes, d spatial
     * dims), {@code cols} contiguous [P, prod(kernel), prod(outSize)]; element (p, k, l) is the input at
     * window l's kernel offset k, or 0 where that falls in the padding. Returns false when this backend
     * has no such kernel for these operands (dtype, device), so the caller falls back to primitives.
     */
    default boolean im2col(Strided input, Strided cols, long[] kernel, long[] stride, long[] padding, long[] dilation,
                           long[] outSize) {
        return false;
    }

    /**
     * The adjoint of {@link #im2col} (col2im): {@code image} (contiguous [P, spatial...], its contents
     * overwritten) becomes the sum of every column element at the position im2col read it from;
     * overlapping windows add up, positions no window reads are 0. Returns false when this backend has
     * no such kernel.
     */
    default boolean col2im(Strided cols, Strided image, long[] kernel, long[] stride, long[] padding, long[] dilation,
                           long[] outSize) {
        return false;
    }

    /**
     * Max pooling in one pass: {@code input} contiguous [P, spatial...], {@code values} and {@code indices}
     * (int64) contiguous [P, outSize...]; each window's maximum (NaN wins, ties keep the first) and its
     * flat position in the input plane (PyTorch's {@code return_indices}); padding and positions past the
     * input are skipped. Returns false when this backend has no such kernel.
     */
    default boolean maxPool(Strided input, Strided values, Strided indices, long[] kernel, long[] stride, long[] padding,
                            long[] dilation, long[] outSize) {
        return false;
    }

    /**
     * Direct 2-d convolution with one group: {@code input} [N, C, H, W], {@code weight} [O, C, KH, KW],
     * {@code bias} [O] or null, {@code out} [N, O, OH, OW] with {@code OH = (H + 2 ph - dh (KH - 1) - 1) / sh + 1}
     * (OW alike), all contiguous and of one dtype; {@code out[n, o, y, x] = bias[o] + sum over c, i, j of
     * weight[o, c, i, j] * input[n, c, y sh + i dh - ph, x sw + j dw - pw]} (0 outside the input), out
     * overwritten. Returns false when this backend has no such kernel for these operands.
     */
    default boolean conv2d(Strided input, Strided weight, Strided bias, Strided out, long[] stride, long[] padding,
                           long[] dilation) {
        return false;
    }

    /**
     * The weight gradient of {@link #conv2d}: {@code gradWeight[o, c, i, j]} (overwritten) {@code = sum over
     * n, y, x of gradOut[n, o, y, x] * input[n, c, y sh + i dh - ph, x sw + j dw - pw]}, operands contiguous
     * and of one dtype. Returns false when this backend has no such kernel for these operands.
     */
    default boolean conv2dWeightGrad(Strided gradOut, Strided input, Strided gradWeight, long[] stride, long[] padding,
                                     long[] dilation) {
        return false;
    }

    /**
     * The input gradient of {@link #conv2d} (a transposed convolution): {@code gradInput[n, c, h, w]}
     * (overwritten) {@code = sum over o, i, j and the output positions (y, x) with y sh + i dh - ph = h and
     * x sw + j dw - pw = w of gradOut[n, o, y, x] * weight[o, c, i, j]}, operands contiguous and of one dtype.
     * Returns false when this backend has no such kernel for these operands.
     */
    default boolean conv2dInputGrad(Strided gradOut, Strided weight, Strided gradInput, long[] stride, long[] padding,
                                    long[] dilation) {
        return false;
    }

    /**
     * {@code grid_sample} in one pass: {@code input} [N, C, spatial(d)] (d = 2 or 3), {@code grid}
     * [N, out(d), d] holding (x, y[, z]) in [-1, 1], {@code out} [N, C, out...], all contiguous and of one
     * floating dtype. {@code mode} is "bilinear", "nearest" (ties to even) or "bicubic" (d = 2),
     * {@code paddingMode} "zeros", "border" or "reflection", with PyTorch's rules for each and for
     * {@code alignCorners}. Returns false when this backend has no such kernel for these operands.
     */
    default boolean gridSample(Strided input, Strided grid, Strided out, String mode, String paddingMode, boolean alignCorners) {
        return false;
    }

    /**
     * The gradients of {@link #gridSample} for output gradient {@code gradOut} [N, C, out...]:
     * {@code gradInput} (same shape as {@code input}; zero-filled by the caller, the kernel adds into it)
     * receives each output position's gradient spread over the taps it read, weighted as in the forward
     * pass; {@code gradGrid} (same shape as {@code grid}, overwritten) receives the derivative with respect
     * to each grid entry, PyTorch's rules included (the padding mode's slope, 0 where a coordinate is
     * clipped to the border, 0 everywhere for "nearest"). Either may be null when not wanted. Operands
     * contiguous, of one floating dtype. Returns false when this backend has no such kernel for these
     * operands, mode or number of spatial dims (nothing written).
     */
    default boolean gridSampleBackward(Strided gradOut, Strided input, Strided grid, Strided gradInput, Strided gradGrid,
                                       String mode, String paddingMode, boolean alignCorners) {
        return false;
    }

    /**
     * One dim of a separable resampling (the nearest, linear and cubic modes of {@code interpolate}): {@code in}
     * contiguous [outer, inLen, inner], {@code out} contiguous [outer, outLen, inner], of one floating dtype;
     * {@code out[o, j, i]} is the sum over taps t, in order from 0, of {@code in[o, index[t][j], i] *
     * weight[t][j]}, each product and sum rounded to the dtype (the weights first), with no fused
     * multiply-add, so the result is bit for bit that of the same sum composed from index_select, mul and add.
     * Indices are in range (checked by the caller). Returns false when this backend has no such kernel.
     */
    default boolean resample(Strided in, Strided out, int[][] index, double[][] weight) {
        return false;
    }

    /**
     * The sparse-dense product over COO entries (SpMM): for each entry i, {@code out[rows[i], :] += values[i] *
     * dense[cols[i], :]}; {@code rows}, {@code cols} int64 [nnz] with indices in range (checked by the caller),
     * {@code values} [nnz], {@code dense} [m, p], {@code out} [n, p] (added into), all contiguous, values, dense
     * and out of one floating dtype. Returns false when this backend has no such kernel for these operands.
     */
    default boolean sparseRowsProduct(Strided rows, Strided cols, Strided values, Strided dense, Strided out) {
        return false;
    }

    /**
     * Sampled dot products (SDDMM), the values' gradient of {@link #sparseRowsProduct}: {@code out[i] =
     * sum over k of a[rows[i], k] * b[cols[i], k]} (overwritten), operands as there ({@code a} [n, p],
     * {@code b} [m, p], {@code out} [nnz]). Returns false when this backend has no such kernel.
     */
    default boolean sampledDot(Strided rows, Strided cols, Strided a, Strided b, Strided out) {
        return false;
    }

    /**
     * ReLU's derivative in one pass ({@code threshold_backward}): {@code out = input <= threshold ? 0 : grad}
     * (a NaN input passes grad), operands of one shape and dtype. Returns false when this backend has no
     * such kernel for these operands.
     */
    default boolean thresholdBackward(Strided out, Strided grad, Strided input, double threshold) {
        return false;
    }

    /**
     * softmax (or, with {@code log}, log-softmax) of each line along the last dimension of {@code in}, into
     * {@code out} (both contiguous, one shape and dtype): the line's maximum subtracted (an infinite maximum
     * counts as 0, as in PyTorch), then {@code exp(x - max) / sum} or {@code x - max - log(sum)}. Returns
     * false when this backend has no such kernel for these operands.
     */
    default boolean softmax(Strided out, Strided in, boolean log) {
        return false;
    }

    /**
     * The backward of {@link #softmax} along the last dimension, from the forward's output {@code out} and the
     * output gradient {@code grad}: {@code out * (grad - sum(grad * out))}, or with {@code log}
     * {@code grad - exp(out) * sum(grad)}, into {@code gradIn} (all contiguous, one shape and dtype).
     */
    default boolean softmaxBackward(Strided gradIn, Strided grad, Strided out, boolean log) {
        return false;
    }

    /**
     * GELU's derivative applied to a gradient in one pass ({@code gelu_backward}, the exact form):
     * {@code gradIn = grad * (Phi(x) + x phi(x))}, with Phi and phi the standard normal's distribution and
     * density, operands contiguous, of one shape and dtype. Returns false when this backend has no such
     * kernel for these operands.
     */
    default boolean geluBackward(Strided gradIn, Strided grad, Strided input) {
        return false;
    }

    /**
     * Layer normalization of each row of {@code in} ({@code [rows, cols]}, contiguous): with the row's mean
     * {@code mu} and {@code rstd = 1 / sqrt(var + eps)} (biased variance), {@code out = (in - mu) * rstd * weight
     * + bias}; the row statistics go to {@code mean} and {@code rstd} ({@code [rows]}). {@code weight} and
     * {@code bias} ({@code [cols]}) may be null (1 and 0). All operands are contiguous; {@code in} and {@code out}
     * of one floating dtype, the statistics, weight and bias of its accumulation dtype: float64 for float64, float32
     * for float32, float16 and bfloat16 (which are normalised in float32 and rounded once, as PyTorch's kernels).
     * Returns false when this backend has no such kernel for these operands.
     */
    default boolean layerNorm(Strided out, Strided mean, Strided rstd, Strided in, Strided weight, Strided bias, double eps) {
        return false;
    }

    /**
     * The backward of {@link #layerNorm} from the forward's input and row statistics and the output gradient
     * {@code grad}: {@code gradIn} ({@code [rows, cols]}) gets, per row, {@code rstd * (gw - mean(gw)) - xhat *
     * rstd * mean(gw * xhat)} for {@code gw = grad * weight} and {@code xhat = (in - mean) * rstd};
     * {@code gradWeight} the column sums of {@code grad * xhat} and {@code gradBias} those of {@code grad}
     * (each null when not wanted; {@code weight} null means 1). Same operand rules as {@link #layerNorm}.
     */
    default boolean layerNormBackward(Strided gradIn, Strided gradWeight, Strided gradBias, Strided grad, Strided in,
                                      Strided mean, Strided rstd, Strided weight) {
        return false;
    }

    /**
     * Group normalization of {@code in} ({@code [N, C, P]}, contiguous, P the product of the spatial dims): for each
     * sample n and each of the {@code groups} groups of C/G consecutive channels, the mean and {@code rstd = 1 /
     * sqrt(var + eps)} (biased variance) of the group's C/G * P values go to {@code mean} and {@code rstd}
     * ({@code [N * G]}, sample-major), and {@code out[n, c, p] = (in[n, c, p] - mean) * rstd * weight[c] + bias[c]}.
     * {@code weight} and {@code bias} ({@code [C]}) may be null (1 and 0). Operand dtypes as {@link #layerNorm}'s.
     * Returns false when this backend has no such kernel for these operands.
     */
    default boolean groupNorm(Strided out, Strided mean, Strided rstd, Strided in, Strided weight, Strided bias, long groups,
                              double eps) {
        return false;
    }

    /**
     * The backward of {@link #groupNorm} from the forward's input and group statistics and the output gradient
     * {@code grad}: {@code gradIn} ({@code [N, C, P]}) gets, over each sample's group, {@code rstd * (gw - mean(gw)) -
     * xhat * rstd * mean(gw * xhat)} for {@code gw = grad * weight[c]} and {@code xhat = (in - mean) * rstd};
     * {@code gradWeight[c]} the sum over samples and positions of {@code grad * xhat} and {@code gradBias[c]} that of
     * {@code grad} (each null when not wanted; {@code weight} null means 1). Same operand rules as {@link #groupNorm}.
     */
    default boolean groupNormBackward(Strided gradIn, Strided gradWeight, Strided gradBias, Strided grad, Strided in,
                                      Strided mean, Strided rstd, Strided weight, long groups) {
        return false;
    }

    /**
     * Batch normalization's training forward over {@code in} ({@code [N, C, P]}, contiguous): per channel c, the mean
     * and biased variance of its N*P values (accumulated in double, as PyTorch's CPU kernel) into {@code mean} and
     * {@code var} ({@code [C]}), and {@code out = (in - mean) / sqrt(var + eps) * weight + bias}. {@code weight} and
     * {@code bias} ({@code [C]}) may be null (1 and 0). All operands contiguous, with the dtypes of {@link #layerNorm}'s:
     * {@code in} and {@code out} of one floating dtype, the per-channel ones of its accumulation dtype. Returns false
     * when this backend has no such kernel for these operands.
     */
    default boolean batchNorm(Strided out, Strided mean, Strided var, Strided in, Strided weight, Strided bias, double eps) {
        return false;
    }

    /**
     * The backward of {@link #batchNorm} from the forward's input, its channel means and {@code invstd}
     * ({@code 1 / sqrt(var + eps)}) and the output gradient, as PyTorch's CPU kernel: per channel, with
     * {@code s = sum(grad)} and {@code d = sum((in - mean) grad)}, {@code gradIn = (grad - s / n - (in - mean) d invstd^2 / n)
     * invstd weight}, {@code gradWeight = d invstd}, {@code gradBias = s} (each null when not wanted; {@code weight} null
     * means 1). Same operand rules as {@link #batchNorm}.
     */
    default boolean batchNormBackward(Strided gradIn, Strided gradWeight, Strided gradBias, Strided grad, Strided in,
                                      Strided mean, Strided invstd, Strided weight) {
        return false;
    }

    /**
     * Scaled dot-product attention without materialising the attention weights of every batch at once
     * ({@code F.scaled_dot_product_attention} without dropout): for each batch b and query row i, the scores
     * {@code s_ij = scale * (q_i . k_j) + mask_ij} ({@code -inf} for {@code j > i} when {@code causal}), their
     * softmax over j (the row's maximum subtracted, an infinite maximum counting as 0, as {@link #softmax}: a row
     * with every score {@code -inf} gives NaN), {@code out_i = sum_j p_ij v_j}, and the row's log-sum-exp
     * {@code lse_i = max + log(sum_j exp(s_ij - max))} for the backward. {@code q} is {@code [B, L, E]},
     * {@code k} {@code [B, S, E]}, {@code v} {@code [B, S, Ev]}, {@code out} {@code [B, L, Ev]}, {@code lse}
     * {@code [B, L]}, all contiguous and of one floating dtype; {@code mask} is null or an additive {@code [B, L, S]}
     * of that dtype with any strides (0 for broadcast dims). Returns false when this backend has no such kernel for
     * these operands; the api then composes matmul and softmax.
     */
    default boolean attention(Strided out, Strided lse, Strided q, Strided k, Strided v, Strided mask, double scale,
                              boolean causal) {
        return false;
    }

    /**
     * The backward of {@link #attention} from its operands, its {@code out} and {@code lse} and the output gradient
     * {@code grad} ({@code [B, L, Ev]}): with {@code p_ij = exp(s_ij - lse_i)} recomputed and
     * {@code D_i = grad_i . out_i}, {@code gradV_j = sum_i p_ij grad_i}, {@code ds_ij = p_ij (grad_i . v_j - D_i)},
     * {@code gradQ_i = scale sum_j ds_ij k_j}, {@code gradK_j = scale sum_i ds_ij q_i}; the gradients have their
     * operand's shape and are contiguous. Same operand rules as {@link #attention}.
     */
    default boolean attentionBackward(Strided gradQ, Strided gradK, Strided gradV, Strided grad, Strided q, Strided k,
                                      Strided v, Strided out, Strided lse, Strided mask, double scale, boolean causal) {
        return false;
    }

    // ---- optional complex kernel: the api composes real ops where a backend returns false ----

    /**
     * Complex products ({@code divide} false) or quotients of (re, im) pairs. {@code out}, {@code a} and
     * {@code b} are float32 or float64 tensors of one dtype and one shape {@code [..., 2]} whose last dim
     * (stride 1) holds the pairs; {@code a} and {@code b} may have broadcast (0) strides in the other dims,
     * {@code out} is contiguous and overlaps neither. A product is {@code (ac - bd) + (ad + bc)i}, a quotient
     * {@code ((ac + bd) + (bc - ad)i) / (c^2 + d^2)} (PyTorch's vectorized CPU formula), each operation
     * rounded in the dtype in that order. Returns false when this backend has no such kernel for these
     * operands; the api then composes real ops.
     */
    default boolean complexMul(Strided out, Strided a, Strided b, boolean divide) {
        return false;
    }

    /**
     * Complex magnitudes: {@code out[...] = hypot(in[..., 0], in[..., 1])} for a float32 or float64 {@code in}
     * of shape {@code [..., 2]} (pairs at stride 1, other strides any) and a contiguous {@code out} of the
     * same dtype and shape {@code [...]}, with the backend's {@code BinaryOp.HYPOT} arithmetic. Returns false
     * when this backend has no such kernel for these operands.
     */
    default boolean complexAbs(Strided out, Strided in) {
        return false;
    }

    // ---- optional FFT kernels: the api falls back to DFTs as matrix products where a backend returns false ----

    /**
     * Unnormalised complex DFTs along dim 1 of {@code in} and {@code out}, contiguous [batch, n, 2] float32 or
     * float64 tensors of one shape holding (re, im) pairs: {@code out[b, k] = sum_j in[b, j] exp(-+2 pi i jk / n)}
     * (minus forward, plus with {@code inverse}; no 1/n). {@code out} may be {@code in} itself. Returns false
     * when this backend has no such kernel for these operands.
     */
    default boolean fftC2C(Strided in, Strided out, boolean inverse) {
        return false;
    }

    /**
     * Unnormalised real-to-complex DFTs ({@code rfft}): {@code in} contiguous [batch, n], {@code out} contiguous
     * [batch, n/2 + 1, 2] of the same dtype (float32 or float64), the first n/2 + 1 coefficients of each line's
     * DFT. Returns false when this backend has no such kernel for these operands.
     */
    default boolean fftR2C(Strided in, Strided out) {
        return false;
    }

    /**
     * Unnormalised complex-to-real inverse DFTs ({@code irfft} without the 1/n): {@code in} contiguous
     * [batch, n/2 + 1, 2], {@code out} contiguous [batch, n] (n is taken from {@code out}); each line of
     * {@code in} is the first half of a Hermitian spectrum (the rest is its conjugate mirror), and the imaginary
     * parts of its zero-frequency term and, for even n, of its Nyquist term are ignored, as in pocketfft.
     * Returns false when this backend has no such kernel for these operands.
     */
    default boolean fftC2R(Strided in, Strided out) {
        return false;
    }

    // ---- optional quantized kernel: the api sums on the float32 kernels where a backend returns false ----

    /**
     * Integer products for quantized layers: {@code out[r, o] = sum over k of x[r, k] * w[o, k]} in int32 arithmetic
     * (wrapping), {@code x} int32 [rows, k], {@code w} int8 [n, k], {@code out} int32 [rows, n] (overwritten), all
     * contiguous. Returns false when this backend has no such kernel for these operands.
     */
    default boolean int8Matmul(Strided x, Strided w, Strided out) {
        return false;
    }

    // ---- optional recurrent kernel: the api composes pointwise ops where a backend returns false ----

    /**
     * The pointwise part of one time step of a recurrent layer (the gate nonlinearities and the state update), or
     * its derivative, in one pass over the rows of the batch that are still running. All operands are contiguous,
     * of one floating dtype, {@code n} rows of {@code H} (hidden size) or {@code k*H} (k stacked gate blocks)
     * elements; {@code bias} may be null (none). By {@code mode}, the operands are:
     * <ul>
     * <li>{@code "lstm"}: {@code x} [n, 4H] (the input projection with its bias), {@code hh} [n, 4H] (the previous
     * h times W_hh^T), {@code bias} [4H] (b_hh), {@code cPrev} [n, H]; writes {@code h}, {@code c} [n, H] and
     * {@code act} [n, 5H]: the gates i, f, g, o after their nonlinearities and tanh(c), from {@code pre = x + (hh + bias)},
     * {@code c = f * cPrev + i * g}, {@code h = o * tanh(c)}.</li>
     * <li>{@code "gru"}: {@code x, hh} [n, 3H], {@code bias} [3H], {@code hPrev} [n, H]; writes {@code h} [n, H] and
     * {@code act} [n, 4H] = (r, z, n, hn) with {@code hn = hh_n + bias_n}, {@code r, z = sigmoid(x + (hh + bias))},
     * {@code n = tanh(x_n + r * hn)}, {@code h = (1 - z) * n + z * hPrev}.</li>
     * <li>{@code "rnn_tanh"}, {@code "rnn_relu"}: {@code x, hh} [n, H], {@code bias} [H]; writes {@code h} =
     * tanh or relu of {@code x + (hh + bias)}.</li>
     * <li>{@code "lstm_backward"}: {@code dh} [n, H] (the gradient of h), {@code dc} [n, H] (the gradient of c from
     * later steps, overwritten with that of cPrev), {@code act} [n, 5H] (as the forward wrote it), {@code cPrev}
     * [n, H]; writes {@code dgates} [n, 4H], the gradient of the gates before their nonlinearities.</li>
     * <li>{@code "gru_backward"}: {@code dh} [n, H], {@code dhPrev} [n, H] (written: z * dh, the direct part of
     * hPrev's gradient; may be {@code dh} itself), {@code act} [n, 4H], {@code hPrev} [n, H]; writes {@code dx}
     * [n, 3H] (the gradient of x) and {@code dhh} [n, 3H] (that of hh + bias, whose n block has the extra factor r).</li>
     * <li>{@code "rnn_tanh_backward"}, {@code "rnn_relu_backward"}: {@code dh}, {@code h} (the step's output)
     * [n, H]; writes {@code dpre} [n, H].</li>
     * </ul>
     * Each operation is rounded in the dtype in the order written. Returns false when this backend has no such
     * kernel for these operands (nothing written). {@link RecurrentCellOperands#hidden} checks the layout above.
     *
     * @param mode one of the modes above
     * @param operands in the order listed for the mode: forward {@code x, hh, bias, cPrev or hPrev (null for rnn),
     *        h, c (lstm, else null), act (lstm and gru, else null)}; {@code lstm_backward}: {@code dh, dc, act, cPrev,
     *        dgates}; {@code gru_backward}: {@code dh, dhPrev, act, hPrev, dx, dhh}; {@code rnn_*_backward}:
     *        {@code dh, h, dpre}
     * @return whether the kernel ran
     */
    default boolean recurrentCell(String mode, Strided... operands) {
        return false;
    }
}
