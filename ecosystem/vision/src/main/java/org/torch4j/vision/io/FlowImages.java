package org.torch4j.vision.io;

import java.util.List;
import org.torch4j.DType;
import org.torch4j.Index;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * Optical flow as colour images ({@code torchvision.utils.flow_to_image}): each pixel's direction picks a hue on
 * Baker et al.'s 55-colour wheel (interpolated between neighbouring colours), and its length, relative to the
 * largest in the batch, its saturation (zero flow is white).
 */
public final class FlowImages {
    private FlowImages() {}

    /** The colour wheel's segments: red-yellow, yellow-green, green-cyan, cyan-blue, blue-magenta, magenta-red. */
    private static final int RY = 15, YG = 6, GC = 4, CB = 11, BM = 13, MR = 6;

    /**
     * {@code flow_to_image(flow)}: an RGB image of a flow.
     *
     * @param flow float32 [2, H, W] or [N, 2, H, W] (x, y displacements)
     * @return uint8 [3, H, W] or [N, 3, H, W]
     * @throws IllegalArgumentException for another dtype or shape, with torchvision's messages
     */
    public static Tensor flowToImage(Tensor flow) {
        if (flow.dtype() != DType.FLOAT32) {
            throw new IllegalArgumentException("Flow should be of dtype torch.float, got torch." + flow.dtype().torchName() + ".");
        }
        long[] origShape = flow.shape();
        if (flow.dim() == 3) flow = flow.unsqueeze(0);
        if (flow.dim() != 4 || flow.size(1) != 2) {
            StringBuilder s = new StringBuilder("torch.Size([");
            for (int i = 0; i < origShape.length; i++) s.append(i > 0 ? ", " : "").append(origShape[i]);
            throw new IllegalArgumentException("Input flow should have shape (2, H, W) or (N, 2, H, W), got " + s + "]).");
        }
        Tensor maxNorm = flow.square().sum(1).sqrt().max();
        Tensor normalized = flow.div(maxNorm.add(Torch.finfo(DType.FLOAT32).eps()));
        Tensor img = normalizedFlowToImage(normalized);
        return origShape.length == 3 ? img.get(0) : img;
    }

    /** {@code _normalized_flow_to_image}: flows [N, 2, H, W] of norm at most 1 to uint8 images [N, 3, H, W]. */
    private static Tensor normalizedFlowToImage(Tensor normalizedFlow) {
        try (var g = Torch.noGrad()) {
            Tensor colorwheel = makeColorwheel().to(normalizedFlow.device());
            long numCols = colorwheel.size(0);
            Tensor u = normalizedFlow.select(1, 0), v = normalizedFlow.select(1, 1);
            Tensor norm = normalizedFlow.square().sum(1).sqrt();
            Tensor a = v.neg().atan2(u.neg()).div(Math.PI);
            Tensor fk = a.add(1).div(2).mul(numCols - 1);
            Tensor k0 = fk.floor().to(DType.INT64);
            Tensor k1 = k0.add(1);
            k1 = k1.maskedFill(k1.eq(numCols), 0);
            Tensor f = fk.sub(k0);
            Tensor[] channels = new Tensor[3];
            for (int c = 0; c < 3; c++) {
                Tensor tmp = colorwheel.select(1, c);
                Tensor col0 = tmp.index(Index.of(k0)).div(255.0), col1 = tmp.index(Index.of(k1)).div(255.0);
                Tensor col = f.rsub(1).mul(col0).add(f.mul(col1));
                col = norm.mul(col.rsub(1)).rsub(1);
                channels[c] = col.mul(255).floor().to(DType.UINT8);
            }
            return Torch.stack(List.of(channels), 1);
        }
    }

    /** {@code _make_colorwheel}: the 55 colours [55, 3] (float32, 0 to 255). */
    static Tensor makeColorwheel() {
        float[] wheel = new float[(RY + YG + GC + CB + BM + MR) * 3];
        int col = 0;
        for (int i = 0; i < RY; i++, col++) set(wheel, col, 255, ramp(i, RY), 0);
        for (int i = 0; i < YG; i++, col++) set(wheel, col, 255 - ramp(i, YG), 255, 0);
        for (int i = 0; i < GC; i++, col++) set(wheel, col, 0, 255, ramp(i, GC));
        for (int i = 0; i < CB; i++, col++) set(wheel, col, 0, 255 - ramp(i, CB), 255);
        for (int i = 0; i < BM; i++, col++) set(wheel, col, ramp(i, BM), 0, 255);
        for (int i = 0; i < MR; i++, col++) set(wheel, col, 255, 0, 255 - ramp(i, MR));
        return Torch.tensor(wheel, col, 3);
    }

    /** {@code floor(255 * i / n)} as torchvision computes it in float32. */
    private static float ramp(int i, int n) {
        return (float) Math.floor((float) (255 * i) / (float) n);
    }

    private static void set(float[] wheel, int row, float r, float g, float b) {
        wheel[3 * row] = r;
        wheel[3 * row + 1] = g;
        wheel[3 * row + 2] = b;
    }
}
