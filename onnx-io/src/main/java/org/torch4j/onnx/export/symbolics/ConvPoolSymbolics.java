package org.torch4j.onnx.export.symbolics;

import static org.torch4j.onnx.export.GraphBuilder.attr;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.onnx.export.Call;
import org.torch4j.onnx.export.GraphBuilder;
import org.torch4j.onnx.export.SymbolicTable;

/**
 * Spatial ops on [N, C, spatial...]: convolutions and transposed convolutions, max/average pooling,
 * adaptive pooling (global pooling, or a plain pool when each input size is a multiple of the output
 * size; other sizes have no ONNX form and are refused) and interpolation (Resize).
 */
public final class ConvPoolSymbolics {
    private ConvPoolSymbolics() {}

    /** Registers the family. */
    public static void register(SymbolicTable t) {
        t.put("aten::_convolution", (c, g) -> {
            Tensor w = c.tensor(1), b = c.tensor(2);
            int d = w.dim() - 2;
            boolean transposed = c.bool(6);
            List<String> in = new ArrayList<>(List.of(batched(c, g, d), g.value(w)));
            if (b != null) in.add(g.value(b));
            long[] pad = expand(c.longs(4), d);
            String r = g.node(transposed ? "ConvTranspose" : "Conv", in, attr("strides", expand(c.longs(3), d)),
                    attr("pads", concat(pad, pad)), attr("dilations", expand(c.longs(5), d)), attr("group", c.lng(8)),
                    attr("kernel_shape", Arrays.copyOfRange(w.shape(), 2, 2 + d)),
                    transposed ? attr("output_padding", expand(c.longs(7), d)) : null);
            unbatched(c, g, d, r);
        });
        t.put("aten::max_pool", (c, g) -> {
            long[] k = c.longs(1);
            int d = k.length;
            long[] s = c.longs(2) == null || c.longs(2).length == 0 ? k : expand(c.longs(2), d), p = expand(c.longs(3), d);
            String r = g.node("MaxPool", List.of(batched(c, g, d)), attr("kernel_shape", k), attr("strides", s),
                    attr("pads", concat(p, p)), attr("dilations", expand(c.longs(4), d)), attr("ceil_mode", c.bool(5) ? 1 : 0));
            unbatched(c, g, d, r);
        });
        t.put("aten::avg_pool", (c, g) -> {
            if (c.args()[6] != null) throw c.refuse("divisor_override has no ONNX AveragePool form");
            long[] k = c.longs(1);
            int d = k.length;
            long[] s = c.longs(2) == null || c.longs(2).length == 0 ? k : expand(c.longs(2), d), p = expand(c.longs(3), d);
            String r = g.node("AveragePool", List.of(batched(c, g, d)), attr("kernel_shape", k), attr("strides", s),
                    attr("pads", concat(p, p)), attr("ceil_mode", c.bool(4) ? 1 : 0), attr("count_include_pad", c.bool(5) ? 1 : 0));
            unbatched(c, g, d, r);
        });
        t.put("aten::adaptive_avg_pool", (c, g) -> adaptive(c, g, "AveragePool", "GlobalAveragePool"));
        for (int d = 1; d <= 3; d++) t.put("aten::adaptive_max_pool" + d + "d", (c, g) -> adaptive(c, g, "MaxPool", "GlobalMaxPool"));
        t.put("aten::interpolate", ConvPoolSymbolics::interpolate);
        t.put("aten::im2col", ConvPoolSymbolics::im2col);
        t.put("aten::col2im", ConvPoolSymbolics::col2im);
        t.put("aten::max_unpool", ConvPoolSymbolics::maxUnpool);
        t.put("aten::grid_sampler", ConvPoolSymbolics::gridSample);
        t.put("aten::affine_grid_generator", ConvPoolSymbolics::affineGrid);
    }

    /** F.grid_sample of 4-d input: ONNX GridSample (opset 16), whose modes, paddings and corner rule are PyTorch's. */
    private static void gridSample(Call c, GraphBuilder g) {
        Tensor x = c.tensor(0), grid = c.tensor(1);
        if (x.dim() != 4) throw c.refuse("grid_sample of " + x.dim() + "-d input has no ONNX GridSample before opset 20; only 4-d input exports");
        if (g.opset() < 16) throw c.refuse("grid_sample needs ONNX GridSample (opset 16 or later)");
        String r = g.node("GridSample", List.of(g.value(x), g.value(grid, x.dtype())), attr("mode", c.str(2)),
                attr("padding_mode", c.str(3)), attr("align_corners", c.bool(4) ? 1 : 0));
        g.result(c.out(), r, g.dyn(x));
    }

