package org.torch4j.vision.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.osgi.service.component.annotations.Component;
import org.torch4j.Tensor;
import org.torch4j.data.Dataset;
import org.torch4j.nn.Module;
import org.torch4j.platform.DatasetProvider;
import org.torch4j.platform.ModelProvider;
import org.torch4j.platform.TransformProvider;
import org.torch4j.vision.datasets.Cifar;
import org.torch4j.vision.datasets.ImageFolder;
import org.torch4j.vision.models.Models;
import org.torch4j.vision.transforms.CenterCrop;
import org.torch4j.vision.transforms.InterpolationMode;
import org.torch4j.vision.transforms.Normalize;
import org.torch4j.vision.transforms.RandomCrop;
import org.torch4j.vision.transforms.RandomHorizontalFlip;
import org.torch4j.vision.transforms.Resize;
import org.torch4j.vision.transforms.ToTensor;

/**
 * The torchvision-style models, datasets and transforms contributed to the platform catalog, one
 * small provider class per name (a DS component inside OSGi, a ServiceLoader provider outside).
 * Models take {@code numClasses} (default 1000, as torchvision); datasets take {@code root} and
 * {@code train}.
 */
public final class VisionProviders {
    private VisionProviders() {}

    static int intOption(Map<String, Object> options, String key, int dflt) {
        Object v = options.get(key);
        return v == null ? dflt : Integer.parseInt(v.toString().strip());
    }

    static boolean train(Map<String, Object> options) {
        Object t = options.get("train");
        return t == null || Boolean.parseBoolean(t.toString().strip());
    }

    static Path root(Map<String, Object> options, String name) throws IOException {
        Object root = options.get("root");
        if (root == null) throw new IOException(name + ": give the dataset folder as option 'root'");
        return Path.of(root.toString());
    }

    static double[] doubles(Object v, double[] dflt) {
        if (v == null) return dflt;
        String[] parts = v.toString().replace("[", "").replace("]", "").split("[,\\s]+");
        double[] out = new double[parts.length];
        for (int i = 0; i < parts.length; i++) out[i] = Double.parseDouble(parts[i]);
        return out;
    }

    /** A model of {@link Models} by name. */
    abstract static class ModelEntry implements ModelProvider {
        private final String name;

        ModelEntry(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String domain() {
            return "vision";
        }

        @Override
        public String description() {
            return Models.description(name) + " (options: numClasses, default 1000)";
        }

        @Override
        public Module create(Map<String, Object> options) {
            return Models.create(name, intOption(options, "numClasses", 1000));
        }
    }

    /** {@code resnet18}. */
    @Component(service = ModelProvider.class)
    public static final class ResNet18 extends ModelEntry {
        /** The provider, for DS and ServiceLoader. */
        public ResNet18() {
            super("resnet18");
        }
    }

    /** {@code resnet34}. */
    @Component(service = ModelProvider.class)
    public static final class ResNet34 extends ModelEntry {
        /** The provider, for DS and ServiceLoader. */
        public ResNet34() {
            super("resnet34");
        }
    }

    /** {@code resnet50}. */
    @Component(service = ModelProvider.class)
    public static final class ResNet50 extends ModelEntry {
        /** The provider, for DS and ServiceLoader. */
        public ResNet50() {
            super("resnet50");
        }
    }

    /** {@code mobilenet_v2}. */
    @Component(service = ModelProvider.class)
    public static final class MobileNetV2 extends ModelEntry {
        /** The provider, for DS and ServiceLoader. */
        public MobileNetV2() {
            super("mobilenet_v2");
        }
    }

    /** {@code vgg11}. */
    @Component(service = ModelProvider.class)
    public static final class Vgg11 extends ModelEntry {
        /** The provider, for DS and ServiceLoader. */
        public Vgg11() {
            super("vgg11");
        }
    }

    /** {@code vgg11_bn}. */
    @Component(service = ModelProvider.class)
    public static final class Vgg11Bn extends ModelEntry {
        /** The provider, for DS and ServiceLoader. */
        public Vgg11Bn() {
            super("vgg11_bn");
        }
    }

