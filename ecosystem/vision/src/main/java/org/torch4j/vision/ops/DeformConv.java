package org.torch4j.vision.ops;

import java.util.ArrayList;
import java.util.List;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * Deformable convolution ({@code torchvision.ops.deform_conv2d}): a convolution whose kernel taps are moved by
 * learned fractional offsets (Dai et al. 2017) and, with a mask, scaled by learned modulation weights (DCNv2,
 * Zhu et al. 2018). Each tap reads the input by bilinear interpolation, zero outside the image, as torchvision's
 * CPU kernel does.
 *
 * <p>The sampling positions and bilinear weights are tensor ops on the offsets; one pass ({@link CornerSampling})
 * reads the four weighted corners of every sample into the columns of an im2col matrix, and one batched matmul
 * with the weight turns them into the output. Autograd therefore differentiates it with respect to the input, the
 * offsets, the mask, the weight and the bias (to any order); the offsets' gradient is that of the bilinear weights
 * inside each pixel cell, as torchvision's.
 */
public final class DeformConv {
    private DeformConv() {}

    private static final String IMPROVE =
            " to be true, but got false.  (Could this error message be improved?  If so, please report an enhancement request to PyTorch.)";

    /** {@link #deformConv2d(Tensor, Tensor, Tensor, Tensor, long[], long[], long[], Tensor)} without bias or mask, stride 1, no padding. */
    public static Tensor deformConv2d(Tensor input, Tensor offset, Tensor weight) {
        return deformConv2d(input, offset, weight, null, new long[] {1}, new long[] {0}, new long[] {1}, null);
    }

    /**
     * Deformable convolution v1 ({@code mask == null}) or v2.
     *
     * @param input {@code [N, C, H, W]}
     * @param offset {@code [N, 2 * offsetGroups * kh * kw, outH, outW]}: per offset group and kernel tap, the
     *     {@code (dy, dx)} moving that tap at each output position
     * @param weight {@code [O, C / groups, kh, kw]}; the groups are {@code C / weight.size(1)}
     * @param bias {@code [O]}, or null for none
     * @param stride {@code {s}} or {@code {sh, sw}}
     * @param padding zero padding, {@code {p}} or {@code {ph, pw}}
     * @param dilation spacing of the kernel taps, {@code {d}} or {@code {dh, dw}}
     * @param mask {@code [N, offsetGroups * kh * kw, outH, outW]} modulation scalars, or null for none
     * @return {@code [N, O, outH, outW]}
     * @throws IllegalArgumentException for shapes and arguments torchvision refuses, with its messages
     */
    public static Tensor deformConv2d(Tensor input, Tensor offset, Tensor weight, Tensor bias, long[] stride, long[] padding,
                                      long[] dilation, Tensor mask) {
        long[] s = pair(stride, "stride"), p = pair(padding, "padding"), d = pair(dilation, "dilation");
        if (weight.dim() < 2) throw new IllegalArgumentException("not enough values to unpack (expected 2, got " + weight.dim() + ")");
        if (input.dim() != 4) {
            throw new IllegalArgumentException(input.dim() < 4 ? "not enough values to unpack (expected 4, got " + input.dim() + ")"
                    : "too many values to unpack (expected 4)");
        }
        long kh = weight.size(-2), kw = weight.size(-1), taps = kh * kw;
        if (offset.dim() < 2) throw new IndexOutOfBoundsException("tuple index out of range");
        if (taps == 0 || weight.size(1) == 0) throw new ArithmeticException("integer division or modulo by zero");
        long offsetGroups = offset.size(1) / (2 * taps), groups = input.size(1) / weight.size(1);
        if (offsetGroups == 0) {
            throw new IllegalArgumentException("the shape of the offset tensor at dimension 1 is not valid. It should be a multiple of "
                    + "2 * weight.size[2] * weight.size[3].\nGot offset.shape[1]=" + offset.size(1) + ", while 2 * weight.size[2] * weight.size[3]="
                    + 2 * taps);
        }
        check(offset.dim() == 4, "offset_c.ndimension() == 4");
        check(mask == null || mask.dim() == 4, "mask_c.ndimension() == 4");
        check(weight.dim() == 4, "weight_c.ndimension() == 4");
        long n = input.size(0), c = input.size(1), h = input.size(2), w = input.size(3), o = weight.size(0);
        require(kh > 0 && kw > 0, "weight_h: " + kh + " weight_w: " + kw);
        require(s[0] > 0 && s[1] > 0, "stride_h: " + s[0] + " stride_w: " + s[1]);
        require(p[0] >= 0 && p[1] >= 0, "pad_h: " + p[0] + " pad_w: " + p[1]);
        require(d[0] > 0 && d[1] > 0, "dilation_h: " + d[0] + " dilation_w: " + d[1]);
        long outH = (h + 2 * p[0] - (d[0] * (kh - 1) + 1)) / s[0] + 1, outW = (w + 2 * p[1] - (d[1] * (kw - 1) + 1)) / s[1] + 1;
        check(weight.size(1) * groups == c, "weight_c.size(1) * n_weight_grps == input_c.size(1)");
        check(o % groups == 0, "weight_c.size(0) % n_weight_grps == 0");
        require(offset.size(1) == offsetGroups * 2 * taps, "offset.shape[1] is not valid: got: " + offset.size(1) + " expected: "
                + offsetGroups * 2 * taps);
        if (mask != null) {
            require(mask.size(1) == offsetGroups * taps, "mask.shape[1] is not valid: got: " + mask.size(1) + " expected: " + offsetGroups * taps);
        }
        check(c % offsetGroups == 0, "input_c.size(1) % n_offset_grps == 0");
        require(offset.size(0) == n, "invalid batch size of offset");
        require(offset.size(2) == outH && offset.size(3) == outW, "offset output dims: (" + offset.size(2) + ", " + offset.size(3)
                + ") - computed output dims: (" + outH + ", " + outW + ")");
        if (mask != null) {
            require(mask.size(0) == n, "invalid batch size of mask");
            require(mask.size(2) == outH && mask.size(3) == outW, "mask output dims: (" + mask.size(2) + ", " + mask.size(3)
                    + ") - computed output dims: (" + outH + ", " + outW + ")");
        }
        require(outH > 0 && outW > 0, "Calculated output size too small - out_h: " + outH + " out_w: " + outW);
        DType dt = input.dtype();
        require(dt.isFloatingPoint(), "\"deformable_im2col\" not implemented for '" + Boxes.scalarName(dt) + "'");
        require(offset.dtype() == dt, "expected scalar type " + Boxes.scalarName(dt) + " but found " + Boxes.scalarName(offset.dtype()));
        if (mask != null) require(mask.dtype() == dt, "expected scalar type " + Boxes.scalarName(dt) + " but found " + Boxes.scalarName(mask.dtype()));
        require(weight.dtype() == dt, "mat1 and mat2 must have the same dtype");

        long cols = outH * outW, groupChannels = c / offsetGroups;
        // where each tap of the undeformed kernel reads, [taps, outH * outW]
        double[] baseY = new double[(int) (taps * cols)], baseX = new double[baseY.length];
        for (int i = 0; i < kh; i++) {
            for (int j = 0; j < kw; j++) {
                for (int oy = 0; oy < outH; oy++) {
                    for (int ox = 0; ox < outW; ox++) {
                        int at = (int) (((i * kw + j) * outH + oy) * outW + ox);
                        baseY[at] = oy * s[0] - p[0] + i * d[0];
                        baseX[at] = ox * s[1] - p[1] + j * d[1];
                    }
                }
            }
        }
        Tensor moves = offset.reshape(n, offsetGroups, taps, 2, cols);
        Tensor y = moves.select(3, 0).add(Torch.tensor(baseY, taps, cols).to(dt).to(input.device()));
        Tensor x = moves.select(3, 1).add(Torch.tensor(baseX, taps, cols).to(dt).to(input.device()));
        Tensor sampled = bilinear(input.reshape(n, offsetGroups, groupChannels, h * w), y, x, h, w); // [n, G, C/G, taps * cols]
        Tensor columns = sampled.reshape(n, offsetGroups, groupChannels, taps, cols);
        if (mask != null) columns = columns.mul(mask.reshape(n, offsetGroups, 1, taps, cols));
        Tensor out = weight.reshape(groups, o / groups, c / groups * taps).matmul(columns.reshape(n, groups, c / groups * taps, cols));
        out = out.reshape(n, o, outH, outW);
        return bias == null ? out : out.add(bias.to(dt).reshape(1, o, 1, 1));
    }

