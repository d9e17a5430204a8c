package org.torch4j.nn;

import java.util.Arrays;
import org.torch4j.DType;
import org.torch4j.Function;
import org.torch4j.FunctionContext;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.internal.Internals;
import org.torch4j.trace.Trace;

/**
 * {@code torch.nn.functional.interpolate}: resizing [N, C, spatial...] by nearest, nearest-exact,
 * (bi/tri)linear, bicubic or area rules. Every mode but area is separable: each spatial dim is resampled
 * in turn, the last first (the order of PyTorch's CPU kernels' sums), as a weighted sum of the input at
 * each tap's positions: in one pass by the backend's {@code resample} kernel where it has one (its
 * gradient the adjoint, index-adds of the weighted output gradient), otherwise composed from
 * index-selects, products and sums (the same bits; the gradient from autograd). The source positions
 * and weights are computed as PyTorch's kernels compute them, in float for float32 input.
 */
final class Interpolate {
    private Interpolate() {}

    static Tensor apply(Tensor input, long[] size, double[] scaleFactor, String mode, Boolean alignCorners,
                        Boolean recomputeScaleFactor) {
        if (Trace.recording()) {
            return Trace.op("aten::interpolate", () -> apply(input, size, scaleFactor, mode, alignCorners, recomputeScaleFactor),
                    input, size, scaleFactor, mode, alignCorners, recomputeScaleFactor);
        }
        boolean interpolating = !mode.equals("nearest") && !mode.equals("area") && !mode.equals("nearest-exact");
        if (!interpolating && alignCorners != null) {
            throw new IllegalArgumentException("align_corners option can only be set with the interpolating modes: "
                    + "linear | bilinear | bicubic | trilinear");
        }
        boolean align = interpolating && alignCorners != null && alignCorners;
        int d = Math.max(0, input.dim() - 2);
        long[] in = Arrays.copyOfRange(input.shape(), input.dim() - d, input.dim());
        if (size != null && scaleFactor != null) throw new IllegalArgumentException("only one of size or scale_factor should be defined");
        if (size == null && scaleFactor == null) throw new IllegalArgumentException("either size or scale_factor should be defined");
        long[] out = null;
        double[] scales = null;
        // one value stands for every dim, as PyTorch's int or float
        if (size != null) {
            if (size.length != 1 && size.length != d) {
                throw new IllegalArgumentException("Input and output must have the same number of spatial dimensions, but got input "
                        + "with spatial dimensions of " + Arrays.toString(in) + " and output size of " + Arrays.toString(size)
                        + ". Please provide input tensor in (N, C, d1, d2, ...,dK) format and output size in (o1, o2, ...,oK) format.");
            }
            out = new long[d];
            for (int i = 0; i < d; i++) out[i] = size.length == 1 ? size[0] : size[i];
        } else {
            if (scaleFactor.length != 1 && scaleFactor.length != d) {
                throw new IllegalArgumentException("Input and scale_factor must have the same number of spatial dimensions, but got "
                        + "input with spatial dimensions of " + Arrays.toString(in) + " and scale_factor of shape "
                        + pyList(scaleFactor) + ". Please provide input tensor in (N, C, d1, d2, ...,dK) format and scale_factor in "
                        + "(s1, s2, ...,sK) format.");
            }
            scales = new double[d];
            for (int i = 0; i < d; i++) scales[i] = scaleFactor.length == 1 ? scaleFactor[0] : scaleFactor[i];
        }
        boolean recompute = recomputeScaleFactor != null && recomputeScaleFactor;
        if (recompute && size != null) throw new IllegalArgumentException("recompute_scale_factor is not meaningful with an explicit size.");
        // area pools adaptively, so it always works from the output size
        if (recompute || (mode.equals("area") && out == null)) {
            out = new long[d];
            for (int i = 0; i < d; i++) out[i] = (long) Math.floor(in[i] * scales[i]);
            scales = null;
        } else if (out == null) {
            out = new long[d];
            for (int i = 0; i < d; i++) out[i] = (long) Math.floor(in[i] * scales[i]);
        }
        Kind kind = kind(input.dim(), mode);
        if (kind == Kind.AREA) return Pooling.adaptiveAvgPool(checkFloating(input, "adaptive_avg_pool" + d + "d"), out);
        checkSizes(input, in, out);
        checkFloating(input, kernelName(kind, d));
        Tensor y = input;
        for (int i = d - 1; i >= 0; i--) {
            Double scale = scales == null ? null : scales[i];
            y = resample(y, input.dim() - d + i, in[i], out[i], kind, align, scale);
        }
        return y;
    }

    private enum Kind { NEAREST, NEAREST_EXACT, LINEAR, CUBIC, AREA }

