package org.torch4j.vision.models;

import java.util.List;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.AdaptiveAvgPool2d;
import org.torch4j.nn.BatchNorm2d;
import org.torch4j.nn.Conv2d;
import org.torch4j.nn.Dropout;
import org.torch4j.nn.Init;
import org.torch4j.nn.Linear;
import org.torch4j.nn.MaxPool2d;
import org.torch4j.nn.Module;

/**
 * GoogLeNet (Inception v1, {@code torchvision.models.GoogLeNet}, Szegedy et al. 2014) without the
 * auxiliary classifiers ({@code aux_logits=False}; torchvision runs them only while training): a
 * convolutional stem, nine {@link Inception} modules between ceil-mode max pools, global average
 * pooling, dropout and a linear {@code fc}. Initialised as with {@code init_weights=True}: every
 * convolution and linear weight drawn from a normal with std 0.01 truncated to [-2, 2], unit batch
 * norms; the biases keep their default draws. torchvision's ImageNet checkpoint also holds the
 * auxiliary classifiers ({@code aux1.*}, {@code aux2.*}), which torchvision drops after loading: load it
 * with {@code loadStateDict(state, false)} into a model built with {@code transformInput} true, as
 * torchvision builds it for those weights.
 */
public class GoogLeNet extends Module {
    private final boolean transformInput;
    private final Module conv1, maxpool1, conv2, conv3, maxpool2, inception3a, inception3b, maxpool3, inception4a, inception4b,
            inception4c, inception4d, inception4e, maxpool4, inception5a, inception5b, avgpool, dropout;
    /** The linear classifier. */
    public final Linear fc;

    /** {@code GoogLeNet(num_classes=numClasses, aux_logits=False, init_weights=True)}: 6.6M parameters at 1000 classes. */
    public GoogLeNet(int numClasses) {
        this(numClasses, false, 0.2);
    }

    /**
     * A GoogLeNet with {@code numClasses} outputs and dropout {@code dropout} before {@code fc}; with
     * {@code transformInput} it first maps ImageNet-normalised input to the [-1, 1] scaling that
     * Google's original weights expect, as torchvision's {@code transform_input}.
     */
    public GoogLeNet(int numClasses, boolean transformInput, double dropout) {
        this.transformInput = transformInput;
        conv1 = registerModule("conv1", new BasicConv2d(3, 64, 7, 2, 3));
        maxpool1 = registerModule("maxpool1", pool(3));
        conv2 = registerModule("conv2", new BasicConv2d(64, 64, 1));
        conv3 = registerModule("conv3", new BasicConv2d(64, 192, 3, 1, 1));
        maxpool2 = registerModule("maxpool2", pool(3));
        inception3a = registerModule("inception3a", new Inception(192, 64, 96, 128, 16, 32, 32));
        inception3b = registerModule("inception3b", new Inception(256, 128, 128, 192, 32, 96, 64));
        maxpool3 = registerModule("maxpool3", pool(3));
        inception4a = registerModule("inception4a", new Inception(480, 192, 96, 208, 16, 48, 64));
        inception4b = registerModule("inception4b", new Inception(512, 160, 112, 224, 24, 64, 64));
        inception4c = registerModule("inception4c", new Inception(512, 128, 128, 256, 24, 64, 64));
        inception4d = registerModule("inception4d", new Inception(512, 112, 144, 288, 32, 64, 64));
        inception4e = registerModule("inception4e", new Inception(528, 256, 160, 320, 32, 128, 128));
        maxpool4 = registerModule("maxpool4", pool(2));
        inception5a = registerModule("inception5a", new Inception(832, 256, 160, 320, 32, 128, 128));
        inception5b = registerModule("inception5b", new Inception(832, 384, 192, 384, 48, 128, 128));
        avgpool = registerModule("avgpool", new AdaptiveAvgPool2d(1, 1));
        this.dropout = registerModule("dropout", new Dropout(dropout));
        fc = registerModule("fc", new Linear(1024, numClasses));
        // init_weights=True, after construction and in module order
        for (Module m : modules()) {
            if (m instanceof Conv2d c) {
                Init.truncNormal_(c.weight, 0, 0.01, -2, 2);
            } else if (m instanceof Linear l) {
                Init.truncNormal_(l.weight, 0, 0.01, -2, 2);
            } else if (m instanceof BatchNorm2d bn) {
                Init.constant_(bn.weight, 1);
                Init.constant_(bn.bias, 0);
            }
        }
    }

    /** A stride-2 max pool of {@code kernel} in ceil mode. */
    private static MaxPool2d pool(long kernel) {
        return new MaxPool2d(new long[] {kernel}, new long[] {2}, new long[] {0}, new long[] {1}, true);
    }

    /** Logits [N, numClasses] for images [N, 3, H, W] (H, W at least 2). */
    @Override
    public Tensor forward(Tensor input) {
        Tensor x = transformInput ? transformInput(input) : input;
        x = maxpool2.call(conv3.call(conv2.call(maxpool1.call(conv1.call(x)))));
        x = maxpool3.call(inception3b.call(inception3a.call(x)));
        x = inception4d.call(inception4c.call(inception4b.call(inception4a.call(x))));
        x = maxpool4.call(inception4e.call(x));
        x = inception5b.call(inception5a.call(x));
        return fc.call(dropout.call(avgpool.call(x).flatten(1, -1)));
    }

    /**
     * What {@code transformInput} does to images [N, 3, H, W] normalised with ImageNet's mean and std: each
     * channel mapped to the (x - 0.5) / 0.5 scaling, as torchvision's {@code _transform_input}.
     */
    public static Tensor transformInput(Tensor x) {
        double[] std = {0.229, 0.224, 0.225}, mean = {0.485, 0.456, 0.406};
        Tensor[] ch = new Tensor[3];
        for (int c = 0; c < 3; c++) ch[c] = x.select(1, c).unsqueeze(1).mul(std[c] / 0.5).add((mean[c] - 0.5) / 0.5);
        return Torch.cat(List.of(ch), 1);
    }
}