    /** {@code vgg16}. */
    @Component(service = ModelProvider.class)
    public static final class Vgg16 extends ModelEntry {
        /** The provider, for DS and ServiceLoader. */
        public Vgg16() {
            super("vgg16");
        }
    }

    /** {@code vgg16_bn}. */
    @Component(service = ModelProvider.class)
    public static final class Vgg16Bn extends ModelEntry {
        /** The provider, for DS and ServiceLoader. */
        public Vgg16Bn() {
            super("vgg16_bn");
        }
    }

    /** {@code vit_small}. */
    @Component(service = ModelProvider.class)
    public static final class VitSmall extends ModelEntry {
        /** The provider, for DS and ServiceLoader. */
        public VitSmall() {
            super("vit_small");
        }
    }

    /** {@code vit_b_16}. */
    @Component(service = ModelProvider.class)
    public static final class VitB16 extends ModelEntry {
        /** The provider, for DS and ServiceLoader. */
        public VitB16() {
            super("vit_b_16");
        }
    }

    /** {@code alexnet}. */
    @Component(service = ModelProvider.class)
    public static final class AlexNet extends ModelEntry {
        /** The provider, for DS and ServiceLoader. */
        public AlexNet() {
            super("alexnet");
        }
    }

    /** {@code squeezenet1_0}. */
    @Component(service = ModelProvider.class)
    public static final class SqueezeNet10 extends ModelEntry {
        /** The provider, for DS and ServiceLoader. */
        public SqueezeNet10() {
            super("squeezenet1_0");
        }
    }

    /** {@code squeezenet1_1}. */
    @Component(service = ModelProvider.class)
    public static final class SqueezeNet11 extends ModelEntry {
        /** The provider, for DS and ServiceLoader. */
        public SqueezeNet11() {
            super("squeezenet1_1");
        }
    }

    /** {@code densenet121}. */
    @Component(service = ModelProvider.class)
    public static final class DenseNet121 extends ModelEntry {
        /** The provider, for DS and ServiceLoader. */
        public DenseNet121() {
            super("densenet121");
        }
    }

    /** {@code googlenet}. */
    @Component(service = ModelProvider.class)
    public static final class GoogLeNet extends ModelEntry {
        /** The provider, for DS and ServiceLoader. */
        public GoogLeNet() {
            super("googlenet");
        }
    }

    /** {@code shufflenet_v2_x0_5}. */
    @Component(service = ModelProvider.class)
    public static final class ShuffleNetV2X05 extends ModelEntry {
        /** The provider, for DS and ServiceLoader. */
        public ShuffleNetV2X05() {
            super("shufflenet_v2_x0_5");
        }
    }

    /** {@code shufflenet_v2_x1_0}. */
    @Component(service = ModelProvider.class)
    public static final class ShuffleNetV2X10 extends ModelEntry {
        /** The provider, for DS and ServiceLoader. */
        public ShuffleNetV2X10() {
            super("shufflenet_v2_x1_0");
        }
    }

    /** {@code mobilenet_v3_small}. */
    @Component(service = ModelProvider.class)
    public static final class MobileNetV3Small extends ModelEntry {
        /** The provider, for DS and ServiceLoader. */
        public MobileNetV3Small() {
            super("mobilenet_v3_small");
        }
    }

    /** {@code mobilenet_v3_large}. */
    @Component(service = ModelProvider.class)
    public static final class MobileNetV3Large extends ModelEntry {
        /** The provider, for DS and ServiceLoader. */
        public MobileNetV3Large() {
            super("mobilenet_v3_large");
        }
    }

    /** {@code efficientnet_b0}. */
    @Component(service = ModelProvider.class)
    public static final class EfficientNetB0 extends ModelEntry {
        /** The provider, for DS and ServiceLoader. */
        public EfficientNetB0() {
            super("efficientnet_b0");
        }
    }

    /** {@code convnext_tiny}. */
    @Component(service = ModelProvider.class)
    public static final class ConvNeXtTiny extends ModelEntry {
        /** The provider, for DS and ServiceLoader. */
        public ConvNeXtTiny() {
            super("convnext_tiny");
        }
    }

    /** {@code cifar10}: the binary CIFAR-10 under option {@code root}, split by {@code train}. */
    @Component(service = DatasetProvider.class)
    public static final class Cifar10Dataset implements DatasetProvider {
        @Override
        public String name() {
            return "cifar10";
        }

