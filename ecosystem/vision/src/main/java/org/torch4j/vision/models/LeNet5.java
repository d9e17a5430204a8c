package org.torch4j.vision.models;

import org.torch4j.Tensor;
import org.torch4j.nn.Conv2d;
import org.torch4j.nn.F;
import org.torch4j.nn.Linear;
import org.torch4j.nn.Module;

/**
 * LeNet-5 for 28x28 single-channel images (LeCun et al. 1998, with ReLU and max pooling as usually
 * written in PyTorch): conv1 (1->6, 5x5, pad 2), conv2 (6->16, 5x5), fc1 (400->120), fc2 (120->84),
 * fc3 (84->classes). State-dict keys: {@code conv1.weight}, ..., {@code fc3.bias}.
 */
public class LeNet5 extends Module {
    /** The convolutions: 1 to 6 channels (5x5, padding 2) and 6 to 16 channels (5x5). */
    public final Conv2d conv1, conv2;
    /** The fully connected layers: 400 to 120, 120 to 84, 84 to the number of classes. */
    public final Linear fc1, fc2, fc3;

    /** LeNet-5 with 10 classes (the digits). */
    public LeNet5() {
        this(10);
    }

    /**
     * LeNet-5 mapping {@code (N, 1, 28, 28)} images to {@code (N, numClasses)} logits, with PyTorch's default layer
     * initialisation.
     *
     * @param numClasses the number of output classes
     */
    public LeNet5(int numClasses) {
        conv1 = registerModule("conv1", new Conv2d(1, 6, new long[] {5}, new long[] {1}, new long[] {2}, new long[] {1}, 1, true, "zeros"));
        conv2 = registerModule("conv2", new Conv2d(6, 16, 5));
        fc1 = registerModule("fc1", new Linear(16 * 5 * 5, 120));
        fc2 = registerModule("fc2", new Linear(120, 84));
        fc3 = registerModule("fc3", new Linear(84, numClasses));
    }

    @Override
    public Tensor forward(Tensor x) {
        Tensor h = F.maxPool2d(conv1.call(x).relu(), 2);
        h = F.maxPool2d(conv2.call(h).relu(), 2);
        h = h.flatten(1, -1);
        h = fc1.call(h).relu();
        h = fc2.call(h).relu();
        return fc3.call(h);
    }
}
