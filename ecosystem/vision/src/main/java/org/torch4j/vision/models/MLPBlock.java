package org.torch4j.vision.models;

import org.torch4j.nn.Dropout;
import org.torch4j.nn.GELU;
import org.torch4j.nn.Init;
import org.torch4j.nn.Linear;
import org.torch4j.nn.Module;
import org.torch4j.nn.Sequential;

/**
 * The transformer MLP of {@link VisionTransformer} ({@code torchvision.models.vision_transformer.MLPBlock}):
 * children {@code 0} (Linear), {@code 1} (GELU), {@code 2} (Dropout), {@code 3} (Linear), {@code 4}
 * (Dropout); linear weights Xavier-uniform, biases normal with std 1e-6.
 */
public class MLPBlock extends Sequential {

    /** {@code in -> mlp -> in} with GELU between and dropout {@code dropout} after each linear. */
    public MLPBlock(long inDim, long mlpDim, double dropout) {
        super(new Linear(inDim, mlpDim), new GELU(), new Dropout(dropout), new Linear(mlpDim, inDim), new Dropout(dropout));
        for (Module m : modules()) {
            if (m instanceof Linear l) {
                Init.xavierUniform_(l.weight, 1);
                Init.normal_(l.bias, 0, 1e-6);
            }
        }
    }
}
