package org.torch4j.vision.models;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.torch4j.nn.Module;
import org.torch4j.vision.models.segmentation.DeepLabV3;
import org.torch4j.vision.models.segmentation.FCN;
import org.torch4j.vision.models.segmentation.LRASPP;
import org.torch4j.vision.models.video.MViT;
import org.torch4j.vision.models.video.S3D;
import org.torch4j.vision.models.video.VideoResNet;

/**
 * The vision models by torchvision's builder names ({@code resnet18}, {@code vgg11_bn}, ...), each
 * with freshly initialised weights for a given number of classes (the segmentation models'
 * {@code fcn_resnet50}, ... give per-pixel logits; torchvision's default there is 21 classes; the video models'
 * {@code r3d_18}, ... take clips [N, 3, T, H, W]; torchvision's default there is 400 classes).
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
        // the larger members of the families above, by torchvision's names
        MODELS.put("resnet101", new Entry(ResNet::resnet101, "ResNet-101 (torchvision's resnet101), 44.5M parameters"));
        MODELS.put("resnet152", new Entry(ResNet::resnet152, "ResNet-152 (torchvision's resnet152), 60.2M parameters"));
        MODELS.put("resnext50_32x4d", new Entry(ResNet::resnext50_32x4d, "ResNeXt-50 32x4d (torchvision's resnext50_32x4d), 25.0M parameters"));
        MODELS.put("resnext101_32x8d", new Entry(ResNet::resnext101_32x8d, "ResNeXt-101 32x8d (torchvision's resnext101_32x8d), 88.8M parameters"));
        MODELS.put("resnext101_64x4d", new Entry(ResNet::resnext101_64x4d, "ResNeXt-101 64x4d (torchvision's resnext101_64x4d), 83.5M parameters"));
        MODELS.put("wide_resnet50_2", new Entry(ResNet::wideResnet50_2, "Wide ResNet-50-2 (torchvision's wide_resnet50_2), 68.9M parameters"));
        MODELS.put("wide_resnet101_2", new Entry(ResNet::wideResnet101_2, "Wide ResNet-101-2 (torchvision's wide_resnet101_2), 126.9M parameters"));
        MODELS.put("vgg13", new Entry(VGG::vgg13, "VGG-13 (torchvision's vgg13), 133M parameters"));
        MODELS.put("vgg13_bn", new Entry(VGG::vgg13Bn, "VGG-13 with batch norm (torchvision's vgg13_bn)"));
        MODELS.put("vgg19", new Entry(VGG::vgg19, "VGG-19 (torchvision's vgg19), 144M parameters"));
        MODELS.put("vgg19_bn", new Entry(VGG::vgg19Bn, "VGG-19 with batch norm (torchvision's vgg19_bn)"));
        MODELS.put("densenet161", new Entry(DenseNet::densenet161, "DenseNet-161 (torchvision's densenet161), 28.7M parameters"));
        MODELS.put("densenet169", new Entry(DenseNet::densenet169, "DenseNet-169 (torchvision's densenet169), 14.1M parameters"));
        MODELS.put("densenet201", new Entry(DenseNet::densenet201, "DenseNet-201 (torchvision's densenet201), 20.0M parameters"));
        MODELS.put("efficientnet_b1", new Entry(EfficientNet::efficientnetB1, "EfficientNet-B1 (torchvision's efficientnet_b1), 7.8M parameters"));
        MODELS.put("efficientnet_b2", new Entry(EfficientNet::efficientnetB2, "EfficientNet-B2 (torchvision's efficientnet_b2), 9.1M parameters"));
        MODELS.put("efficientnet_b3", new Entry(EfficientNet::efficientnetB3, "EfficientNet-B3 (torchvision's efficientnet_b3), 12.2M parameters"));
        MODELS.put("efficientnet_b4", new Entry(EfficientNet::efficientnetB4, "EfficientNet-B4 (torchvision's efficientnet_b4), 19.3M parameters"));
        MODELS.put("efficientnet_b5", new Entry(EfficientNet::efficientnetB5, "EfficientNet-B5 (torchvision's efficientnet_b5), 30.4M parameters"));
        MODELS.put("efficientnet_b6", new Entry(EfficientNet::efficientnetB6, "EfficientNet-B6 (torchvision's efficientnet_b6), 43.0M parameters"));
        MODELS.put("efficientnet_b7", new Entry(EfficientNet::efficientnetB7, "EfficientNet-B7 (torchvision's efficientnet_b7), 66.3M parameters"));
        MODELS.put("convnext_small", new Entry(ConvNeXt::convnextSmall, "ConvNeXt-Small (torchvision's convnext_small), 50.2M parameters"));
        MODELS.put("convnext_base", new Entry(ConvNeXt::convnextBase, "ConvNeXt-Base (torchvision's convnext_base), 88.6M parameters"));
        MODELS.put("vit_b_32", new Entry(VisionTransformer::vitB32, "ViT-B/32 (torchvision's vit_b_32), 88.2M parameters"));
        // RegNet X and Y up to 32GF (torchvision's regnet_y_128gf is left out: 645M parameters)
        MODELS.put("regnet_y_400mf", new Entry(RegNet::regnetY400mf, "RegNetY-400MF (torchvision's regnet_y_400mf), 4.3M parameters"));
        MODELS.put("regnet_y_800mf", new Entry(RegNet::regnetY800mf, "RegNetY-800MF (torchvision's regnet_y_800mf), 6.4M parameters"));
        MODELS.put("regnet_y_1_6gf", new Entry(RegNet::regnetY1_6gf, "RegNetY-1.6GF (torchvision's regnet_y_1_6gf), 11.2M parameters"));
        MODELS.put("regnet_y_3_2gf", new Entry(RegNet::regnetY3_2gf, "RegNetY-3.2GF (torchvision's regnet_y_3_2gf), 19.4M parameters"));
        MODELS.put("regnet_y_8gf", new Entry(RegNet::regnetY8gf, "RegNetY-8GF (torchvision's regnet_y_8gf), 39.4M parameters"));
        MODELS.put("regnet_y_16gf", new Entry(RegNet::regnetY16gf, "RegNetY-16GF (torchvision's regnet_y_16gf), 83.6M parameters"));
        MODELS.put("regnet_y_32gf", new Entry(RegNet::regnetY32gf, "RegNetY-32GF (torchvision's regnet_y_32gf), 145.0M parameters"));
        MODELS.put("regnet_x_400mf", new Entry(RegNet::regnetX400mf, "RegNetX-400MF (torchvision's regnet_x_400mf), 5.5M parameters"));
        MODELS.put("regnet_x_800mf", new Entry(RegNet::regnetX800mf, "RegNetX-800MF (torchvision's regnet_x_800mf), 7.3M parameters"));
        MODELS.put("regnet_x_1_6gf", new Entry(RegNet::regnetX1_6gf, "RegNetX-1.6GF (torchvision's regnet_x_1_6gf), 9.2M parameters"));
        MODELS.put("regnet_x_3_2gf", new Entry(RegNet::regnetX3_2gf, "RegNetX-3.2GF (torchvision's regnet_x_3_2gf), 15.3M parameters"));
        MODELS.put("regnet_x_8gf", new Entry(RegNet::regnetX8gf, "RegNetX-8GF (torchvision's regnet_x_8gf), 39.6M parameters"));
        MODELS.put("regnet_x_16gf", new Entry(RegNet::regnetX16gf, "RegNetX-16GF (torchvision's regnet_x_16gf), 54.3M parameters"));
        MODELS.put("regnet_x_32gf", new Entry(RegNet::regnetX32gf, "RegNetX-32GF (torchvision's regnet_x_32gf), 107.8M parameters"));
        MODELS.put("mnasnet0_5", new Entry(MNASNet::mnasnet0_5, "MNASNet 0.5 (torchvision's mnasnet0_5), 2.2M parameters"));
        MODELS.put("mnasnet0_75", new Entry(MNASNet::mnasnet0_75, "MNASNet 0.75 (torchvision's mnasnet0_75), 3.2M parameters"));
        MODELS.put("mnasnet1_0", new Entry(MNASNet::mnasnet1_0, "MNASNet 1.0 (torchvision's mnasnet1_0), 4.4M parameters"));
        MODELS.put("mnasnet1_3", new Entry(MNASNet::mnasnet1_3, "MNASNet 1.3 (torchvision's mnasnet1_3), 6.3M parameters"));
        MODELS.put("efficientnet_v2_s", new Entry(EfficientNet::efficientnetV2S, "EfficientNetV2-S (torchvision's efficientnet_v2_s), 21.5M parameters"));
        MODELS.put("efficientnet_v2_m", new Entry(EfficientNet::efficientnetV2M, "EfficientNetV2-M (torchvision's efficientnet_v2_m), 54.1M parameters"));
        MODELS.put("efficientnet_v2_l", new Entry(EfficientNet::efficientnetV2L, "EfficientNetV2-L (torchvision's efficientnet_v2_l), 118.5M parameters"));
        MODELS.put("inception_v3", new Entry(Inception3::inceptionV3,
                "Inception v3 (torchvision's inception_v3, with the auxiliary classifier), 27.2M parameters"));
        // segmentation (torchvision.models.segmentation, without the auxiliary heads as by default): per-pixel logits
        MODELS.put("fcn_resnet50", new Entry(FCN::fcnResnet50, "FCN on a dilated ResNet-50 (torchvision's fcn_resnet50), 33.0M parameters at 21 classes"));
        MODELS.put("deeplabv3_resnet50", new Entry(DeepLabV3::deeplabv3Resnet50,
                "DeepLabV3 on a dilated ResNet-50 (torchvision's deeplabv3_resnet50), 39.6M parameters at 21 classes"));
        MODELS.put("deeplabv3_mobilenet_v3_large", new Entry(DeepLabV3::deeplabv3MobilenetV3Large,
                "DeepLabV3 on MobileNetV3-Large (torchvision's deeplabv3_mobilenet_v3_large), 11.0M parameters at 21 classes"));
        MODELS.put("lraspp_mobilenet_v3_large", new Entry(LRASPP::lrasppMobilenetV3Large,
                "Lite R-ASPP on MobileNetV3-Large (torchvision's lraspp_mobilenet_v3_large), 3.2M parameters at 21 classes"));
        MODELS.put("swin_t", new Entry(SwinTransformer::swinT, "Swin-T (torchvision's swin_t), 28.3M parameters"));
        MODELS.put("swin_s", new Entry(SwinTransformer::swinS, "Swin-S (torchvision's swin_s), 49.6M parameters"));
        MODELS.put("swin_b", new Entry(SwinTransformer::swinB, "Swin-B (torchvision's swin_b), 87.8M parameters"));
        MODELS.put("swin_v2_t", new Entry(SwinTransformer::swinV2T, "Swin V2-T (torchvision's swin_v2_t), 28.4M parameters"));
        MODELS.put("swin_v2_s", new Entry(SwinTransformer::swinV2S, "Swin V2-S (torchvision's swin_v2_s), 49.7M parameters"));
        MODELS.put("swin_v2_b", new Entry(SwinTransformer::swinV2B, "Swin V2-B (torchvision's swin_v2_b), 87.9M parameters"));
        MODELS.put("maxvit_t", new Entry(MaxVit::maxvitT, "MaxViT-T (torchvision's maxvit_t; 224x224 images), 30.9M parameters"));
        // video classification (torchvision.models.video): clips [N, 3, T, H, W]; torchvision's default is 400 classes
        MODELS.put("r3d_18", new Entry(VideoResNet::r3d18, "R3D-18 video ResNet (torchvision's r3d_18), 33.4M parameters at 400 classes"));
        MODELS.put("mc3_18", new Entry(VideoResNet::mc3_18, "MC3-18 mixed-convolution video ResNet (torchvision's mc3_18), 11.7M parameters at 400 classes"));
        MODELS.put("r2plus1d_18", new Entry(VideoResNet::r2plus1d18,
                "R(2+1)D-18 video ResNet (torchvision's r2plus1d_18), 31.5M parameters at 400 classes"));
        MODELS.put("mvit_v1_b", new Entry(MViT::mvitV1B, "MViT V1-B (torchvision's mvit_v1_b; clips of 16x224x224), 36.6M parameters at 400 classes"));
        MODELS.put("mvit_v2_s", new Entry(MViT::mvitV2S, "MViT V2-S (torchvision's mvit_v2_s; clips of 16x224x224), 34.5M parameters at 400 classes"));
        MODELS.put("s3d", new Entry(S3D::s3d, "S3D separable 3-d CNN (torchvision's s3d; clips of 13x193x193 or more), 8.3M parameters at 400 classes"));
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
