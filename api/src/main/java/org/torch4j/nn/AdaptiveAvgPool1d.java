package org.torch4j.nn;

import org.torch4j.Tensor;

/** Average pooling to a fixed output length ({@code torch.nn.AdaptiveAvgPool1d}). */
public class AdaptiveAvgPool1d extends Module {
    private final long outputSize;

    /**
     * Pools {@code (N, C, L)} or {@code (C, L)} to {@code (N, C, outputSize)} (or {@code (C, outputSize)}), each
     * output averaging the window {@code [floor(i L / out), ceil((i + 1) L / out))}.
     *
     * @param outputSize the target length
     */
    public AdaptiveAvgPool1d(long outputSize) {
        this.outputSize = outputSize;
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.adaptiveAvgPool1d(input, outputSize);
    }

    @Override
    protected String extraRepr() {
        return "output_size=" + outputSize;
    }
}
