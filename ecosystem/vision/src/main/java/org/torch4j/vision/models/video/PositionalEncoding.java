package org.torch4j.vision.models.video;

import java.util.List;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.Module;
import org.torch4j.nn.Parameter;

/**
 * MViT's class token and, without relative position embeddings (V1), learned absolute positions: a spatial one per grid
 * cell plus a temporal one per frame, and the class token's ({@code torchvision.models.video.mvit.PositionalEncoding}).
 */
final class PositionalEncoding extends Module {
    final long temporalSize, height, width;
    private final Parameter classToken, spatialPos, temporalPos, classPos;

    PositionalEncoding(long embedSize, long height, long width, long temporalSize, boolean relPosEmbed) {
        this.temporalSize = temporalSize;
        this.height = height;
        this.width = width;
        classToken = registerParameter("class_token", new Parameter(Torch.zeros(embedSize)));
        if (relPosEmbed) {
            spatialPos = temporalPos = classPos = null;
        } else {
            spatialPos = registerParameter("spatial_pos", new Parameter(Torch.zeros(height * width, embedSize)));
            temporalPos = registerParameter("temporal_pos", new Parameter(Torch.zeros(temporalSize, embedSize)));
            classPos = registerParameter("class_pos", new Parameter(Torch.zeros(embedSize)));
        }
    }

    /** [B, N, C] tokens with the class token in front, positions added. */
    @Override
    public Tensor forward(Tensor x) {
        Tensor cls = classToken.unsqueeze(0).expand(x.size(0), -1).unsqueeze(1);
        x = Torch.cat(List.of(cls, x), 1);
        if (spatialPos == null) return x;
        long hw = spatialPos.size(0), embed = spatialPos.size(1);
        Tensor pos = temporalPos.repeatInterleave(hw, 0).add(spatialPos.unsqueeze(0).expand(temporalSize, -1, -1).reshape(-1, embed));
        pos = Torch.cat(List.of(classPos.unsqueeze(0), pos), 0).unsqueeze(0);
        return x.add(pos);
    }
}
