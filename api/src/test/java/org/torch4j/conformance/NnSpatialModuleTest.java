package org.torch4j.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.Executable;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.AdaptiveMaxPool3d;
import org.torch4j.nn.ConvTranspose3d;
import org.torch4j.nn.F;
import org.torch4j.nn.MaxUnpool3d;
import org.torch4j.nn.ReflectionPad3d;
import org.torch4j.nn.Module;
import org.torch4j.nn.Upsample;
import org.torch4j.nn.UpsamplingBilinear2d;
import org.torch4j.nn.UpsamplingNearest2d;

/**
 * The reprs and state_dict keys of the spatial modules' other constructor forms, and PyTorch's error
 * (type and wording) for the bad inputs of the spatial functions and modules
 * ({@code reference/nn/spatial_modules.json}, written by {@code tools/gen_nn_spatial_reference.py}).
 */
class NnSpatialModuleTest {

    private static Module module(String key) {
        return switch (key) {
            case "conv_transpose3d_default" -> new ConvTranspose3d(2, 3, 2, 1);
            case "adaptive_max_pool3d_none" -> new AdaptiveMaxPool3d(2, -1, 3);
            case "max_unpool3d_rect" -> new MaxUnpool3d(new long[] {2, 1, 3}, new long[] {1}, new long[] {0, 0, 1});
            case "max_unpool3d_int" -> new MaxUnpool3d(2);
            case "reflection_pad3d_int" -> new ReflectionPad3d(2);
            case "upsampling_nearest2d_tuple" -> new UpsamplingNearest2d(null, new double[] {2, 3});
            case "upsampling_bilinear2d_size" -> new UpsamplingBilinear2d(new long[] {3, 4}, null);
            case "upsample_recompute" -> new Upsample(null, new double[] {2.5}, "bilinear", null, true);
            default -> throw new IllegalArgumentException("unknown module " + key);
        };
    }

    private static Tensor z(long... shape) {
        return Torch.zeros(shape);
    }

    private static Tensor z64(long... shape) {
        return Torch.zeros(shape, DType.FLOAT64);
    }

