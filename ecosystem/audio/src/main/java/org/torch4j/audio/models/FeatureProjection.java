package org.torch4j.audio.models;

import org.torch4j.Tensor;
import org.torch4j.nn.Dropout;
import org.torch4j.nn.LayerNorm;
import org.torch4j.nn.Linear;
import org.torch4j.nn.Module;

/**
 * The bridge from the feature extractor to the transformer (torchaudio's {@code FeatureProjection}):
 * layer norm, a linear projection to the embedding width, dropout.
 */
public class FeatureProjection extends Module {
    /** {@code layer_norm} over the input features. */
    public final LayerNorm layerNorm;
    /** {@code projection}: input features to embedding width. */
    public final Linear projection;
    /** {@code dropout} after the projection. */
    public final Dropout dropout;

    /** Projects {@code inFeatures} to {@code outFeatures}, then drops with probability {@code dropout}. */
    public FeatureProjection(long inFeatures, long outFeatures, double dropout) {
        layerNorm = registerModule("layer_norm", new LayerNorm(inFeatures));
        projection = registerModule("projection", new Linear(inFeatures, outFeatures));
        this.dropout = registerModule("dropout", new Dropout(dropout));
    }

    /** [batch, frame, in_features] to [batch, frame, out_features]. */
    @Override
    public Tensor forward(Tensor x) {
        return dropout.call(projection.call(layerNorm.call(x)));
    }
}
