package org.torch4j.vision.models.video;

import org.torch4j.nn.BatchNorm3d;
import org.torch4j.nn.Conv3d;
import org.torch4j.nn.ReLU;
import org.torch4j.nn.Sequential;

/**
 * A bias-free 3-d convolution, batch norm and ReLU ({@code torchvision.ops.Conv3dNormActivation} as {@link S3D} builds it,
 * with S3D's batch norm: eps 0.001, momentum 0.001). Children {@code 0} (conv), {@code 1} (norm), {@code 2} (ReLU).
 */
public class Conv3dNormActivation extends Sequential {
    /**
     * The block.
     *
     * @param inChannels the input channels
     * @param outChannels the output channels
     * @param kernelSize the kernel's (time, height, width), or one size for all
     * @param stride the stride, likewise
     * @param padding the padding, likewise; null for torchvision's default {@code (k - 1) / 2} in each dimension
     */
    public Conv3dNormActivation(long inChannels, long outChannels, long[] kernelSize, long[] stride, long[] padding) {
        super(new Conv3d(inChannels, outChannels, kernelSize, stride, padding == null ? defaultPadding(kernelSize) : padding, new long[] {1}, 1,
                false, "zeros"), new BatchNorm3d(outChannels, 0.001, 0.001, true, true), new ReLU(true));
    }

    private static long[] defaultPadding(long[] kernelSize) {
        long[] p = new long[kernelSize.length];
        for (int i = 0; i < p.length; i++) p[i] = (kernelSize[i] - 1) / 2;
        return p;
    }
}
