package org.torch4j.vision.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.osgi.service.component.annotations.Component;
import org.torch4j.data.Dataset;
import org.torch4j.nn.Module;
import org.torch4j.platform.DatasetProvider;
import org.torch4j.platform.ModelProvider;
import org.torch4j.vision.datasets.Mnist;
import org.torch4j.vision.models.LeNet5;

/** What the vision bundle contributes to the platform, as services (whiteboard) and ServiceLoader providers. */
public final class VisionContributions {
    private VisionContributions() {}

    static int classes(Map<String, Object> options) {
        Object n = options.get("numClasses");
        return n == null ? 10 : Integer.parseInt(n.toString());
    }

    /** {@code lenet5}: LeNet-5 for 28x28 grey images. */
    @Component(service = ModelProvider.class)
    public static final class LeNet5Provider implements ModelProvider {
        @Override
        public String name() {
            return "lenet5";
        }

        @Override
        public String domain() {
            return "vision";
        }

        @Override
        public String description() {
            return "LeNet-5 for 28x28 single-channel images (options: numClasses)";
        }

        @Override
        public Module create(Map<String, Object> options) {
            return new LeNet5(classes(options));
        }
    }

    /** MNIST-style IDX datasets: {@code root} (a folder) and {@code train} (default true). */
    abstract static class IdxDataset implements DatasetProvider {
        abstract Path defaultRoot();

        @Override
        public String domain() {
            return "vision";
        }

        @Override
        public Dataset<?> open(Map<String, Object> options) throws IOException {
            Object root = options.get("root");
            Path dir = root != null ? Path.of(root.toString()) : defaultRoot();
            if (dir == null) throw new IOException(name() + ": give the folder holding the IDX files as option 'root'");
            boolean train = !Boolean.FALSE.equals(options.get("train")) && !"false".equals(String.valueOf(options.get("train")));
            return Mnist.load(dir, train);
        }
    }

    @Component(service = DatasetProvider.class)
    public static final class FashionMnistProvider extends IdxDataset {
        @Override
        public String name() {
            return "fashion-mnist";
        }

        @Override
        public String description() {
            return "Fashion-MNIST, 70,000 28x28 clothing images in 10 classes (default root /usr/share/datasets/fashion-mnist)";
        }

        @Override
        Path defaultRoot() {
            return Path.of("/usr/share/datasets/fashion-mnist");
        }
    }

    @Component(service = DatasetProvider.class)
    public static final class MnistProvider extends IdxDataset {
        @Override
        public String name() {
            return "mnist";
        }

        @Override
        public String description() {
            return "MNIST handwritten digits from IDX files (option root)";
        }

        @Override
        Path defaultRoot() {
            return null;
        }
    }
}
