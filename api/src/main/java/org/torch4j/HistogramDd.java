package org.torch4j;

import java.util.List;

/**
 * The result of {@code torch.histogramdd}, as PyTorch's named tuple.
 *
 * @param hist     the count (or summed weight, or density) of each bin, one dim per input coordinate
 * @param binEdges for each coordinate, the {@code bins + 1} edges of its bins
 */
public record HistogramDd(Tensor hist, List<Tensor> binEdges) {

    /** The record, with an unmodifiable copy of the edges. */
    public HistogramDd {
        binEdges = List.copyOf(binEdges);
    }
}
