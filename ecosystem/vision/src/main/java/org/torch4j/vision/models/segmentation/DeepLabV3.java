package org.torch4j.vision.models.segmentation;

import org.torch4j.nn.Module;
import org.torch4j.vision.models.IntermediateLayerGetter;

/**
 * DeepLabV3 ({@code torchvision.models.segmentation.DeepLabV3}, Chen et al. 2017): a dilated backbone, a
 * {@link DeepLabHead} (atrous spatial pyramid pooling) and optionally an {@link FCNHead} on the
 * output-stride-8 features, upsampled to the input's size.
 */
public class DeepLabV3 extends SimpleSegmentationModel {
    /**
     * A DeepLabV3 of these parts.
     *
     * @param backbone returns {@code "out"} (and {@code "aux"}) features
     * @param classifier the main head
     * @param auxClassifier the auxiliary head, or null
     */
    public DeepLabV3(IntermediateLayerGetter backbone, Module classifier, Module auxClassifier) {
        super(backbone, classifier, auxClassifier);
    }

    /** {@code deeplabv3_resnet50(num_classes=numClasses)}: no auxiliary head; 39.6M parameters at 21 classes. */
    public static DeepLabV3 deeplabv3Resnet50(int numClasses) {
        return deeplabv3Resnet50(numClasses, false);
    }

    /** {@code deeplabv3_resnet50(num_classes=numClasses, aux_loss=aux)}: on ResNet-50 with layers 3 and 4 dilated. */
    public static DeepLabV3 deeplabv3Resnet50(int numClasses, boolean aux) {
        IntermediateLayerGetter backbone = Backbones.resnet50(aux);
        Module auxClassifier = aux ? new FCNHead(1024, numClasses) : null;
        return new DeepLabV3(backbone, new DeepLabHead(2048, numClasses), auxClassifier);
    }

    /** {@code deeplabv3_mobilenet_v3_large(num_classes=numClasses)}: no auxiliary head; 11.0M parameters at 21 classes. */
    public static DeepLabV3 deeplabv3MobilenetV3Large(int numClasses) {
        return deeplabv3MobilenetV3Large(numClasses, false);
    }

    /**
     * {@code deeplabv3_mobilenet_v3_large(num_classes=numClasses, aux_loss=aux)}: on MobileNetV3-Large's features with
     * the last stage dilated; the head reads the last layer (960 channels), the auxiliary head the 40-channel block.
     */
    public static DeepLabV3 deeplabv3MobilenetV3Large(int numClasses, boolean aux) {
        Backbones.Levels levels = Backbones.mobilenetV3Large("out", aux ? "aux" : null);
        Module auxClassifier = aux ? new FCNHead(levels.lowChannels(), numClasses) : null;
        return new DeepLabV3(levels.backbone(), new DeepLabHead(levels.highChannels(), numClasses), auxClassifier);
    }
}
