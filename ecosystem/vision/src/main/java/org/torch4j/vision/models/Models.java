package org.torch4j.vision.models;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.torch4j.nn.Module;

/**
 * The vision models by torchvision's builder names ({@code resnet18}, {@code vgg11_bn}, ...), each
 * with freshly initialised weights for a given number of classes.
 */
public final class Models {
    private Models() {}

    /** What a name builds, and a line for listings. */
    private record Entry(IntFunction<Module> builder, String description) {}

    private static final Map<String, Entry> MODELS = new LinkedHashMap<>();

    static {
        MODELS.put("lenet5", new Entry(LeNet5::new, "LeNet-5 for 28x28 single-channel images"));
        MODELS.put("resnet18", new Entry(ResNet::resnet18, "ResNet-18 (torchvision's resnet18), 11.7M parameters"));
        MODELS.put("resnet34", new Entry(ResNet::resnet34, "ResNet-34 (torchvision's resnet34), 21.8M parameters"));
        MODELS.put("resnet50", new Entry(ResNet::resnet50, "ResNet-50 (torchvision's resnet50), 25.6M parameters"));
        MODELS.put("mobilenet_v2", new Entry(MobileNetV2::new, "MobileNetV2 (torchvision's mobilenet_v2), 3.5M parameters"));
        MODELS.put("vgg11", new Entry(VGG::vgg11, "VGG-11 (torchvision's vgg11), 133M parameters"));
        MODELS.put("vgg11_bn", new Entry(VGG::vgg11Bn, "VGG-11 with batch norm (torchvision's vgg11_bn)"));
        MODELS.put("vgg16", new Entry(VGG::vgg16, "VGG-16 (torchvision's vgg16), 138M parameters"));
        MODELS.put("vgg16_bn", new Entry(VGG::vgg16Bn, "VGG-16 with batch norm (torchvision's vgg16_bn)"));
        MODELS.put("vit_small", new Entry(VisionTransformer::vitSmall,
                "a small VisionTransformer for 32x32 images: patch 4, 4 layers, 4 heads, width 64, MLP 128"));
        MODELS.put("vit_b_16", new Entry(VisionTransformer::vitB16, "ViT-B/16 (torchvision's vit_b_16), 86.6M parameters"));
        MODELS.put("alexnet", new Entry(AlexNet::new, "AlexNet (torchvision's alexnet), 61.1M parameters"));
        MODELS.put("squeezenet1_0", new Entry(SqueezeNet::squeezenet1_0, "SqueezeNet 1.0 (torchvision's squeezenet1_0), 1.2M parameters"));
        MODELS.put("squeezenet1_1", new Entry(SqueezeNet::squeezenet1_1, "SqueezeNet 1.1 (torchvision's squeezenet1_1), 1.2M parameters"));
        MODELS.put("densenet121", new Entry(DenseNet::densenet121, "DenseNet-121 (torchvision's densenet121), 8.0M parameters"));
        MODELS.put("googlenet", new Entry(GoogLeNet::new,
                "GoogLeNet (torchvision's googlenet without the auxiliary classifiers), 6.6M parameters"));
        MODELS.put("shufflenet_v2_x0_5", new Entry(ShuffleNetV2::shufflenetV2X05,
                "ShuffleNetV2 x0.5 (torchvision's shufflenet_v2_x0_5), 1.4M parameters"));
        MODELS.put("shufflenet_v2_x1_0", new Entry(ShuffleNetV2::shufflenetV2X10,
                "ShuffleNetV2 x1.0 (torchvision's shufflenet_v2_x1_0), 2.3M parameters"));
        MODELS.put("mobilenet_v3_small", new Entry(MobileNetV3::mobilenetV3Small,
                "MobileNetV3-Small (torchvision's mobilenet_v3_small), 2.5M parameters"));
        MODELS.put("mobilenet_v3_large", new Entry(MobileNetV3::mobilenetV3Large,
                "MobileNetV3-Large (torchvision's mobilenet_v3_large), 5.5M parameters"));
        MODELS.put("efficientnet_b0", new Entry(EfficientNet::efficientnetB0,
                "EfficientNet-B0 (torchvision's efficientnet_b0), 5.3M parameters"));
        MODELS.put("convnext_tiny", new Entry(ConvNeXt::convnextTiny, "ConvNeXt-Tiny (torchvision's convnext_tiny), 28.6M parameters"));
    }

    /** Every name {@link #create} accepts, in a fixed order. */
    public static List<String> names() {
        return List.copyOf(MODELS.keySet());
    }

    /** One line describing the model {@code name}. */
    public static String description(String name) {
        return entry(name).description();
    }

    /** A new model {@code name} with {@code numClasses} outputs, initialised as torchvision does. */
    public static Module create(String name, int numClasses) {
        if (numClasses < 1) throw new IllegalArgumentException("numClasses must be positive, got " + numClasses);
        return entry(name).builder().apply(numClasses);
    }

    private static Entry entry(String name) {
        Entry e = MODELS.get(name);
        if (e == null) throw new IllegalArgumentException("unknown vision model '" + name + "'; known: " + String.join(", ", MODELS.keySet()));
        return e;
    }
}
