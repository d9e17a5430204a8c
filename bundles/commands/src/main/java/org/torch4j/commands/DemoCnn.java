package org.torch4j.commands;

import java.util.Map;
import org.osgi.service.component.annotations.Component;
import org.torch4j.Tensor;
import org.torch4j.nn.Conv2d;
import org.torch4j.nn.F;
import org.torch4j.nn.Linear;
import org.torch4j.nn.Module;
import org.torch4j.platform.ModelProvider;

/**
 * The demo's classifier for 28x28 grey images in [0, 1]: the input is normalised with Fashion-MNIST's
 * mean and standard deviation inside the model (so a checkpoint or its ONNX export takes plain pixels),
 * then conv1 (1->16, 3x3, pad 1), ReLU, 2x2 max pool, conv2 (16->32, 3x3, pad 1), ReLU, 2x2 max pool,
 * fc1 (1568->128), ReLU, fc2 (128->classes): 206,922 parameters for 10 classes; {@code benchmarks/pytorch/demo_cnn.py}
 * holds the same model in PyTorch.
 */
public final class DemoCnn extends Module {
    /** The name the model is registered under in the platform catalog. */
    public static final String NAME = "fashion-cnn";
    /** Fashion-MNIST's pixel mean and standard deviation over the training set (pixels in [0, 1]). */
    static final double MEAN = 0.2860, STD = 0.3530;

    /** The layers, named as their state-dict keys. */
    public final Conv2d conv1, conv2;
    /** The classifier head. */
    public final Linear fc1, fc2;

    /** A model with freshly initialised weights (PyTorch's default initialisation). */
    public DemoCnn(int classes) {
        if (classes < 2) throw new IllegalArgumentException("a classifier needs at least 2 classes, got " + classes);
        conv1 = registerModule("conv1", new Conv2d(1, 16, 3, 1, 1));
        conv2 = registerModule("conv2", new Conv2d(16, 32, 3, 1, 1));
        fc1 = registerModule("fc1", new Linear(32 * 7 * 7, 128));
        fc2 = registerModule("fc2", new Linear(128, classes));
    }

    @Override
    public Tensor forward(Tensor x) {
        if (x.dim() != 4 || x.size(1) != 1 || x.size(2) != 28 || x.size(3) != 28) {
            throw new IllegalArgumentException("fashion-cnn expects input of shape [N, 1, 28, 28], got "
                    + java.util.Arrays.toString(x.shape()));
        }
        Tensor h = x.sub(MEAN).div(STD);
        h = F.maxPool2d(conv1.call(h).relu(), 2);
        h = F.maxPool2d(conv2.call(h).relu(), 2);
        h = fc1.call(h.flatten(1, -1)).relu();
        return fc2.call(h);
    }

    /** Contributes the model to the platform catalog as {@value #NAME} (option {@code numClasses}). */
    @Component(service = ModelProvider.class)
    public static final class Provider implements ModelProvider {
        @Override
        public String name() {
            return NAME;
        }

        @Override
        public String domain() {
            return "vision";
        }

        @Override
        public String description() {
            return "the demo's small CNN for 28x28 grey images, input in [0, 1] (options: numClasses)";
        }

        @Override
        public Module create(Map<String, Object> options) {
            Object n = options.get("numClasses");
            return new DemoCnn(n == null ? 10 : Integer.parseInt(n.toString()));
        }
    }
}
