package org.torch4j.vision.models.opticalflow;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.F;
import org.torch4j.nn.Module;

/**
 * RAFT's correlation block ({@code torchvision.models.optical_flow.raft.CorrBlock}): {@link #buildPyramid} computes
 * the all-pairs correlation volume of two feature maps (dot products over channels, divided by the square root of
 * their number) and average-pools its last two dimensions {@code numLevels - 1} times; {@link #indexPyramid} samples
 * each level bilinearly ({@code grid_sample}, {@code align_corners=True}) in the square of side {@code 2 * radius + 1}
 * around each pixel's current match, halving the coordinates per level. It has no parameters.
 */
public class CorrBlock extends Module {
    /** The pyramid's levels. */
    public final int numLevels;
    /** The neighbourhood's radius (infinity norm). */
    public final int radius;
    /** The correlation features' channels: {@code numLevels * (2 * radius + 1)^2}. */
    public final long outChannels;
    private List<Tensor> corrPyramid = List.of();

    /** {@code CorrBlock()}: 4 levels, radius 4. */
    public CorrBlock() {
        this(4, 4);
    }

    /**
     * {@code CorrBlock(num_levels=..., radius=...)}.
     *
     * @param numLevels the pyramid's levels
     * @param radius the neighbourhood's radius
     */
    public CorrBlock(int numLevels, int radius) {
        this.numLevels = numLevels;
        this.radius = radius;
        long side = 2L * radius + 1;
        outChannels = numLevels * side * side;
    }

    /**
     * Builds the correlation pyramid of two feature maps and keeps it for {@link #indexPyramid}.
     *
     * @param fmap1 the first image's features [N, C, h, w]
     * @param fmap2 the second image's features, of the same shape
     * @throws IllegalArgumentException if the shapes differ, with torchvision's message
     */
    public void buildPyramid(Tensor fmap1, Tensor fmap2) {
        if (!Arrays.equals(fmap1.shape(), fmap2.shape())) {
            throw new IllegalArgumentException("Input feature maps should have the same shape, instead got " + FlowGrids.size(fmap1.shape())
                    + " (fmap1.shape) != " + FlowGrids.size(fmap2.shape()) + " (fmap2.shape)");
        }
        long batchSize = fmap1.size(0), numChannels = fmap1.size(1), h = fmap1.size(2), w = fmap1.size(3);
        Tensor a = fmap1.view(batchSize, numChannels, h * w), b = fmap2.view(batchSize, numChannels, h * w);
        // torch.sqrt(torch.tensor(C)): the float32 square root
        Tensor corrVolume = a.transpose(1, 2).matmul(b).div((float) Math.sqrt(numChannels)).reshape(batchSize * h * w, 1, h, w);
        List<Tensor> pyramid = new ArrayList<>();
        pyramid.add(corrVolume);
        for (int i = 0; i < numLevels - 1; i++) {
            corrVolume = F.avgPool2d(corrVolume, 2);
            pyramid.add(corrVolume);
        }
        corrPyramid = pyramid;
    }

    /**
     * The correlation features [N, outChannels, h, w] around {@code centroidsCoords}: level by level, the
     * {@code (2r + 1)^2} bilinear samples of each pixel's square, x offsets along the first axis of the square.
     *
     * @param centroidsCoords each pixel's current match [N, 2, h, w] (x, y in pixels of the finest level)
     * @return the features, levels concatenated along channels
     * @throws IllegalStateException before {@link #buildPyramid}
     */
    public Tensor indexPyramid(Tensor centroidsCoords) {
        if (corrPyramid.isEmpty()) throw new IllegalStateException("build_pyramid must be called before index_pyramid");
        long side = 2L * radius + 1;
        Tensor di = Torch.linspace(-radius, radius, side), dj = Torch.linspace(-radius, radius, side);
        Tensor delta = Torch.stack(Torch.meshgrid(List.of(di, dj), "ij"), -1).to(centroidsCoords.device()).view(1, side, side, 2);
        long batchSize = centroidsCoords.size(0), h = centroidsCoords.size(2), w = centroidsCoords.size(3);
        Tensor centroids = centroidsCoords.permute(0, 2, 3, 1).reshape(batchSize * h * w, 1, 1, 2);
        List<Tensor> indexed = new ArrayList<>();
        for (Tensor corrVolume : corrPyramid) {
            Tensor samplingCoords = centroids.add(delta);
            indexed.add(FlowGrids.gridSample(corrVolume, samplingCoords, "bilinear", true).view(batchSize, h, w, -1));
            centroids = centroids.div(2);
        }
        Tensor corrFeatures = Torch.cat(indexed, -1).permute(0, 3, 1, 2).contiguous();
        long[] expected = {batchSize, outChannels, h, w};
        if (!Arrays.equals(expected, corrFeatures.shape())) {
            throw new IllegalArgumentException("Output shape of index pyramid is incorrect. Should be (" + batchSize + ", " + outChannels + ", "
                    + h + ", " + w + "), got " + FlowGrids.size(corrFeatures.shape()));
        }
        return corrFeatures;
    }
}
