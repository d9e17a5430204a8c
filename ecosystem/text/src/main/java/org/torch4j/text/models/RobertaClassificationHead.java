package org.torch4j.text.models;

import org.torch4j.Tensor;
import org.torch4j.nn.Dropout;
import org.torch4j.nn.Linear;
import org.torch4j.nn.Module;
import org.torch4j.nn.ReLU;

/**
 * {@code torchtext.models.RobertaClassificationHead}: the first token's features (RoBERTa's {@code <s>}) through
 * dropout, {@code dense}, the activation, dropout and {@code out_proj} to class scores.
 */
public class RobertaClassificationHead extends Module {
    /** input to inner size. */
    public final Linear dense;
    /** inner size to classes. */
    public final Linear outProj;
    private final Dropout dropout;
    private final Module activation;

    /** torchtext's defaults: inner size = input size, dropout 0.1, ReLU. */
    public RobertaClassificationHead(int numClasses, int inputDim) {
        this(numClasses, inputDim, inputDim, 0.1, new ReLU());
    }

    /**
     * A head from {@code inputDim} features through {@code innerDim} to {@code numClasses} scores.
     *
     * @param activation the module between the two layers (torchtext passes a class; here an instance)
     */
    public RobertaClassificationHead(int numClasses, int inputDim, int innerDim, double dropout, Module activation) {
        this.dense = registerModule("dense", new Linear(inputDim, innerDim));
        this.dropout = registerModule("dropout", new Dropout(dropout));
        this.outProj = registerModule("out_proj", new Linear(innerDim, numClasses));
        this.activation = registerModule("activation_fn", activation);
    }

    /** Class scores [B, classes] from features [B, T, C]. */
    @Override
    public Tensor forward(Tensor features) {
        Tensor x = dropout.call(features.select(1, 0));
        x = dropout.call(activation.call(dense.call(x)));
        return outProj.call(x);
    }
}
