package org.torch4j.audio.models;

import java.util.List;
import org.torch4j.Tensor;
import org.torch4j.nn.Conv2d;
import org.torch4j.nn.Init;
import org.torch4j.nn.Module;
import org.torch4j.nn.Sequential;

/**
 * WaveRNN's upsampling of the conditioning spectrogram to one vector per sample (torchaudio's
 * {@code wavernn.UpsampleNetwork}). Two streams: the spectrogram itself, stretched scale by scale, each
 * stretch smoothed along time by a bias-free [1, 2 * scale + 1] convolution (initialised to a moving
 * average), then trimmed by the frames the {@link MelResNet} loses; and the MelResNet's output,
 * stretched by the total scale in one step.
 */
public class UpsampleNetwork extends Module {
    /**
     * The two streams, each [batch, channels, (time - kernelSize + 1) * totalScale].
     *
     * @param specgram the smoothed, upsampled spectrogram (nFreq channels)
     * @param aux the upsampled MelResNet output (nOutput channels)
     */
    public record Output(Tensor specgram, Tensor aux) {}

    /** The product of the scales: samples per spectrogram frame. */
    public final long totalScale;
    /** Samples trimmed from each end of the spectrogram stream: {@code (kernelSize - 1) / 2 * totalScale}. */
    public final long indent;
    /** {@code resnet}. */
    public final MelResNet resnet;
    /** {@code resnet_stretch} (no parameters). */
    public final Stretch2d resnetStretch;
    /** {@code upsample_layers}: a {@link Stretch2d} and a {@link Conv2d} per scale. */
    public final Sequential upsampleLayers;

    /**
     * torchaudio's constructor (its defaults: 10 blocks, 128 frequencies, hidden and output channels, kernel 5).
     *
     * @param upsampleScales the time scale of each stage
     * @param nResBlock the MelResNet's blocks
     * @param nFreq the spectrogram's frequency bins
     * @param nHidden the MelResNet's hidden channels
     * @param nOutput the MelResNet's output channels
     * @param kernelSize the MelResNet's first kernel, in frames
     */
    public UpsampleNetwork(List<Long> upsampleScales, int nResBlock, long nFreq, long nHidden, long nOutput, long kernelSize) {
        long total = 1;
        for (long scale : upsampleScales) total *= scale;
        totalScale = total;
        indent = (kernelSize - 1) / 2 * total;
        resnet = registerModule("resnet", new MelResNet(nResBlock, nFreq, nHidden, nOutput, kernelSize));
        resnetStretch = registerModule("resnet_stretch", new Stretch2d(total, 1));
        upsampleLayers = registerModule("upsample_layers", new Sequential());
        for (long scale : upsampleScales) {
            Conv2d conv = new Conv2d(1, 1, new long[] {1, scale * 2 + 1}, new long[] {1, 1}, new long[] {0, scale}, new long[] {1, 1}, 1,
                    false, "zeros");
            Init.constant_(conv.weight, 1.0 / (scale * 2 + 1));
            upsampleLayers.add(new Stretch2d(scale, 1));
            upsampleLayers.add(conv);
        }
    }

    /** {@code upsample(specgram)}: {@link #forwardBoth} with this module's hooks around it. */
    public final Output callBoth(Tensor specgram) {
        return callWithHooks(args -> forwardBoth((Tensor) args.get(0)), specgram);
    }

    /** [batch, nFreq, time] to both streams. */
    public Output forwardBoth(Tensor specgram) {
        Tensor aux = resnetStretch.call(resnet.call(specgram).unsqueeze(1)).squeeze(1);
        Tensor up = upsampleLayers.call(specgram.unsqueeze(1)).squeeze(1);
        // torchaudio slices [indent:-indent], which is empty when indent is 0 (kernel 1 or 2); kept as it is
        long end = indent == 0 ? 0 : up.size(2) - indent;
        return new Output(up.narrow(2, Math.min(indent, up.size(2)), Math.max(0, end - indent)), aux);
    }

    /** The spectrogram stream alone (so the network works as a one-input module). */
    @Override
    public Tensor forward(Tensor specgram) {
        return forwardBoth(specgram).specgram();
    }
}