    /**
     * F.affine_grid: the normalised pixel positions (x, y[, z], 1) of the output, a constant of the traced size,
     * times theta transposed: [1, H W, 3] x [N, 3, 2] -> [N, H, W, 2] (and the 3-d analogue).
     */
    private static void affineGrid(Call c, GraphBuilder g) {
        Tensor theta = c.tensor(0);
        long[] size = c.longs(1);
        boolean corners = c.bool(2);
        int d = size.length - 2;
        long points = 1;
        for (int i = 0; i < d; i++) points *= size[2 + i];
        double[] base = new double[Math.toIntExact(points * (d + 1))];
        for (long p = 0; p < points; p++) {
            long rest = p;
            // coordinate k of (x, y, z) runs along spatial dim d - 1 - k (x along the last)
            for (int k = d - 1; k >= 0; k--) {
                long n = size[2 + k], i = rest % n;
                rest /= n;
                double pos = n == 1 ? 0 : -1 + 2.0 * i / (n - 1);
                base[Math.toIntExact(p * (d + 1) + (d - 1 - k))] = corners ? pos : pos * (n - 1) / n;
            }
            base[Math.toIntExact(p * (d + 1) + d)] = 1;
        }
        String grid = g.constant(Torch.tensor(base, 1, points, d + 1).to(theta.dtype()));
        String r = g.node("MatMul", List.of(grid, g.node("Transpose", List.of(g.value(theta)), attr("perm", new long[] {0, 2, 1}))));
        long[] shape = new long[d + 2];
        shape[0] = -1;
        for (int i = 0; i < d; i++) shape[1 + i] = size[2 + i];
        shape[d + 1] = d;
        g.result(c.out(), g.node("Reshape", List.of(r, g.longs(shape))), g.dyn(theta));
    }

    /**
     * Max unpooling as PyTorch's indices mean it (flat within each [N, C] plane, not across the tensor as
     * ONNX MaxUnpool's): ScatterElements of the values into zeros of [N, C, plane] along the plane.
     */
    private static void maxUnpool(Call c, GraphBuilder g) {
        Tensor x = c.tensor(0);
        long[] out = c.longs(2);
        int d = out.length;
        long plane = 1;
        for (long o : out) plane *= o;
        String xv = batched(c, g, d);
        Tensor ixTensor = c.tensor(1);
        String ix = g.value(ixTensor);
        if (ixTensor.dim() == d + 1) ix = g.node("Unsqueeze", List.of(ix, g.longs(0)));
        String nc = g.node("Slice", List.of(g.node("Shape", List.of(xv)), g.longs(0), g.longs(2)));
        String zeros = g.node("Expand", List.of(g.scalar(0, x.dtype().isFloatingPoint() ? x.dtype() : DType.FLOAT32),
                g.node("Concat", List.of(nc, g.longs(plane)), attr("axis", 0))));
        String flat = g.node("ScatterElements", List.of(zeros, g.node("Reshape", List.of(ix, g.longs(0, 0, -1))),
                g.node("Reshape", List.of(xv, g.longs(0, 0, -1)))), attr("axis", 2));
        long[] shape = new long[d + 2];
        System.arraycopy(out, 0, shape, 2, d);
        unbatched(c, g, d, g.node("Reshape", List.of(flat, g.longs(shape))));
    }

    /** Output positions of a window sweep: PyTorch's (in + 2 pad - dilation (k - 1) - 1) / stride + 1. */
    private static long positions(long in, long k, long dilation, long pad, long stride) {
        return (in + 2 * pad - dilation * (k - 1) - 1) / stride + 1;
    }

    /**
     * F.unfold: the zero-padded input, one strided Slice per kernel offset (exact: no arithmetic), stacked
     * after the channels as PyTorch orders the columns (channel, kernel row, kernel column).
     */
    private static void im2col(Call c, GraphBuilder g) {
        Tensor x = c.tensor(0);
        long[] k = c.longs(1), dil = c.longs(2), pad = c.longs(3), str = c.longs(4);
        long channels = x.size(x.dim() - 3), oh = positions(x.size(-2), k[0], dil[0], pad[0], str[0]),
                ow = positions(x.size(-1), k[1], dil[1], pad[1], str[1]);
        String xp = batched(c, g, 2);
        if (pad[0] != 0 || pad[1] != 0) {
            xp = g.node("Pad", List.of(xp, g.longs(0, 0, pad[0], pad[1], 0, 0, pad[0], pad[1]), g.scalar(0, x.dtype())),
                    attr("mode", "constant"));
        }
        List<String> blocks = new ArrayList<>();
        for (long i = 0; i < k[0]; i++) {
            for (long j = 0; j < k[1]; j++) {
                long r0 = i * dil[0], c0 = j * dil[1];
                String s = g.node("Slice", List.of(xp, g.longs(r0, c0), g.longs(r0 + str[0] * (oh - 1) + 1, c0 + str[1] * (ow - 1) + 1),
                        g.longs(2, 3), g.longs(str[0], str[1])));
                blocks.add(g.node("Unsqueeze", List.of(s, g.longs(2))));
            }
        }
        String stacked = g.node("Concat", blocks, attr("axis", 2));
        unbatched(c, g, 2, g.node("Reshape", List.of(stacked, g.longs(0, channels * k[0] * k[1], oh * ow))));
    }