        @Override
        public String domain() {
            return "vision";
        }

        @Override
        public String description() {
            return "CIFAR-10, 60,000 32x32 colour images in 10 classes, binary version (options: root, train)";
        }

        @Override
        public Dataset<?> open(Map<String, Object> options) throws IOException {
            return Cifar.cifar10(root(options, name()), train(options));
        }
    }

    /** {@code cifar100}: the binary CIFAR-100 under option {@code root}, split by {@code train}. */
    @Component(service = DatasetProvider.class)
    public static final class Cifar100Dataset implements DatasetProvider {
        @Override
        public String name() {
            return "cifar100";
        }

        @Override
        public String domain() {
            return "vision";
        }

        @Override
        public String description() {
            return "CIFAR-100, 60,000 32x32 colour images in 100 classes (20 superclasses), binary version (options: root, train)";
        }

        @Override
        public Dataset<?> open(Map<String, Object> options) throws IOException {
            return Cifar.cifar100(root(options, name()), train(options));
        }
    }

    /** {@code image-folder}: one subfolder per class under option {@code root}, images as float [3, H, W]. */
    @Component(service = DatasetProvider.class)
    public static final class ImageFolderDataset implements DatasetProvider {
        @Override
        public String name() {
            return "image-folder";
        }

        @Override
        public String domain() {
            return "vision";
        }

        @Override
        public String description() {
            return "images in one subfolder per class (options: root; optional size: resize and centre-crop to size x size)";
        }

        @Override
        public Dataset<?> open(Map<String, Object> options) throws IOException {
            int size = intOption(options, "size", 0);
            UnaryOperator<Tensor> t = size > 0
                    ? new org.torch4j.vision.transforms.Compose(new Resize(size), new CenterCrop(size), new ToTensor())
                    : new ToTensor();
            return new ImageFolder(root(options, name()), t);
        }
    }

    /** A transform provider with a name and a description. */
    abstract static class TransformEntry implements TransformProvider {
        private final String name, description;

        TransformEntry(String name, String description) {
            this.name = name;
            this.description = description;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String domain() {
            return "vision";
        }

        @Override
        public String description() {
            return description;
        }
    }

    /** {@code to-tensor}. */
    @Component(service = TransformProvider.class)
    public static final class ToTensorTransform extends TransformEntry {
        /** The provider, for DS and ServiceLoader. */
        public ToTensorTransform() {
            super("to-tensor", "uint8 [C, H, W] image to float32 in [0, 1]");
        }

        @Override
        public UnaryOperator<Tensor> create(Map<String, Object> options) {
            return new ToTensor();
        }
    }

    /** {@code normalize}. */
    @Component(service = TransformProvider.class)
    public static final class NormalizeTransform extends TransformEntry {
        /** The provider, for DS and ServiceLoader. */
        public NormalizeTransform() {
            super("normalize", "(x - mean) / std per channel (options: mean, std; default ImageNet's)");
        }

        @Override
        public UnaryOperator<Tensor> create(Map<String, Object> options) {
            return new Normalize(doubles(options.get("mean"), new double[] {0.485, 0.456, 0.406}),
                    doubles(options.get("std"), new double[] {0.229, 0.224, 0.225}));
        }
    }

    /** {@code resize}. */
    @Component(service = TransformProvider.class)
    public static final class ResizeTransform extends TransformEntry {
        /** The provider, for DS and ServiceLoader. */
        public ResizeTransform() {
            super("resize", "resize the smaller edge to size (options: size, interpolation nearest|bilinear, antialias)");
        }

        @Override
        public UnaryOperator<Tensor> create(Map<String, Object> options) {
            String mode = String.valueOf(options.getOrDefault("interpolation", "bilinear")).toUpperCase(java.util.Locale.ROOT);
            return new Resize(new int[] {intOption(options, "size", 224)}, InterpolationMode.valueOf(mode), null,
                    Boolean.parseBoolean(String.valueOf(options.getOrDefault("antialias", "false"))));
        }
    }

