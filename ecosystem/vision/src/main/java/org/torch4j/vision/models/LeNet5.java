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
    public final Conv2d conv1, conv2;
    public final Linear fc1, fc2, fc3;

    public LeNet5() {
        this(10);
    }

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