    /** The mode's kernel for the input's rank, or PyTorch's error for a mode that does not fit it. */
    private static Kind kind(int rank, String mode) {
        boolean spatial = rank >= 3 && rank <= 5;
        switch (mode) {
            case "nearest": if (spatial) return Kind.NEAREST; break;
            case "nearest-exact": if (spatial) return Kind.NEAREST_EXACT; break;
            case "area": if (spatial) return Kind.AREA; break;
            case "bicubic": if (rank == 4) return Kind.CUBIC; break;
            case "linear", "bilinear", "trilinear": {
                int wants = mode.equals("linear") ? 3 : mode.equals("bilinear") ? 4 : 5;
                if (rank == wants) return Kind.LINEAR;
                if (spatial) throw new IllegalArgumentException("Got " + rank + "D input, but " + mode + " mode needs " + wants + "D input");
                break;
            }
            default: break;
        }
        throw new IllegalArgumentException("Input Error: Only 3D, 4D and 5D input Tensors supported (got " + rank + "D) for the "
                + "modes: nearest | linear | bilinear | bicubic | trilinear | area | nearest-exact (got " + mode + ")");
    }

    /** ATen's upsample checks: positive sizes, then no empty channel or spatial dim. */
    private static void checkSizes(Tensor input, long[] in, long[] out) {
        String[] names = in.length == 1 ? new String[] {"W"} : in.length == 2 ? new String[] {"H", "W"} : new String[] {"D", "H", "W"};
        boolean positive = true;
        for (int i = 0; i < in.length; i++) positive &= in[i] > 0 && out[i] > 0;
        if (!positive) {
            StringBuilder a = new StringBuilder(), b = new StringBuilder();
            for (int i = 0; i < in.length; i++) {
                a.append(i > 0 ? ", " : "").append(names[i]).append(": ").append(in[i]);
                b.append(i > 0 ? ", " : "").append(names[i]).append(": ").append(out[i]);
            }
            throw new IllegalArgumentException("Input and output sizes should be greater than 0, but got input (" + a + ")"
                    + (in.length == 1 ? " and" : "") + " output (" + b + ")");
        }
        for (int i = 1; i < input.dim(); i++) {
            if (input.size(i) == 0) {
                throw new IllegalArgumentException("Non-empty " + input.dim() + "D data tensor expected but got a tensor with sizes "
                        + Arrays.toString(input.shape()));
            }
        }
    }

    /** The name of PyTorch's CPU kernel that refuses non-floating input. */
    private static String kernelName(Kind kind, int d) {
        if (kind == Kind.CUBIC) return "compute_indices_weights_cubic";
        boolean nearest = kind == Kind.NEAREST || kind == Kind.NEAREST_EXACT;
        if (d == 1) return "compute_indices_weights_" + (nearest ? "nearest" : "linear");
        return "upsample_" + (nearest ? "nearest" : d == 2 ? "bilinear" : "trilinear") + d + "d_channels_last";
    }

    private static Tensor checkFloating(Tensor input, String kernel) {
        if (!input.isFloatingPoint()) {
            throw new IllegalArgumentException("\"" + kernel + "\" not implemented for '" + Internals.get().cppName(input.dtype()) + "'");
        }
        return input;
    }

