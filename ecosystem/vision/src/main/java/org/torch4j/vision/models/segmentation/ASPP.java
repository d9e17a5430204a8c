package org.torch4j.vision.models.segmentation;

import java.util.ArrayList;
import java.util.List;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.AdaptiveAvgPool2d;
import org.torch4j.nn.BatchNorm2d;
import org.torch4j.nn.Conv2d;
import org.torch4j.nn.Dropout;
import org.torch4j.nn.Module;
import org.torch4j.nn.ModuleList;
import org.torch4j.nn.ReLU;
import org.torch4j.nn.Sequential;

/**
 * Atrous spatial pyramid pooling ({@code torchvision.models.segmentation.deeplabv3.ASPP}): parallel
 * branches in {@code convs} (a 1x1 conv, a dilated 3x3 conv per rate, and image-level pooling upsampled
 * back), each with batch norm and ReLU, concatenated and projected by {@code project} (1x1 conv, batch
 * norm, ReLU, dropout 0.5).
 */
public class ASPP extends Module {
    /** The branches. */
    public final ModuleList convs;
    /** The projection of the concatenated branches. */
    public final Sequential project;

    /**
     * A pyramid over {@code inChannels} with one dilated branch per rate, each giving {@code outChannels}.
     *
     * @param inChannels the input's channels
     * @param atrousRates the 3x3 branches' dilations (DeepLabV3: 12, 24, 36)
     * @param outChannels each branch's and the result's channels (torchvision: 256)
     */
    public ASPP(long inChannels, long[] atrousRates, long outChannels) {
        List<Module> branches = new ArrayList<>();
        branches.add(Sequential.of(conv(inChannels, outChannels, 1, 1), new BatchNorm2d(outChannels), new ReLU()));
        for (long rate : atrousRates) {
            branches.add(new AtrousConv(inChannels, outChannels, rate));
        }
        branches.add(new Pooling(inChannels, outChannels));
        convs = registerModule("convs", new ModuleList(branches.toArray(new Module[0])));
        project = registerModule("project", Sequential.of(conv(branches.size() * outChannels, outChannels, 1, 1),
                new BatchNorm2d(outChannels), new ReLU(), new Dropout(0.5)));
    }

    /** A bias-free conv padded by its dilation, so the size is kept. */
    static Conv2d conv(long in, long out, long kernel, long dilation) {
        long pad = kernel == 1 ? 0 : dilation;
        return new Conv2d(in, out, new long[] {kernel}, new long[] {1}, new long[] {pad}, new long[] {dilation}, 1, false, "zeros");
    }

    /** The branches' outputs concatenated along channels, then projected. */
    @Override
    public Tensor forward(Tensor x) {
        List<Tensor> res = new ArrayList<>();
        for (Module m : convs.children()) res.add(m.call(x));
        return project.call(Torch.cat(res, 1));
    }

    /**
     * ASPP's image-level branch ({@code ASPPPooling}): global average pooling, 1x1 conv, batch norm, ReLU, then
     * bilinear upsampling back to the input's size.
     */
    public static class Pooling extends Sequential {
        /** A branch from {@code inChannels} to {@code outChannels}. */
        public Pooling(long inChannels, long outChannels) {
            super(new AdaptiveAvgPool2d(1), conv(inChannels, outChannels, 1, 1), new BatchNorm2d(outChannels), new ReLU());
        }

        /** The pooled features, broadcast back to [N, outChannels, H, W]. */
        @Override
        public Tensor forward(Tensor x) {
            return SimpleSegmentationModel.upsample(super.forward(x), new long[] {x.size(-2), x.size(-1)});
        }

        /** Prints as torchvision's class, {@code ASPPPooling}. */
        @Override
        protected String typeName() {
            return "ASPPPooling";
        }
    }

    /** A dilated 3x3 branch ({@code ASPPConv}): conv, batch norm, ReLU. */
    private static final class AtrousConv extends Sequential {
        AtrousConv(long inChannels, long outChannels, long rate) {
            super(conv(inChannels, outChannels, 3, rate), new BatchNorm2d(outChannels), new ReLU());
        }

        @Override
        protected String typeName() {
            return "ASPPConv";
        }
    }
}
