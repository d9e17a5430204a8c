package org.torch4j.audio.models;

import org.torch4j.Tensor;
import org.torch4j.nn.Conv1d;
import org.torch4j.nn.GroupNorm;
import org.torch4j.nn.Module;
import org.torch4j.nn.ModuleList;
import org.torch4j.nn.PReLU;
import org.torch4j.nn.ReLU;
import org.torch4j.nn.Sigmoid;

/**
 * The temporal convolutional network of Conv-TasNet (torchaudio's {@code conv_tasnet.MaskGenerator}):
 * global layer norm and a 1x1 convolution, then {@code numStacks} stacks of {@code numLayers}
 * {@link ConvBlock}s with dilations 1, 2, 4, ... whose skip outputs are summed, PReLU, a 1x1 convolution
 * to one mask per source and feature, and a sigmoid or ReLU.
 */
public class ConvTasNetMaskGenerator extends Module {
    /** Feature count of the encoder output and number of sources. */
    public final long inputDim, numSources;
    /** The number of input frames each output frame sees. */
    public final long receptiveField;
    /** {@code input_norm}. */
    public final GroupNorm inputNorm;
    /** {@code input_conv}. */
    public final Conv1d inputConv;
    /** {@code conv_layers}: the {@link ConvBlock}s, stack after stack. */
    public final ModuleList convLayers;
    /** {@code output_prelu}. */
    public final PReLU outputPrelu;
    /** {@code output_conv}. */
    public final Conv1d outputConv;
    /** {@code mask_activate}: Sigmoid or ReLU. */
    public final Module maskActivate;

    /**
     * torchaudio's constructor.
     *
     * @param mskActivate "sigmoid" or "relu"
     * @throws IllegalArgumentException for another activation
     */
    public ConvTasNetMaskGenerator(long inputDim, long numSources, long kernelSize, long numFeats, long numHidden, int numLayers,
                                   int numStacks, String mskActivate) {
        this.inputDim = inputDim;
        this.numSources = numSources;
        inputNorm = registerModule("input_norm", new GroupNorm(1, inputDim, 1e-8, true));
        inputConv = registerModule("input_conv", new Conv1d(inputDim, numFeats, 1));
        convLayers = registerModule("conv_layers", new ModuleList());
        long field = 0;
        for (int s = 0; s < numStacks; s++) {
            for (int l = 0; l < numLayers; l++) {
                long multi = 1L << l;
                boolean last = l == numLayers - 1 && s == numStacks - 1;
                convLayers.add(new ConvBlock(numFeats, numHidden, kernelSize, multi, multi, last));
                field += s == 0 && l == 0 ? kernelSize : (kernelSize - 1) * multi;
            }
        }
        receptiveField = field;
        outputPrelu = registerModule("output_prelu", new PReLU());
        outputConv = registerModule("output_conv", new Conv1d(numFeats, inputDim * numSources, 1));
        maskActivate = switch (mskActivate) {
            case "sigmoid" -> registerModule("mask_activate", new Sigmoid());
            case "relu" -> registerModule("mask_activate", new ReLU());
            default -> throw new IllegalArgumentException("Unsupported activation " + mskActivate);
        };
    }

    /** Encoder features [batch, inputDim, frames] to masks [batch, numSources, inputDim, frames]. */
    @Override
    public Tensor forward(Tensor input) {
        long batch = input.size(0);
        Tensor feats = inputConv.call(inputNorm.call(input));
        Tensor output = null;
        for (Module m : convLayers) {
            ConvBlock.Output r = ((ConvBlock) m).callBoth(feats);
            if (r.residual() != null) feats = feats.add(r.residual());
            output = output == null ? r.skip() : output.add(r.skip());
        }
        output = maskActivate.call(outputConv.call(outputPrelu.call(output)));
        return output.view(batch, numSources, inputDim, -1);
    }
}
