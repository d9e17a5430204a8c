package org.torch4j.vision.models.detection;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * The detection models by torchvision's builder names ({@code fasterrcnn_resnet50_fpn}, ...), each freshly initialised
 * for a given number of classes with torchvision's defaults. They are listed here rather than in
 * {@link org.torch4j.vision.models.Models}, whose models map an image batch tensor to a tensor: these take a list of
 * images and give detections or losses ({@link DetectionModel}).
 */
public final class DetectionModels {
    private DetectionModels() {}

    /** What a name builds, and a line for listings. */
    private record Entry(IntFunction<DetectionModel> builder, String description) {}

    private static final Map<String, Entry> MODELS = new LinkedHashMap<>();

    static {
        MODELS.put("fasterrcnn_resnet50_fpn", new Entry(FasterRCNN::fasterrcnnResnet50Fpn,
                "Faster R-CNN on ResNet-50 with FPN (torchvision's fasterrcnn_resnet50_fpn), 41.8M parameters at 91 classes"));
        MODELS.put("fasterrcnn_resnet50_fpn_v2", new Entry(FasterRCNN::fasterrcnnResnet50FpnV2,
                "Faster R-CNN v2 on ResNet-50 with FPN (torchvision's fasterrcnn_resnet50_fpn_v2), 43.7M parameters at 91 classes"));
        MODELS.put("fasterrcnn_mobilenet_v3_large_fpn", new Entry(FasterRCNN::fasterrcnnMobilenetV3LargeFpn,
                "Faster R-CNN on MobileNetV3-Large with FPN (torchvision's fasterrcnn_mobilenet_v3_large_fpn), 19.4M parameters at 91 classes"));
        MODELS.put("fasterrcnn_mobilenet_v3_large_320_fpn", new Entry(FasterRCNN::fasterrcnnMobilenetV3Large320Fpn,
                "Faster R-CNN on MobileNetV3-Large with FPN for 320-pixel images (torchvision's fasterrcnn_mobilenet_v3_large_320_fpn), "
                        + "19.4M parameters at 91 classes"));
        MODELS.put("maskrcnn_resnet50_fpn", new Entry(MaskRCNN::maskrcnnResnet50Fpn,
                "Mask R-CNN on ResNet-50 with FPN (torchvision's maskrcnn_resnet50_fpn), 44.4M parameters at 91 classes"));
        MODELS.put("maskrcnn_resnet50_fpn_v2", new Entry(MaskRCNN::maskrcnnResnet50FpnV2,
                "Mask R-CNN v2 on ResNet-50 with FPN (torchvision's maskrcnn_resnet50_fpn_v2), 46.4M parameters at 91 classes"));
        MODELS.put("keypointrcnn_resnet50_fpn", new Entry(KeypointRCNN::keypointrcnnResnet50Fpn,
                "Keypoint R-CNN on ResNet-50 with FPN, 17 keypoints (torchvision's keypointrcnn_resnet50_fpn), 59.1M parameters at 2 classes"));
        MODELS.put("retinanet_resnet50_fpn", new Entry(RetinaNet::retinanetResnet50Fpn,
                "RetinaNet on ResNet-50 with FPN (torchvision's retinanet_resnet50_fpn), 34.0M parameters at 91 classes"));
        MODELS.put("retinanet_resnet50_fpn_v2", new Entry(RetinaNet::retinanetResnet50FpnV2,
                "RetinaNet v2 on ResNet-50 with FPN (torchvision's retinanet_resnet50_fpn_v2), 38.2M parameters at 91 classes"));
        MODELS.put("fcos_resnet50_fpn", new Entry(FCOS::fcosResnet50Fpn,
                "FCOS on ResNet-50 with FPN (torchvision's fcos_resnet50_fpn), 32.3M parameters at 91 classes"));
        MODELS.put("ssd300_vgg16", new Entry(SSD::ssd300Vgg16,
                "SSD300 on VGG-16 (torchvision's ssd300_vgg16), 35.6M parameters at 91 classes"));
        MODELS.put("ssdlite320_mobilenet_v3_large", new Entry(SSD::ssdlite320MobilenetV3Large,
                "SSDlite on MobileNetV3-Large for 320-pixel images (torchvision's ssdlite320_mobilenet_v3_large), 3.4M parameters at 91 classes"));
    }

    /** Every name {@link #create} accepts, in a fixed order. */
    public static List<String> names() {
        return List.copyOf(MODELS.keySet());
    }

    /** One line describing the model {@code name}. */
    public static String description(String name) {
        return entry(name).description();
    }

    /**
     * A new model {@code name} for {@code numClasses} classes (background included), initialised as torchvision's builder
     * with {@code weights=None, weights_backbone=None}.
     *
     * @throws IllegalArgumentException for an unknown name or fewer than one class
     */
    public static DetectionModel create(String name, int numClasses) {
        if (numClasses < 1) throw new IllegalArgumentException("numClasses must be positive, got " + numClasses);
        return entry(name).builder().apply(numClasses);
    }

    private static Entry entry(String name) {
        Entry e = MODELS.get(name);
        if (e == null) throw new IllegalArgumentException("unknown detection model '" + name + "'; known: " + String.join(", ", MODELS.keySet()));
        return e;
    }
}