    /**
     * F.fold: each kernel offset's block of columns spread out by the stride (zeros interleaved through a
     * Pad of unit axes), padded into place on the padded canvas and added; then the padding is cropped.
     * Only additions of zeros besides the sums themselves, so non-finite values pass as in PyTorch.
     */
    private static void col2im(Call c, GraphBuilder g) {
        Tensor x = c.tensor(0);
        long[] out = c.longs(1), k = c.longs(2), dil = c.longs(3), pad = c.longs(4), str = c.longs(5);
        long kk = k[0] * k[1], channels = x.size(-2) / kk;
        long hp = out[0] + 2 * pad[0], wp = out[1] + 2 * pad[1];
        long oh = positions(out[0], k[0], dil[0], pad[0], str[0]), ow = positions(out[1], k[1], dil[1], pad[1], str[1]);
        long spanH = str[0] * (oh - 1) + 1, spanW = str[1] * (ow - 1) + 1;
        String cols = g.node("Reshape", List.of(batched(c, g, 1), g.longs(0, channels, kk, oh, ow)));
        String sum = null;
        for (long i = 0; i < k[0]; i++) {
            for (long j = 0; j < k[1]; j++) {
                long idx = i * k[1] + j;
                String b = g.node("Squeeze", List.of(g.node("Slice", List.of(cols, g.longs(idx), g.longs(idx + 1), g.longs(2))), g.longs(2)));
                if (str[0] != 1 || str[1] != 1) {
                    // [N, C, oh, 1, ow, 1] padded to [N, C, oh, sh, ow, sw]: each value followed by stride - 1 zeros
                    String unit = g.node("Unsqueeze", List.of(b, g.longs(3, 5)));
                    String spread = g.node("Pad", List.of(unit, g.longs(0, 0, 0, 0, 0, 0, 0, 0, 0, str[0] - 1, 0, str[1] - 1),
                            g.scalar(0, x.dtype())), attr("mode", "constant"));
                    b = g.node("Slice", List.of(g.node("Reshape", List.of(spread, g.longs(0, channels, oh * str[0], ow * str[1]))),
                            g.longs(0, 0), g.longs(spanH, spanW), g.longs(2, 3)));
                }
                long top = i * dil[0], left = j * dil[1];
                String placed = g.node("Pad", List.of(b, g.longs(0, 0, top, left, 0, 0, hp - top - spanH, wp - left - spanW),
                        g.scalar(0, x.dtype())), attr("mode", "constant"));
                sum = sum == null ? placed : g.node("Add", List.of(sum, placed));
            }
        }
        if (pad[0] != 0 || pad[1] != 0) {
            sum = g.node("Slice", List.of(sum, g.longs(pad[0], pad[1]), g.longs(pad[0] + out[0], pad[1] + out[1]), g.longs(2, 3)));
        }
        unbatched(c, g, 1, sum);
    }

    private static void adaptive(Call c, GraphBuilder g, String pool, String global) {
        adaptivePool(c, g, c.tensor(0), c.longs(1), pool, global);
    }

    /** Adaptive pooling of x to {@code out} as a plain (or global) pool: only when each size divides evenly. */
    private static void adaptivePool(Call c, GraphBuilder g, Tensor x, long[] out, String pool, String global) {
        int d = out.length;
        long[] k = new long[d];
        boolean ones = true;
        for (int i = 0; i < d; i++) {
            long in = x.size(x.dim() - d + i), o = out[i] < 0 ? in : out[i];
            if (in % o != 0) {
                throw c.refuse("adaptive pooling from size " + in + " to " + o + " has uneven windows; ONNX can express it only "
                        + "when the input size is a multiple of the output size");
            }
            k[i] = in / o;
            ones &= o == 1;
        }
        String xin = batched(c, g, d);
        String r = ones ? g.node(global, List.of(xin)) : g.node(pool, List.of(xin), attr("kernel_shape", k), attr("strides", k));
        unbatched(c, g, d, r);
    }

