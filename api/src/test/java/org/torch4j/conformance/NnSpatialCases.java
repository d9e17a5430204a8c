package org.torch4j.conformance;

import static org.torch4j.conformance.NnCases.b;
import static org.torch4j.conformance.NnCases.l;
import static org.torch4j.conformance.NnCases.ls;
import static org.torch4j.conformance.NnCases.s;

import java.util.List;
import java.util.Map;
import org.torch4j.Tensor;
import org.torch4j.nn.AdaptiveMaxPool3d;
import org.torch4j.nn.ConvTranspose3d;
import org.torch4j.nn.F;
import org.torch4j.nn.Identity;
import org.torch4j.nn.MaxUnpool3d;
import org.torch4j.nn.ReflectionPad3d;
import org.torch4j.nn.Upsample;
import org.torch4j.nn.UpsamplingBilinear2d;
import org.torch4j.nn.UpsamplingNearest2d;

/**
 * The kinds of {@code spatial_layers.json} (see {@code tools/gen_nn_spatial_reference.py}): the
 * spatial functions and modules, built as {@link NnCases} builds the others.
 */
final class NnSpatialCases {
    private NnSpatialCases() {}

    static NnCases.Built build(String kind, Map<String, Object> a) {
        return switch (kind) {
            case "F.grid_sample" -> new NnCases.Built(new Identity(), (m, in) -> List.of(a.isEmpty()
                    ? F.gridSample(in.get(0), in.get(1))
                    : F.gridSample(in.get(0), in.get(1), s(a, "mode"), s(a, "padding_mode"), b(a, "align_corners"))));
            case "F.affine_grid" -> NnCases.fn(t -> F.affineGrid(t, ls(a, "size"), b(a, "align_corners")));
            case "F.affine_grid_sample" -> new NnCases.Built(new Identity(), (m, in) -> {
                Tensor x = in.get(0);
                Tensor grid = F.affineGrid(in.get(1), new long[] {x.size(0), x.size(1), 5, 4}, b(a, "align_corners"));
                return List.of(F.gridSample(x, grid, "bilinear", "zeros", b(a, "align_corners")));
            });
            case "F.interpolate" -> NnCases.fn(x -> F.interpolate(x, ls(a, "size"), NnCases.ds(a, "scale_factor"), s(a, "mode"),
                    (Boolean) a.get("align_corners"), (Boolean) a.get("recompute_scale_factor")));
            case "UpsamplingNearest2d" -> new NnCases.Built(new UpsamplingNearest2d(ls(a, "size"), NnCases.ds(a, "scale_factor")),
                    NnCases.single());
            case "UpsamplingBilinear2d" -> new NnCases.Built(new UpsamplingBilinear2d(ls(a, "size"), NnCases.ds(a, "scale_factor")),
                    NnCases.single());
            case "Upsample" -> new NnCases.Built(new Upsample(ls(a, "size"), NnCases.ds(a, "scale_factor"), s(a, "mode"),
                    (Boolean) a.get("align_corners"), (Boolean) a.get("recompute_scale_factor")), NnCases.single());
            case "ConvTranspose3d" -> new NnCases.Built(new ConvTranspose3d(l(a, "in"), l(a, "out"), ls(a, "kernel"), ls(a, "stride"),
                    ls(a, "padding"), ls(a, "output_padding"), l(a, "groups"), b(a, "bias"), ls(a, "dilation")), NnCases.single());
            case "F.conv_transpose3d" -> new NnCases.Built(new Identity(), (m, in) -> List.of(F.convTranspose3d(in.get(0), in.get(1),
                    in.get(2), ls(a, "stride"), ls(a, "padding"), ls(a, "output_padding"), l(a, "groups"), ls(a, "dilation"))));
            case "AdaptiveMaxPool3d" -> new NnCases.Built(new AdaptiveMaxPool3d(ls(a, "out")), NnCases.single());
            case "F.adaptive_max_pool3d_with_indices" -> new NnCases.Built(new Identity(), (m, in) -> {
                var r = F.adaptiveMaxPool3dWithIndices(in.get(0), ls(a, "out"));
                return List.of(r.values(), r.indices());
            });
            case "MaxUnpool3d" -> new NnCases.Built(new MaxUnpool3d(ls(a, "kernel"), ls(a, "stride"), ls(a, "padding")),
                    (m, in) -> List.of(((MaxUnpool3d) m).call(in.get(0), in.get(1))));
            case "F.max_unpool3d" -> new NnCases.Built(new Identity(), (m, in) -> List.of(F.maxUnpool3d(in.get(0), in.get(1),
                    ls(a, "kernel"), ls(a, "stride"), ls(a, "padding"), ls(a, "output_size"))));
            case "ReflectionPad3d" -> new NnCases.Built(new ReflectionPad3d(ls(a, "padding")), NnCases.single());
            default -> throw new IllegalArgumentException("unknown case kind " + kind);
        };
    }
}
