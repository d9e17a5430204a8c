package org.torch4j.vision.ops;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.LongFunction;
import org.torch4j.nn.Dropout;
import org.torch4j.nn.Linear;
import org.torch4j.nn.Module;
import org.torch4j.nn.ReLU;
import org.torch4j.nn.Sequential;

/**
 * A multi-layer perceptron ({@code torchvision.ops.MLP}): for each hidden size but the last, {@code Linear}, the
 * norm layer if any, the activation and {@code Dropout}; then the last {@code Linear} and {@code Dropout}. The
 * children are numbered {@code 0, 1, ...} as torchvision's, and built in its order, so a seeded MLP has its weights.
 */
public class MLP extends Sequential {

    /** With torchvision's defaults: no norm, {@code ReLU}, bias, no dropout. */
    public MLP(long inChannels, long... hiddenChannels) {
        this(inChannels, hiddenChannels, null, inplace -> inplace == null ? new ReLU() : new ReLU(inplace), true, true, 0.0);
    }

    /**
     * An MLP with every option of torchvision's.
     *
     * @param inChannels the input's features
     * @param hiddenChannels the output sizes of the linear layers, the last one the MLP's output
     * @param normLayer builds the norm for a hidden size, or null for none (torchvision's default)
     * @param activationLayer builds the activation from {@code inplace} (default {@code ReLU}, given {@code inplace})
     * @param inplace what torchvision passes to the activation and dropout layers (default true; null passes nothing,
     *     so the dropouts are not in place)
     * @param bias whether the linear layers have biases (default true)
     * @param dropout the dropout probability (default 0)
     */
    public MLP(long inChannels, long[] hiddenChannels, LongFunction<Module> normLayer, Function<Boolean, Module> activationLayer, Boolean inplace,
               boolean bias, double dropout) {
        super(layers(inChannels, hiddenChannels, normLayer, activationLayer, inplace, bias, dropout));
    }

    private static Module[] layers(long inChannels, long[] hidden, LongFunction<Module> normLayer, Function<Boolean, Module> activationLayer,
                                   Boolean inplace, boolean bias, double dropout) {
        if (hidden.length == 0) throw new IndexOutOfBoundsException("list index out of range");
        List<Module> layers = new ArrayList<>();
        long in = inChannels;
        for (int i = 0; i < hidden.length - 1; i++) {
            layers.add(new Linear(in, hidden[i], bias));
            if (normLayer != null) layers.add(normLayer.apply(hidden[i]));
            layers.add(activationLayer.apply(inplace));
            layers.add(new Dropout(dropout, inplace != null && inplace));
            in = hidden[i];
        }
        layers.add(new Linear(in, hidden[hidden.length - 1], bias));
        layers.add(new Dropout(dropout, inplace != null && inplace));
        return layers.toArray(new Module[0]);
    }
}