    private static Executable error(String key) {
        return switch (key) {
            case "grid_sample_mode" -> () -> F.gridSample(z(1, 1, 3, 3), z(1, 2, 2, 2), "foo", "zeros", false);
            case "grid_sample_padding" -> () -> F.gridSample(z(1, 1, 3, 3), z(1, 2, 2, 2), "bilinear", "foo", false);
            case "grid_sample_dtype" -> () -> F.gridSample(z(1, 1, 3, 3), z64(1, 2, 2, 2));
            case "grid_sample_batch" -> () -> F.gridSample(z(1, 1, 3, 3), z(2, 2, 2, 2));
            case "grid_sample_last_dim" -> () -> F.gridSample(z(1, 1, 3, 3), z(1, 2, 2, 3));
            case "grid_sample_grid_rank" -> () -> F.gridSample(z(1, 1, 3, 3), z(1, 2, 2));
            case "grid_sample_3d_input" -> () -> F.gridSample(z(1, 1, 3), z(1, 2, 1));
            case "grid_sample_6d_input" -> () -> F.gridSample(z(1, 1, 3, 3, 3, 3), z(1, 2, 2, 2, 2, 4));
            case "grid_sample_5d_last_dim" -> () -> F.gridSample(z(1, 1, 3, 3, 3), z(1, 2, 2, 2));
            case "grid_sample_bicubic_5d" -> () -> F.gridSample(z(1, 1, 3, 3, 3), z(1, 2, 2, 2, 3), "bicubic", "zeros", false);
            case "grid_sample_empty" -> () -> F.gridSample(z(1, 1, 0, 3), z(1, 2, 2, 2));
            case "grid_sample_long" -> () -> F.gridSample(z(1, 1, 3, 3).toLong(), z(1, 2, 2, 2).toLong());
            case "affine_grid_3d_theta" -> () -> F.affineGrid(z(1, 2, 3), 1, 1, 3, 3, 3);
            case "affine_grid_2d_theta" -> () -> F.affineGrid(z(1, 3, 4), 1, 1, 3, 3);
            case "affine_grid_theta_rank" -> () -> F.affineGrid(z(2, 3), 1, 1, 3, 3);
            case "affine_grid_size" -> () -> F.affineGrid(z(1, 2, 3), 1, 1, 3);
            case "affine_grid_long" -> () -> F.affineGrid(z(1, 2, 3).toLong(), 1, 1, 3, 3);
            case "affine_grid_batch" -> () -> F.affineGrid(z(1, 2, 3), 2, 1, 3, 3);
            case "affine_grid_batch_3d" -> () -> F.affineGrid(z(3, 3, 4), 2, 1, 3, 3, 2);
            case "affine_grid_empty" -> () -> F.affineGrid(z(1, 2, 3), 1, 1, 0, 3);
            case "adaptive_max_pool3d_rank" -> () -> F.adaptiveMaxPool3d(z(2, 3, 4), 2);
            case "adaptive_max_pool3d_rank_6d" -> () -> F.adaptiveMaxPool3d(z(2, 3, 4, 4, 4, 4), 2);
            case "adaptive_max_pool3d_empty" -> () -> F.adaptiveMaxPool3d(z(1, 2, 0, 3, 3), 2);
            case "adaptive_max_pool3d_long" -> () -> F.adaptiveMaxPool3d(z(1, 2, 3, 3, 3).toLong(), 2);
            case "max_unpool3d_index" -> () -> F.maxUnpool3d(z(1, 1, 2, 2, 2), Torch.full(new long[] {1, 1, 2, 2, 2}, 70L, DType.INT64,
                    org.torch4j.Device.CPU), new long[] {2}, null, new long[] {0}, null);
            case "max_unpool3d_dtype" -> () -> F.maxUnpool3d(z(1, 1, 2, 2, 2), z(1, 1, 2, 2, 2), new long[] {2}, null, new long[] {0},
                    null);
            case "max_unpool3d_shape" -> () -> F.maxUnpool3d(z(1, 1, 2, 2, 2), z(1, 1, 2, 2, 3).toLong(), new long[] {2}, null,
                    new long[] {0}, null);
            case "max_unpool3d_output_size_length" -> () -> F.maxUnpool3d(z(1, 1, 2, 2, 2), z(1, 1, 2, 2, 2).toLong(), new long[] {2},
                    null, new long[] {0}, new long[] {3, 3});
            case "max_unpool3d_output_size_range" -> () -> F.maxUnpool3d(z(1, 1, 2, 2, 2), z(1, 1, 2, 2, 2).toLong(), new long[] {2},
                    null, new long[] {0}, new long[] {9, 9, 9});
            case "max_unpool3d_rank" -> () -> F.maxUnpool3d(z(1, 2, 2), z(1, 2, 2).toLong(), new long[] {2}, null, new long[] {0}, null);
            case "reflection_pad3d_rank" -> () -> new ReflectionPad3d(1).call(z(2, 2));
            case "reflection_pad3d_too_wide" -> () -> new ReflectionPad3d(2).call(z(1, 1, 2, 2, 2));
            case "conv_transpose3d_channels" -> () -> F.convTranspose3d(z(1, 2, 3, 3, 3), z(3, 2, 2, 2, 2), null, new long[] {1},
                    new long[] {0}, new long[] {0}, 1, new long[] {1});
            case "interpolate_both" -> () -> F.interpolate(z(1, 1, 4), new long[] {3}, new double[] {2}, "nearest", null, null);
            case "interpolate_neither" -> () -> F.interpolate(z(1, 1, 4), null, null, "nearest", null, null);
            case "interpolate_size_dims" -> () -> F.interpolate(z(1, 1, 4), new long[] {3, 3}, "nearest");
            case "interpolate_scale_dims" -> () -> F.interpolate(z(1, 1, 4), null, new double[] {2, 2.5}, "nearest", null, null);
            case "interpolate_recompute_size" -> () -> F.interpolate(z(1, 1, 4), new long[] {3}, null, "nearest", null, true);
            case "interpolate_nearest_align" -> () -> F.interpolate(z(1, 1, 4), new long[] {3}, null, "nearest", true, null);
            case "interpolate_area_align" -> () -> F.interpolate(z(1, 1, 4), new long[] {3}, null, "area", false, null);
            case "interpolate_bilinear_3d" -> () -> F.interpolate(z(1, 1, 4), new long[] {3}, "bilinear");
            case "interpolate_bicubic_3d" -> () -> F.interpolate(z(1, 1, 4), new long[] {3}, "bicubic");
            case "interpolate_trilinear_4d" -> () -> F.interpolate(z(1, 1, 4, 4), new long[] {3}, "trilinear");
            case "interpolate_linear_5d" -> () -> F.interpolate(z(1, 1, 4, 4, 4), new long[] {3}, "linear");
            case "interpolate_mode" -> () -> F.interpolate(z(1, 1, 4, 4), new long[] {3}, "foo");
            case "interpolate_rank" -> () -> F.interpolate(z(1, 4), new long[] {3}, "nearest");
            case "interpolate_size_zero" -> () -> F.interpolate(z(1, 1, 4), new long[] {0}, "linear");
            case "interpolate_scale_small" -> () -> F.interpolate(z(1, 1, 4), 0.1, "nearest");
            case "interpolate_size_zero_2d" -> () -> F.interpolate(z(1, 1, 4, 4), new long[] {0}, "bicubic");
            case "interpolate_size_zero_3d" -> () -> F.interpolate(z(1, 1, 4, 4, 4), new long[] {0}, "trilinear");
            case "interpolate_empty_channels" -> () -> F.interpolate(z(1, 0, 4), new long[] {2}, "linear");
            case "interpolate_empty_input" -> () -> F.interpolate(z(1, 1, 0, 4), new long[] {2}, "bicubic");
            case "interpolate_long_linear" -> () -> F.interpolate(z(1, 1, 4).toLong(), new long[] {2}, "linear");
            case "interpolate_long_nearest" -> () -> F.interpolate(z(1, 1, 4).toLong(), new long[] {2}, "nearest");
            case "interpolate_long_bicubic" -> () -> F.interpolate(z(1, 1, 4, 4).toLong(), new long[] {2}, "bicubic");
            case "interpolate_long_bilinear" -> () -> F.interpolate(z(1, 1, 4, 4).toLong(), new long[] {2}, "bilinear");
            case "interpolate_long_nearest3d" -> () -> F.interpolate(z(1, 1, 4, 4, 4).toLong(), new long[] {2}, "nearest");
            default -> throw new IllegalArgumentException("unknown error case " + key);
        };
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> file() {
        return (Map<String, Object>) Reference.load("nn/spatial_modules.json");
    }

    @TestFactory
    Stream<DynamicTest> reprsAndKeys() {
        return NnReference.reprsAndKeys(file(), k -> module(k));
    }

    /** An empty batch or output gives an empty result, with and without autograd, as PyTorch's. */
    @Test
    void gridSampleOfNothing() {
        assertArrayEquals(new long[] {0, 2, 4, 5}, F.gridSample(z(0, 2, 3, 3), z(0, 4, 5, 2)).shape());
        assertArrayEquals(new long[] {1, 2, 0, 5}, F.gridSample(z(1, 2, 3, 3), z(1, 0, 5, 2), "bicubic", "border", true).shape());
        Tensor x = z(1, 3, 2, 2, 2).requiresGrad_(), g = z(1, 0, 1, 1, 3).requiresGrad_();
        Tensor y = F.gridSample(x, g, "nearest", "reflection", false);
        assertArrayEquals(new long[] {1, 3, 0, 1, 1}, y.shape());
        y.sum().backward();
        assertEquals(0.0, x.grad().abs().sum().item(), 0.0);
    }

    @TestFactory
    Stream<DynamicTest> errors() {
        return NnReference.errors(file(), k -> error(k));
    }
}
