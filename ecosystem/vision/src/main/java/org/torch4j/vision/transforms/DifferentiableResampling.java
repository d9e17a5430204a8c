package org.torch4j.vision.transforms;

import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.F;

/**
 * Resizing and grid sampling composed of differentiable ops, for an image that needs a gradient (torchvision's
 * tensor transforms are differentiable: {@code interpolate} and {@code grid_sample}), and for float64 images, which
 * they resample in double as torchvision does. {@link Resampling}'s host kernels stay the path for other images
 * without a gradient: they reproduce torchvision's float32 arithmetic step by step, which these compositions match
 * to rounding.
 */
final class DifferentiableResampling {
    private DifferentiableResampling() {}

    /** Whether this path resamples the image: a gradient must flow back to it, or it is float64 (resampled in double, as torchvision). */
    static boolean applies(Tensor img) {
        return img.requiresGrad() && Torch.isGradEnabled() || img.dtype() == org.torch4j.DType.FLOAT64;
    }

    /** The image resized to oh x ow as two products with the separable weights: along the width, then the height. */
    static Tensor resize(Tensor img, int oh, int ow, InterpolationMode mode, boolean antialias) {
        int h = (int) img.size(-2), w = (int) img.size(-1);
        boolean f64 = img.dtype() == org.torch4j.DType.FLOAT64;
        Tensor wy = matrix(Resampling.weights(h, oh, mode, antialias, f64), h, img);
        Tensor wx = matrix(Resampling.weights(w, ow, mode, antialias, f64), w, img);
        return wy.matmul(img.matmul(wx.transpose(0, 1)));
    }

    /** The [out, in] matrix of 1-d weights (taps on one source index add up, as at the last pixel). */
    private static Tensor matrix(Resampling.Weights ws, int in, Tensor like) {
        int out = ws.idx().length;
        double[] m = new double[out * in];
        for (int o = 0; o < out; o++) {
            for (int k = 0; k < ws.idx()[o].length; k++) m[o * in + ws.idx()[o][k]] += ws.w()[o][k];
        }
        return Torch.tensor(m, out, in).to(like);
    }

    /**
     * torchvision's {@code _apply_grid_transform}: {@code grid_sample} (zero padding, align_corners=False) at the
     * normalised points (gx, gy) of the oh x ow output; with {@code fill}, the sampled coverage of a plane of ones
     * blends it in (bilinear) or marks where it replaces the sample (nearest, coverage below 0.5).
     */
    static Tensor gridSample(Tensor img, double[] gx, double[] gy, int oh, int ow, boolean nearest, float[] fill) {
        long[] shape = img.shape();
        int r = shape.length;
        long c = shape[r - 3], h = shape[r - 2], w = shape[r - 1];
        Tensor x = img.reshape(-1, c, h, w);
        long n = x.size(0);
        double[] points = new double[oh * ow * 2];
        for (int i = 0; i < oh * ow; i++) {
            points[2 * i] = gx[i];
            points[2 * i + 1] = gy[i];
        }
        Tensor grid = Torch.tensor(points, 1, oh, ow, 2).to(img).expand(n, oh, ow, 2);
        String mode = nearest ? "nearest" : "bilinear";
        Tensor out = F.gridSample(x, grid, mode, "zeros", false);
        if (fill != null) {
            Tensor ones = Torch.ones(new long[] {n, 1, h, w}, img.dtype(), img.device());
            Tensor mask = F.gridSample(ones, grid, mode, "zeros", false).expand(out.shape());
            Tensor fillImg = Torch.tensor(fill, 1, c, 1, 1).to(img).expand(out.shape());
            out = nearest ? Torch.where(mask.lt(0.5), fillImg, out) : out.mul(mask).add(mask.neg().add(1.0).mul(fillImg));
        }
        long[] outShape = shape.clone();
        outShape[r - 2] = oh;
        outShape[r - 1] = ow;
        return out.reshape(outShape);
    }
}
