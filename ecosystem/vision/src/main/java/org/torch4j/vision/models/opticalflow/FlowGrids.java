package org.torch4j.vision.models.opticalflow;

import java.util.List;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.F;

/**
 * torchvision's {@code models/optical_flow/_utils.py}: sampling at absolute pixel coordinates, the pixel coordinate
 * grid, and the upsampling of a 1/8-resolution flow.
 */
final class FlowGrids {
    private FlowGrids() {}

    /** A shape as Python prints a {@code torch.Size}: {@code torch.Size([2, 3])}. */
    static String size(long[] shape) {
        StringBuilder sb = new StringBuilder("torch.Size([");
        for (int i = 0; i < shape.length; i++) sb.append(i > 0 ? ", " : "").append(shape[i]);
        return sb.append("])").toString();
    }

    /**
     * {@code grid_sample} with absolute pixel coordinates ({@code [..., 2]}, x then y) instead of normalised ones:
     * {@code x' = 2x / (w - 1) - 1}, and the same for y when the image has more than one row.
     */
    static Tensor gridSample(Tensor img, Tensor absoluteGrid, String mode, boolean alignCorners) {
        long h = img.size(-2), w = img.size(-1);
        int last = absoluteGrid.dim() - 1;
        Tensor xgrid = absoluteGrid.narrow(last, 0, 1), ygrid = absoluteGrid.narrow(last, 1, 1);
        xgrid = xgrid.mul(2).div(w - 1).sub(1);
        if (h > 1) ygrid = ygrid.mul(2).div(h - 1).sub(1);
        return F.gridSample(img, Torch.cat(List.of(xgrid, ygrid), last), mode, "zeros", alignCorners);
    }

    /** {@code make_coords_grid}: float32 [batch, 2, h, w] holding each pixel's x (channel 0) and y (channel 1). */
    static Tensor makeCoordsGrid(long batchSize, long h, long w) {
        List<Tensor> yx = Torch.meshgrid(List.of(Torch.arange(h), Torch.arange(w)), "ij");
        Tensor coords = Torch.stack(List.of(yx.get(1), yx.get(0)), 0).toFloat();
        return coords.unsqueeze(0).repeat(batchSize, 1, 1, 1);
    }

    /**
     * {@code upsample_flow}: the flow [N, 2, h, w] at {@code factor} times the resolution, its values scaled by
     * {@code factor}. Without a mask bilinearly ({@code align_corners=True}); with one ({@code [N, 9 * factor^2, h, w]})
     * each fine pixel is the convex combination (softmax of the mask over the 9 neighbours) of its coarse pixel's 3x3
     * neighbourhood.
     */
    static Tensor upsampleFlow(Tensor flow, Tensor upMask, long factor) {
        long batchSize = flow.size(0), numChannels = flow.size(1), h = flow.size(2), w = flow.size(3);
        long newH = h * factor, newW = w * factor;
        if (upMask == null) {
            return F.interpolate(flow, new long[] {newH, newW}, null, "bilinear", true).mul(factor);
        }
        upMask = F.softmax(upMask.view(batchSize, 1, 9, factor, factor, h, w), 2);
        Tensor upsampled = F.unfold(flow.mul(factor), new long[] {3, 3}, new long[] {1, 1}, new long[] {1, 1}, new long[] {1, 1})
                .view(batchSize, numChannels, 9, 1, 1, h, w);
        upsampled = upMask.mul(upsampled).sum(2);
        return upsampled.permute(0, 1, 4, 2, 5, 3).reshape(batchSize, numChannels, newH, newW);
    }
}
