package org.torch4j.vision.models.video;

import org.torch4j.Tensor;
import org.torch4j.nn.AvgPool3d;
import org.torch4j.nn.Conv3d;
import org.torch4j.nn.Dropout;
import org.torch4j.nn.MaxPool3d;
import org.torch4j.nn.Module;
import org.torch4j.nn.Sequential;

/**
 * S3D ({@code torchvision.models.video.S3D}, Xie et al. 2018): separable 3-d convolutions and
 * {@link SepInceptionBlock3D}s in {@code features}, a 2x7x7 average pool (stride 1) and {@code classifier} (dropout, a
 * 1x1x1 convolution), averaged over time and space. torchvision's keys; PyTorch's default initialisation (torchvision
 * re-draws nothing). The pool needs features of at least 2x7x7: clips of about 13 frames of 193x193 pixels or more.
 */
public class S3D extends Module {
    /** The convolutions, pools and inception blocks. */
    public final Sequential features;
    /** Dropout and the 1x1x1 classifier convolution. */
    public final Sequential classifier;
    private final Module avgpool;

    /**
     * An S3D.
     *
     * @param numClasses the classifier's outputs (torchvision's default is 400)
     * @param dropout the classifier's dropout (torchvision's default is 0.2)
     */
    public S3D(int numClasses, double dropout) {
        features = registerModule("features", Sequential.of(
                new TemporalSeparableConv(3, 64, 7, 2, 3),
                pool(new long[] {1, 3, 3}, new long[] {1, 2, 2}, new long[] {0, 1, 1}),
                new Conv3dNormActivation(64, 64, new long[] {1, 1, 1}, new long[] {1, 1, 1}, null),
                new TemporalSeparableConv(64, 192, 3, 1, 1),
                pool(new long[] {1, 3, 3}, new long[] {1, 2, 2}, new long[] {0, 1, 1}),
                new SepInceptionBlock3D(192, 64, 96, 128, 16, 32, 32),
                new SepInceptionBlock3D(256, 128, 128, 192, 32, 96, 64),
                pool(new long[] {3, 3, 3}, new long[] {2, 2, 2}, new long[] {1, 1, 1}),
                new SepInceptionBlock3D(480, 192, 96, 208, 16, 48, 64),
                new SepInceptionBlock3D(512, 160, 112, 224, 24, 64, 64),
                new SepInceptionBlock3D(512, 128, 128, 256, 24, 64, 64),
                new SepInceptionBlock3D(512, 112, 144, 288, 32, 64, 64),
                new SepInceptionBlock3D(528, 256, 160, 320, 32, 128, 128),
                pool(new long[] {2, 2, 2}, new long[] {2, 2, 2}, new long[] {0, 0, 0}),
                new SepInceptionBlock3D(832, 256, 160, 320, 32, 128, 128),
                new SepInceptionBlock3D(832, 384, 192, 384, 48, 128, 128)));
        avgpool = registerModule("avgpool", new AvgPool3d(new long[] {2, 7, 7}, new long[] {1}, new long[] {0}, false, true, null));
        classifier = registerModule("classifier", Sequential.of(new Dropout(dropout), new Conv3d(1024, numClasses, 1, 1, 0)));
    }

    /** {@code s3d(num_classes=numClasses)}: dropout 0.2; 8.3M parameters at 400 classes. */
    public static S3D s3d(int numClasses) {
        return new S3D(numClasses, 0.2);
    }

    private static MaxPool3d pool(long[] kernel, long[] stride, long[] padding) {
        return new MaxPool3d(kernel, stride, padding, new long[] {1}, false);
    }

    /** The pooled, classified and averaged features: logits [N, numClasses] for clips [N, 3, T, H, W]. */
    public Tensor head(Tensor features) {
        return classifier.call(avgpool.call(features)).mean(new int[] {2, 3, 4}, false);
    }

    /** Logits [N, numClasses] for clips [N, 3, T, H, W]. */
    @Override
    public Tensor forward(Tensor x) {
        return head(features.call(x));
    }
}
