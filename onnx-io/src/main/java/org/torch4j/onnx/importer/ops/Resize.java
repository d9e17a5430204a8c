package org.torch4j.onnx.importer.ops;

import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.onnx.importer.OpCall;
import org.torch4j.onnx.importer.OpRegistry;

/**
 * Resize and Upsample. Interpolation is separable: each resized axis gets an (out x in) matrix of
 * weights (nearest, linear or cubic, after ONNX's coordinate transformations), applied with a
 * matmul, from the last axis to the first as ONNX's reference does. Nearest mode gathers instead.
 */
public final class Resize {
    private Resize() {}

    public static void register(OpRegistry.Builder r) {
        r.single("Resize", Resize::resize);
        r.single("Upsample", c -> {
            Tensor x = c.in(0);
            double[] scales = c.opset() >= 9 ? c.in(1).to(DType.FLOAT64).toDoubleArray() : c.floats("scales");
            String mode = c.s("mode", "nearest");
            return apply(x, scales, null, new Params(mode.equals("bilinear") ? "linear" : mode, "asymmetric", "simple", -0.75, false, 0, null));
        });
    }

    /** How coordinates map and values mix. */
    record Params(String mode, String transform, String nearest, double cubicA, boolean excludeOutside, double extrapolation,
                  double[] roi) {}

    private static Tensor resize(OpCall c) {
        Tensor x = c.in(0);
        int rank = x.dim();
        if (c.opset() < 11) {
            return apply(x, c.in(1).to(DType.FLOAT64).toDoubleArray(), null,
                    new Params(c.s("mode", "nearest"), "asymmetric", "simple", -0.75, false, 0, null));
        }
        if (c.i("antialias", 0) != 0) throw c.unsupported("antialias");
        int[] axes = c.hasAttr("axes") ? Util.axes(c.ints("axes"), rank) : Util.allAxes(rank);
        double[] roiGiven = c.has(1) && c.in(1).numel() > 0 ? c.in(1).to(DType.FLOAT64).toDoubleArray() : null;
        double[] scalesGiven = c.has(2) && c.in(2).numel() > 0 ? c.in(2).to(DType.FLOAT64).toDoubleArray() : null;
        long[] sizesGiven = c.has(3) && c.in(3).numel() > 0 ? c.in(3).toLongArray() : null;
        double[] scales = new double[rank];
        java.util.Arrays.fill(scales, 1.0);
        long[] sizes = null;
        double[] roi = null;
        if (roiGiven != null) {
            roi = new double[2 * rank];
            for (int d = 0; d < rank; d++) {
                roi[d] = 0;
                roi[rank + d] = 1;
            }
            for (int i = 0; i < axes.length; i++) {
                roi[axes[i]] = roiGiven[i];
                roi[rank + axes[i]] = roiGiven[axes.length + i];
            }
        }
        if (sizesGiven != null) {
            sizes = x.shape();
            String policy = c.s("keep_aspect_ratio_policy", "stretch");
            double keep = policy.equals("not_larger") ? Double.MAX_VALUE : -Double.MAX_VALUE;
            for (int i = 0; i < axes.length; i++) {
                double s = (double) sizesGiven[i] / x.size(axes[i]);
                keep = policy.equals("not_larger") ? Math.min(keep, s) : Math.max(keep, s);
            }
            for (int i = 0; i < axes.length; i++) {
                int d = axes[i];
                if (policy.equals("stretch")) {
                    sizes[d] = sizesGiven[i];
                    scales[d] = (double) sizesGiven[i] / x.size(d);
                } else {
                    sizes[d] = Math.round(x.size(d) * keep);
                    scales[d] = keep;
                }
            }
        } else if (scalesGiven != null) {
            for (int i = 0; i < axes.length; i++) scales[axes[i]] = scalesGiven[i];
        } else {
            throw new IllegalArgumentException("Resize needs scales or sizes");
        }
        Params p = new Params(c.s("mode", "nearest"), c.s("coordinate_transformation_mode", "half_pixel"),
                c.s("nearest_mode", "round_prefer_floor"), c.f("cubic_coeff_a", -0.75), c.i("exclude_outside", 0) != 0,
                c.f("extrapolation_value", 0), roi);
        return apply(x, scales, sizes, p);
    }

    private static Tensor apply(Tensor x, double[] scales, long[] sizes, Params p) {
        DType dtype = x.dtype();
        boolean nearest = p.mode().equals("nearest");
        Tensor y = nearest || dtype == DType.FLOAT32 || dtype == DType.FLOAT64 ? x : x.to(DType.FLOAT32);
        for (int d = x.dim() - 1; d >= 0; d--) {
            long in = x.size(d);
            long out = sizes != null ? sizes[d] : (long) Math.floor(in * scales[d]);
            boolean crop = p.transform().equals("tf_crop_and_resize");
            if (out == in && scales[d] == 1.0 && !crop) continue;
            Axis a = Axis.of(in, out, scales[d], d, x.dim(), p);
            if (nearest) {
                y = y.indexSelect(d, Util.longs(a.nearestIndex, x));
            } else {
                Tensor w = Torch.tensor(a.weights, out, in).to(y.dtype()).to(x.device());
                y = y.movedim(d, -1).matmul(w.t()).movedim(-1, d);
            }
            if (a.outside != null) {
                long[] shape = Util.fill(x.dim(), 1);
                shape[d] = out;
                Tensor mask = Torch.tensor(a.outside, (int) out).reshape(shape).to(x.device());
                y = Torch.where(mask, Util.scalar(p.extrapolation(), y), y);
            }
        }
        return y == x ? x.clone() : Util.cast(y, dtype);
    }

