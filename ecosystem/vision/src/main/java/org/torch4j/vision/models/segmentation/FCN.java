package org.torch4j.vision.models.segmentation;

import org.torch4j.nn.Module;
import org.torch4j.vision.models.IntermediateLayerGetter;

/**
 * Fully convolutional network ({@code torchvision.models.segmentation.FCN}, Long et al. 2015): a dilated
 * backbone and {@link FCNHead}s, upsampled to the input's size.
 */
public class FCN extends SimpleSegmentationModel {
    /**
     * An FCN of these parts.
     *
     * @param backbone returns {@code "out"} (and {@code "aux"}) features
     * @param classifier the main head
     * @param auxClassifier the auxiliary head, or null
     */
    public FCN(IntermediateLayerGetter backbone, Module classifier, Module auxClassifier) {
        super(backbone, classifier, auxClassifier);
    }

    /** {@code fcn_resnet50(num_classes=numClasses)}: no auxiliary head; 32.96M parameters at 21 classes. */
    public static FCN fcnResnet50(int numClasses) {
        return fcnResnet50(numClasses, false);
    }

    /**
     * {@code fcn_resnet50(num_classes=numClasses, aux_loss=aux)}: ResNet-50 with layers 3 and 4 dilated, an
     * {@link FCNHead} on layer4 and, with {@code aux}, one on layer3.
     */
    public static FCN fcnResnet50(int numClasses, boolean aux) {
        IntermediateLayerGetter backbone = Backbones.resnet50(aux);
        // torchvision builds the auxiliary head first: its default initialisation draws first
        Module auxClassifier = aux ? new FCNHead(1024, numClasses) : null;
        return new FCN(backbone, new FCNHead(2048, numClasses), auxClassifier);
    }
}
