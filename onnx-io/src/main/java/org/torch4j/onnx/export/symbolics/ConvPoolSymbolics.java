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
        t.put("aten::adaptive_max_pool2d", (c, g) -> adaptive(c, g, "MaxPool", "GlobalMaxPool"));
        t.put("aten::interpolate", ConvPoolSymbolics::interpolate);
    }

    private static void adaptive(Call c, GraphBuilder g, String pool, String global) {
        Tensor x = c.tensor(0);
        long[] out = c.longs(1);
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
        boolean nearest = mode.equals("nearest");
        // Resize below writes PyTorch's nearest (floor) and linear rules only; the recomputed scale factor places
        // samples by in / out, which the scales input cannot say
        if (!nearest && !mode.equals("linear") && !mode.equals("bilinear") && !mode.equals("trilinear")) {
            throw c.refuse("interpolate mode " + mode + " has no ONNX export in this exporter");
        }
        if (c.args().length > 5 && Boolean.TRUE.equals(c.args()[5]) && scale != null) {
            throw c.refuse("interpolate with recompute_scale_factor has no ONNX export in this exporter; give the output size instead");
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
        String r = nearest
                ? g.node("Resize", in, attr("mode", "nearest"), attr("coordinate_transformation_mode", "asymmetric"),
                        attr("nearest_mode", "floor"))
                : g.node("Resize", in, attr("mode", "linear"), attr("coordinate_transformation_mode",
                        corners != null && corners ? "align_corners" : size != null ? "pytorch_half_pixel" : "half_pixel"));
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