    private static void interpolate(Call c, GraphBuilder g) {
        Tensor x = c.tensor(0);
        long[] size = c.longs(1);
        double[] scale = c.doubles(2);
        String mode = c.str(3);
        Boolean corners = (Boolean) c.args()[4];
        int d = x.dim() - 2;
        if (mode.equals("area")) {
            // area is adaptive average pooling to the output size
            long[] out = java.util.Arrays.copyOfRange(c.out().shape(), 2, 2 + d);
            adaptivePool(c, g, x, out, "AveragePool", "GlobalAveragePool");
            return;
        }
        if (c.args().length > 5 && Boolean.TRUE.equals(c.args()[5]) && scale != null) {
            // the recomputed scale factor places samples by in / out: the output size says exactly that
            size = java.util.Arrays.copyOfRange(c.out().shape(), 2, 2 + d);
            scale = null;
        }
        String xv = g.value(x);
        String scales = "", sizes = "";
        if (size != null) {
            long[] spatial = new long[d];
            for (int i = 0; i < d; i++) spatial[i] = size.length == 1 ? size[0] : size[i];
            // [N, C] from the input's shape (N may be dynamic), then the fixed spatial sizes
            String nc = g.node("Slice", List.of(g.node("Shape", List.of(xv)), g.longs(0), g.longs(2)));
            sizes = g.node("Concat", List.of(nc, g.longs(spatial)), attr("axis", 0));
        } else {
            float[] s = new float[d + 2];
            s[0] = s[1] = 1;
            for (int i = 0; i < d; i++) s[2 + i] = (float) (scale.length == 1 ? scale[0] : scale[i]);
            scales = g.constant(Torch.tensor(s, s.length));
        }
        if (!scales.isEmpty()) {
            // scales must be exact for the output size to match floor(in * scale)
            for (int i = 0; i < d; i++) {
                double s = scale.length == 1 ? scale[0] : scale[i];
                if ((float) s != s) throw c.refuse("scale_factor " + s + " is not exact in float32; give the output size instead");
            }
        }
        List<String> in = new ArrayList<>(List.of(xv, "", scales));
        if (!sizes.isEmpty()) in.add(sizes);
        String centred = corners != null && corners ? "align_corners" : size != null ? "pytorch_half_pixel" : "half_pixel";
        String r = switch (mode) {
            // PyTorch's legacy nearest: floor(dst * in / out)
            case "nearest" -> g.node("Resize", in, attr("mode", "nearest"), attr("coordinate_transformation_mode", "asymmetric"),
                    attr("nearest_mode", "floor"));
            // floor((dst + 0.5) in / out) = round half up of ONNX's half-pixel source coordinate
            case "nearest-exact" -> g.node("Resize", in, attr("mode", "nearest"), attr("coordinate_transformation_mode", "half_pixel"),
                    attr("nearest_mode", "round_prefer_ceil"));
            // Keys' kernel with A = -0.75, taps clamped to the edge (exclude_outside 0), as PyTorch's
            case "bicubic" -> g.node("Resize", in, attr("mode", "cubic"), attr("cubic_coeff_a", -0.75), attr("exclude_outside", 0),
                    attr("coordinate_transformation_mode", centred));
            default -> g.node("Resize", in, attr("mode", "linear"), attr("coordinate_transformation_mode", centred));
        };
        g.result(c.out(), r, g.dyn(x));
    }

    /** The input, given a batch dim of 1 when it is unbatched. */
    private static String batched(Call c, GraphBuilder g, int spatial) {
        Tensor x = c.tensor(0);
        String v = g.value(x, x.dtype().isFloatingPoint() ? x.dtype() : DType.FLOAT32);
        return x.dim() == spatial + 1 ? g.node("Unsqueeze", List.of(v, g.longs(0))) : v;
    }

    private static void unbatched(Call c, GraphBuilder g, int spatial, String r) {
        Tensor x = c.tensor(0);
        boolean un = x.dim() == spatial + 1;
        g.result(c.out(), un ? g.node("Squeeze", List.of(r, g.longs(0))) : r, un ? null : g.dyn(x));
    }

    static long[] expand(long[] v, int d) {
        if (v == null) return null;
        if (v.length == d) return v;
        long[] r = new long[d];
        Arrays.fill(r, v[0]);
        return r;
    }

    static long[] concat(long[] a, long[] b) {
        long[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