    /**
     * Bilinear samples of {@code image} {@code [N, G, Cg, H * W]} at {@code (y, x)} {@code [N, G, taps, L]}: the
     * four corners of each sample's cell, in torchvision's order, weighted by the bilinear weights (zero for a
     * corner outside the image), read by one {@link CornerSampling} pass.
     */
    private static Tensor bilinear(Tensor image, Tensor y, Tensor x, long h, long w) {
        long n = image.size(0), g = image.size(1), cg = image.size(2), points = y.size(2) * y.size(3);
        Tensor y0 = y.detach().floor(), x0 = x.detach().floor();
        Tensor ly = y.sub(y0), lx = x.sub(x0);
        Tensor[] wy = {ly.rsub(1.0), ly}, wx = {lx.rsub(1.0), lx};
        List<Tensor> weights = new ArrayList<>(), indices = new ArrayList<>();
        for (int dy = 0; dy < 2; dy++) {
            Tensor yi = y0.add(dy);
            Tensor rowValid = yi.ge(0).logicalAnd(yi.lt(h));
            for (int dx = 0; dx < 2; dx++) {
                Tensor xi = x0.add(dx);
                Tensor valid = rowValid.logicalAnd(xi.ge(0)).logicalAnd(xi.lt(w));
                indices.add(yi.mul(w).add(xi).where(valid, 0.0));
                weights.add(wy[dy].mul(wx[dx]).mul(valid.to(y.dtype())));
            }
        }
        int batches = (int) (n * g);
        int[] idx = Torch.stack(indices, 2).toIntArray();
        Tensor cornerWeights = Torch.stack(weights, 2).reshape(batches, 4, points);
        return new CornerSampling(idx, batches, (int) cg, (int) (h * w), 4, (int) points)
                .gather(image.reshape(batches, cg, h * w), cornerWeights).reshape(n, g, cg, points);
    }

    /** torchvision's {@code _pair}: one value for both axes, or two. */
    static long[] pair(long[] v, String name) {
        if (v.length == 1) return new long[] {v[0], v[0]};
        if (v.length == 2) return v.clone();
        throw new IllegalArgumentException(name + " should be an int or a pair of ints, got " + v.length + " values");
    }

    /** A bare {@code TORCH_CHECK(cond)}: PyTorch words the condition itself. */
    private static void check(boolean ok, String condition) {
        if (!ok) throw new IllegalArgumentException("Expected " + condition + IMPROVE);
    }

    private static void require(boolean ok, String message) {
        if (!ok) throw new IllegalArgumentException(message);
    }
}