    private static String pyList(double[] v) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < v.length; i++) sb.append(i > 0 ? ", " : "").append(Py.repr(v[i]));
        return sb.append("]").toString();
    }

    /** One spatial dim resized: the sum over taps of the input at each tap's index times its weight. */
    private static Tensor resample(Tensor y, int dim, long in, long out, Kind kind, boolean align, Double scale) {
        Rounding r = new Rounding(y.dtype() != DType.FLOAT64);
        int taps = switch (kind) {
            case NEAREST, NEAREST_EXACT -> 1;
            case LINEAR -> 2;
            default -> 4;
        };
        long[][] index = new long[taps][(int) out];
        double[][] weight = new double[taps][(int) out];
        for (int j = 0; j < out; j++) {
            switch (kind) {
                case NEAREST, NEAREST_EXACT -> {
                    index[0][j] = nearest(j, in, out, scale, kind == Kind.NEAREST_EXACT);
                    weight[0][j] = 1;
                }
                case LINEAR -> {
                    double s = r.q(sourceScale(r, in, out, align, scale));
                    double src = align ? r.q(s * j) : r.q(r.q(s * r.q(j + 0.5)) - 0.5);
                    src = src < 0 ? 0 : src;
                    long i0 = Math.min((long) Math.floor(src), in - 1);
                    double lambda = Math.min(Math.max(r.q(src - i0), 0), 1);
                    index[0][j] = i0;
                    index[1][j] = i0 + (i0 < in - 1 ? 1 : 0);
                    weight[0][j] = r.q(1 - lambda);
                    weight[1][j] = lambda;
                }
                default -> {
                    double s = r.q(sourceScale(r, in, out, align, scale));
                    double src = align ? r.q(s * j) : r.q(r.q(s * r.q(j + 0.5)) - 0.5);
                    double i0 = Math.floor(src), t = r.q(src - i0);
                    double[] w = cubicWeights(r, t);
                    for (int k = 0; k < 4; k++) {
                        index[k][j] = Math.max(0, Math.min((long) i0 - 1 + k, in - 1));
                        weight[k][j] = w[k];
                    }
                }
            }
        }
        // Only floating dtypes have a resampling kernel (integers take nearest's index_select).
        Tensor fused = y.dtype().isFloatingPoint() ? Internals.get().resample(y.detach(), dim, toInts(index), weight) : null;
        if (fused == null) return weightedSum(y, dim, index, weight);
        boolean recording = Torch.isGradEnabled() && y.requiresGrad();
        return recording ? new Resampled(fused, y.shape(), dim, index, weight).apply1(y) : fused;
    }

    /**
     * The resampling composed from ops: the sum over taps of the index-selected input times the tap's
     * weights (nearest's one tap of weight 1 only selected, which also serves integer dtypes).
     */
    private static Tensor weightedSum(Tensor y, int dim, long[][] index, double[][] weight) {
        if (index.length == 1) return y.indexSelect(dim, indexTensor(index[0], y));
        Tensor result = null;
        for (int k = 0; k < index.length; k++) {
            Tensor term = y.indexSelect(dim, indexTensor(index[k], y)).mul(weightTensor(weight[k], y, dim));
            result = result == null ? term : result.add(term);
        }
        return result;
    }

    private static Tensor indexTensor(long[] index, Tensor like) {
        return Torch.tensor(index, index.length).to(like.device());
    }

    /** The weights as a tensor of {@code like}'s dtype and rank, laid along {@code dim}. */
    private static Tensor weightTensor(double[] weight, Tensor like, int dim) {
        long[] shape = new long[like.dim()];
        Arrays.fill(shape, 1);
        shape[dim] = weight.length;
        return Torch.tensor(weight, weight.length).to(like.dtype()).reshape(shape).to(like.device());
    }

    private static int[][] toInts(long[][] index) {
        int[][] r = new int[index.length][];
        for (int k = 0; k < index.length; k++) r[k] = Arrays.stream(index[k]).mapToInt(Math::toIntExact).toArray();
        return r;
    }

    /**
     * The backend's one-pass resampling as a function of its input: the backward is the adjoint, each
     * tap's weighted output gradient index-added back to the positions it read (composed from ops, so it
     * differentiates again under {@code create_graph}).
     */
    private static final class Resampled extends Function {
        private final Tensor out;
        private final long[] inputShape;
        private final int dim;
        private final long[][] index;
        private final double[][] weight;

        Resampled(Tensor out, long[] inputShape, int dim, long[][] index, double[][] weight) {
            this.out = out;
            this.inputShape = inputShape;
            this.dim = dim;
            this.index = index;
            this.weight = weight;
        }

        @Override
        protected Tensor[] forward(FunctionContext ctx, Tensor... in) {
            return new Tensor[] {out};
        }

        @Override
        protected Tensor[] backward(FunctionContext ctx, Tensor... grads) {
            Tensor gy = grads[0];
            Tensor gx = Torch.zeros(inputShape, gy.dtype(), gy.device());
            for (int k = 0; k < index.length; k++) {
                gx = gx.indexAdd(dim, indexTensor(index[k], gy), gy.mul(weightTensor(weight[k], gy, dim)));
            }
            return new Tensor[] {gx};
        }

        @Override
        protected String name() {
            return "UpsampleBackward0";
        }
    }

    /** PyTorch's nearest_idx (floor of dst * scale, with its exact shortcuts) and nearest_exact_idx (centres), in float. */
    private static long nearest(long j, long in, long out, Double scale, boolean exact) {
        if (!exact && out == in) return j;
        if (!exact && out == 2 * in) return j >> 1;
        float s = scale != null && scale > 0 ? (float) (1.0 / scale) : (float) in / out;
        double src = exact ? Math.floor((float) ((j + 0.5) * s)) : Math.floor((float) j * s);
        return Math.min((long) src, in - 1);
    }

    /** Source pixels per output pixel: corner to corner with alignCorners, else 1 / scale_factor when given, else in / out. */
    private static double sourceScale(Rounding r, long in, long out, boolean align, Double scale) {
        if (align) return out > 1 ? r.q((double) (in - 1) / (out - 1)) : 0;
        return scale != null && scale > 0 ? r.q(1.0 / scale) : r.q((double) in / out);
    }

    /** Keys' cubic convolution weights (A = -0.75) of the taps at -1, 0, 1, 2 for a fraction t. */
    private static double[] cubicWeights(Rounding r, double t) {
        double a = GridSample.CUBIC_A;
        double x1 = r.q(t + 1), x2 = r.q(1 - t), x3 = r.q(x2 + 1);
        return new double[] {
            r.q(r.q(r.q(r.q(r.q(r.q(a * x1) - r.q(5 * a)) * x1) + r.q(8 * a)) * x1) - r.q(4 * a)),
            r.q(r.q(r.q(r.q(r.q((a + 2) * t) - (a + 3)) * t) * t) + 1),
            r.q(r.q(r.q(r.q(r.q((a + 2) * x2) - (a + 3)) * x2) * x2) + 1),
            r.q(r.q(r.q(r.q(r.q(r.q(a * x3) - r.q(5 * a)) * x3) + r.q(8 * a)) * x3) - r.q(4 * a)),
        };
    }

    /** Rounds each intermediate to float for float32 (and half) input, as PyTorch's kernels compute in the input's type. */
    private record Rounding(boolean toFloat) {
        double q(double x) {
            return toFloat ? (float) x : x;
        }
    }
}
