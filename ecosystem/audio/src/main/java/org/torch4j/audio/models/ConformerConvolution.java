package org.torch4j.audio.models;

import org.torch4j.Tensor;
import org.torch4j.nn.BatchNorm1d;
import org.torch4j.nn.Conv1d;
import org.torch4j.nn.Dropout;
import org.torch4j.nn.GLU;
import org.torch4j.nn.GroupNorm;
import org.torch4j.nn.LayerNorm;
import org.torch4j.nn.Module;
import org.torch4j.nn.Sequential;
import org.torch4j.nn.SiLU;

/**
 * The convolution module of a Conformer layer (torchaudio's {@code conformer._ConvolutionModule}): layer
 * norm, then over the channels a pointwise convolution to twice the width, GLU, a depthwise convolution
 * with "same" padding, batch norm (or a one-group group norm), SiLU, a pointwise convolution back, and
 * dropout. The residual is the layer's.
 */
public class ConformerConvolution extends Module {
    /** {@code layer_norm}, over the features before the convolutions. */
    public final LayerNorm layerNorm;
    /** {@code sequential}: the seven layers in torchaudio's order ({@code sequential.0} to {@code sequential.6}). */
    public final Sequential sequential;

    /**
     * torchaudio's constructor.
     *
     * @param inputDim the model width
     * @param numChannels the depthwise convolution's channels
     * @param depthwiseKernelSize the depthwise kernel; odd, so that padding keeps the length
     * @param dropout the final dropout's probability
     * @param bias whether the convolutions have biases
     * @param useGroupNorm a one-group {@code GroupNorm} instead of {@code BatchNorm1d}
     * @throws IllegalArgumentException for an even kernel
     */
    public ConformerConvolution(long inputDim, long numChannels, long depthwiseKernelSize, double dropout, boolean bias,
                                boolean useGroupNorm) {
        if ((depthwiseKernelSize - 1) % 2 != 0) {
            throw new IllegalArgumentException("depthwise_kernel_size must be odd to achieve 'SAME' padding.");
        }
        layerNorm = registerModule("layer_norm", new LayerNorm(inputDim));
        sequential = registerModule("sequential", new Sequential(
                new Conv1d(inputDim, 2 * numChannels, new long[] {1}, new long[] {1}, new long[] {0}, new long[] {1}, 1, bias, "zeros"),
                new GLU(1),
                new Conv1d(numChannels, numChannels, new long[] {depthwiseKernelSize}, new long[] {1},
                        new long[] {(depthwiseKernelSize - 1) / 2}, new long[] {1}, numChannels, bias, "zeros"),
                useGroupNorm ? new GroupNorm(1, numChannels) : new BatchNorm1d(numChannels),
                new SiLU(),
                new Conv1d(numChannels, inputDim, new long[] {1}, new long[] {1}, new long[] {0}, new long[] {1}, 1, bias, "zeros"),
                new Dropout(dropout)));
    }

    /** [batch, time, inputDim] to the same shape (the convolutions see it channels first). */
    @Override
    public Tensor forward(Tensor input) {
        Tensor x = layerNorm.call(input).transpose(1, 2);
        return sequential.call(x).transpose(1, 2);
    }
}