    /** One axis: for each output position its source index (nearest) or weights over the input. */
    private static final class Axis {
        double[] weights;
        long[] nearestIndex;
        boolean[] outside;

        static Axis of(long in, long out, double scale, int dim, int rank, Params p) {
            Axis a = new Axis();
            boolean nearest = p.mode().equals("nearest");
            if (nearest) a.nearestIndex = new long[(int) out];
            else a.weights = new double[(int) (out * in)];
            double outWidth = scale * in;
            for (int o = 0; o < out; o++) {
                double xo = original(o, scale, in, outWidth, dim, rank, p);
                if (p.transform().equals("tf_crop_and_resize") && (xo < 0 || xo > in - 1)) {
                    if (a.outside == null) a.outside = new boolean[(int) out];
                    a.outside[o] = true;
                    if (nearest) a.nearestIndex[o] = 0;
                    continue;
                }
                // ONNX's reference: the left neighbour is floor(x), or x-1 with ratio 1 when x is whole
                long x0 = (long) Math.floor(xo);
                double ratio = xo - x0;
                if (ratio == 0) {
                    x0 -= 1;
                    ratio = 1;
                }
                if (nearest) {
                    boolean up = switch (p.nearest()) {
                        case "round_prefer_floor" -> ratio > 0.5;
                        case "round_prefer_ceil" -> ratio >= 0.5;
                        case "floor" -> ratio == 1;
                        case "ceil" -> true;
                        case "simple" -> scale < 1 || ratio == 1; // Upsample and Resize-10
                        default -> throw new IllegalArgumentException("unknown nearest_mode '" + p.nearest() + "'");
                    };
                    a.nearestIndex[o] = clamp(up ? x0 + 1 : x0, in);
                } else if (p.mode().equals("linear")) {
                    add(a.weights, o, in, x0, 1 - ratio);
                    add(a.weights, o, in, x0 + 1, ratio);
                } else if (p.mode().equals("cubic")) {
                    double[] k = cubic(ratio, p.cubicA());
                    double total = 0;
                    for (int j = 0; j < 4; j++) {
                        long idx = x0 - 1 + j;
                        if (p.excludeOutside() && (idx < 0 || idx >= in)) k[j] = 0;
                        total += k[j];
                    }
                    for (int j = 0; j < 4; j++) add(a.weights, o, in, x0 - 1 + j, p.excludeOutside() ? k[j] / total : k[j]);
                } else {
                    throw new IllegalArgumentException("unknown Resize mode '" + p.mode() + "'");
                }
            }
            return a;
        }

        private static long clamp(long i, long n) {
            return Math.max(0, Math.min(n - 1, i));
        }

        private static void add(double[] w, int o, long in, long idx, double v) {
            w[(int) (o * in + clamp(idx, in))] += v;
        }

        private static double[] cubic(double x, double a) {
            double y = 1 - x;
            return new double[] {
                ((a * (x + 1) - 5 * a) * (x + 1) + 8 * a) * (x + 1) - 4 * a,
                ((a + 2) * x - (a + 3)) * x * x + 1,
                ((a + 2) * y - (a + 3)) * y * y + 1,
                ((a * (y + 1) - 5 * a) * (y + 1) + 8 * a) * (y + 1) - 4 * a};
        }

        /** ONNX's coordinate_transformation_mode: output position to input coordinate. */
        private static double original(long x, double scale, long in, double outWidth, int dim, int rank, Params p) {
            return switch (p.transform()) {
                case "half_pixel" -> (x + 0.5) / scale - 0.5;
                case "pytorch_half_pixel" -> outWidth > 1 ? (x + 0.5) / scale - 0.5 : -0.5;
                case "align_corners" -> outWidth == 1 ? 0 : x * (in - 1) / (outWidth - 1);
                case "asymmetric" -> x / scale;
                case "tf_half_pixel_for_nn" -> (x + 0.5) / scale;
                case "tf_crop_and_resize" -> {
                    double start = p.roi()[dim], end = p.roi()[rank + dim];
                    yield outWidth > 1 ? start * (in - 1) + x * (end - start) * (in - 1) / (outWidth - 1)
                            : 0.5 * (start + end) * (in - 1);
                }
                default -> throw new IllegalArgumentException("unknown coordinate_transformation_mode '" + p.transform() + "'");
            };
        }
    }
}