    /** {@code center-crop}. */
    @Component(service = TransformProvider.class)
    public static final class CenterCropTransform extends TransformEntry {
        /** The provider, for DS and ServiceLoader. */
        public CenterCropTransform() {
            super("center-crop", "the central size x size window (options: size)");
        }

        @Override
        public UnaryOperator<Tensor> create(Map<String, Object> options) {
            return new CenterCrop(intOption(options, "size", 224));
        }
    }

    /** {@code random-crop}. */
    @Component(service = TransformProvider.class)
    public static final class RandomCropTransform extends TransformEntry {
        /** The provider, for DS and ServiceLoader. */
        public RandomCropTransform() {
            super("random-crop", "a random size x size window after padding (options: size, padding)");
        }

        @Override
        public UnaryOperator<Tensor> create(Map<String, Object> options) {
            int padding = intOption(options, "padding", 0);
            int size = intOption(options, "size", 32);
            return new RandomCrop(size, size, padding > 0 ? new int[] {padding} : null, false, 0, "constant");
        }
    }

    /** {@code random-hflip}. */
    @Component(service = TransformProvider.class)
    public static final class RandomHorizontalFlipTransform extends TransformEntry {
        /** The provider, for DS and ServiceLoader. */
        public RandomHorizontalFlipTransform() {
            super("random-hflip", "mirror with probability p (options: p, default 0.5)");
        }

        @Override
        public UnaryOperator<Tensor> create(Map<String, Object> options) {
            Object p = options.get("p");
            return new RandomHorizontalFlip(p == null ? 0.5 : Double.parseDouble(p.toString()));
        }
    }

    /** {@code auto-augment}. */
    @Component(service = TransformProvider.class)
    public static final class AutoAugmentTransform extends TransformEntry {
        /** The provider, for DS and ServiceLoader. */
        public AutoAugmentTransform() {
            super("auto-augment", "AutoAugment on uint8 images (options: policy imagenet|cifar10|svhn, default imagenet)");
        }

        @Override
        public UnaryOperator<Tensor> create(Map<String, Object> options) {
            String policy = String.valueOf(options.getOrDefault("policy", "imagenet")).strip().toUpperCase(java.util.Locale.ROOT);
            return new org.torch4j.vision.transforms.AutoAugment(org.torch4j.vision.transforms.AutoAugmentPolicy.valueOf(policy),
                    InterpolationMode.NEAREST, null);
        }
    }

    /** {@code rand-augment}. */
    @Component(service = TransformProvider.class)
    public static final class RandAugmentTransform extends TransformEntry {
        /** The provider, for DS and ServiceLoader. */
        public RandAugmentTransform() {
            super("rand-augment", "RandAugment on uint8 images (options: numOps, default 2; magnitude, default 9 of 31)");
        }

        @Override
        public UnaryOperator<Tensor> create(Map<String, Object> options) {
            return new org.torch4j.vision.transforms.RandAugment(intOption(options, "numOps", 2), intOption(options, "magnitude", 9), 31,
                    InterpolationMode.NEAREST, null);
        }
    }

    /** {@code trivial-augment-wide}. */
    @Component(service = TransformProvider.class)
    public static final class TrivialAugmentWideTransform extends TransformEntry {
        /** The provider, for DS and ServiceLoader. */
        public TrivialAugmentWideTransform() {
            super("trivial-augment-wide", "TrivialAugment Wide on uint8 images: one random operation at a random magnitude");
        }

        @Override
        public UnaryOperator<Tensor> create(Map<String, Object> options) {
            return new org.torch4j.vision.transforms.TrivialAugmentWide();
        }
    }

    /** {@code random-erasing}. */
    @Component(service = TransformProvider.class)
    public static final class RandomErasingTransform extends TransformEntry {
        /** The provider, for DS and ServiceLoader. */
        public RandomErasingTransform() {
            super("random-erasing", "erase a random rectangle with probability p (options: p, default 0.5)");
        }

        @Override
        public UnaryOperator<Tensor> create(Map<String, Object> options) {
            double p = Double.parseDouble(String.valueOf(options.getOrDefault("p", "0.5")).strip());
            return new org.torch4j.vision.transforms.RandomErasing(p, new double[] {0.02, 0.33}, new double[] {0.3, 3.3}, new double[] {0}, false);
        }
    }
}
