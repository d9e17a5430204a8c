package org.torch4j.audio.models;

import java.util.ArrayList;
import java.util.List;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.F;
import org.torch4j.nn.GRU;
import org.torch4j.nn.Linear;
import org.torch4j.nn.Module;
import org.torch4j.nn.ReLU;

/**
 * The WaveRNN vocoder (torchaudio's {@code WaveRNN}, Kalchbrenner et al. 2018, after fatchord's
 * implementation): an {@link UpsampleNetwork} turns the spectrogram into per-sample conditioning (the
 * smoothed spectrogram and four slices of the MelResNet output), and two residual GRUs and three linears
 * predict, for each sample, logits over {@code nClasses} quantisation levels from the previous sample.
 * {@link #forward(Tensor, Tensor)} is teacher-forced training; {@link #infer} samples autoregressively.
 * torchaudio's state-dict keys.
 */
public class WaveRNN extends Module {
    /** The MelResNet's kernel, in frames. */
    public final long kernelSize;
    /** The frames {@link #infer} pads each side of the spectrogram with. */
    public final long pad;
    /** The GRUs' width. */
    public final long nRnn;
    /** The width of each of the four auxiliary slices: {@code nOutput / 4}. */
    public final long nAux;
    /** Samples per spectrogram frame, the product of the upsampling scales. */
    public final long hopLength;
    /** Quantisation levels of the output. */
    public final long nClasses;
    /** {@code floor(log2(nClasses))}: the bits {@link #infer} maps the levels from. */
    public final int nBits;
    /** {@code upsample}. */
    public final UpsampleNetwork upsample;
    /** {@code fc} (input: sample, spectrogram, first aux slice), {@code fc1}, {@code fc2} and {@code fc3} (to the logits). */
    public final Linear fc, fc1, fc2, fc3;
    /** {@code rnn1} and {@code rnn2} (which also reads the second aux slice), batch first. */
    public final GRU rnn1, rnn2;
    /** {@code relu1} and {@code relu2}. */
    public final ReLU relu1, relu2;

    /**
     * torchaudio's constructor.
     *
     * @param upsampleScales the upsampling stages' time scales; their product must be {@code hopLength}
     * @param nClasses the output classes
     * @param hopLength samples per spectrogram frame
     * @param nResBlock the MelResNet's blocks (torchaudio's default 10)
     * @param nRnn the GRUs' width (default 512)
     * @param nFc the hidden linears' width (default 512)
     * @param kernelSize the MelResNet's first kernel (default 5)
     * @param nFreq the spectrogram's frequency bins (default 128)
     * @param nHidden the MelResNet's hidden channels (default 128)
     * @param nOutput the MelResNet's output channels (default 128), four auxiliary slices of {@code nOutput / 4}
     * @throws IllegalArgumentException when the scales' product is not {@code hopLength}
     */
    public WaveRNN(List<Long> upsampleScales, long nClasses, long hopLength, int nResBlock, long nRnn, long nFc, long kernelSize,
                   long nFreq, long nHidden, long nOutput) {
        this.kernelSize = kernelSize;
        this.pad = (kernelSize % 2 == 1 ? kernelSize - 1 : kernelSize) / 2;
        this.nRnn = nRnn;
        this.nAux = nOutput / 4;
        this.hopLength = hopLength;
        this.nClasses = nClasses;
        this.nBits = 63 - Long.numberOfLeadingZeros(nClasses);
        long totalScale = 1;
        for (long scale : upsampleScales) totalScale *= scale;
        if (totalScale != hopLength) {
            throw new IllegalArgumentException("Expected: total_scale == hop_length, but found " + totalScale + " != " + hopLength);
        }
        upsample = registerModule("upsample", new UpsampleNetwork(upsampleScales, nResBlock, nFreq, nHidden, nOutput, kernelSize));
        fc = registerModule("fc", new Linear(nFreq + nAux + 1, nRnn));
        rnn1 = registerModule("rnn1", new GRU(nRnn, nRnn, 1, true, true, 0, false));
        rnn2 = registerModule("rnn2", new GRU(nRnn + nAux, nRnn, 1, true, true, 0, false));
        relu1 = registerModule("relu1", new ReLU());
        relu2 = registerModule("relu2", new ReLU());
        fc1 = registerModule("fc1", new Linear(nRnn + nAux, nFc));
        fc2 = registerModule("fc2", new Linear(nFc + nAux, nFc));
        fc3 = registerModule("fc3", new Linear(nFc, nClasses));
    }

    /** With torchaudio's defaults for the sizes: 10 res blocks, 512-wide GRUs and linears, kernel 5, 128 channels throughout. */
    public WaveRNN(List<Long> upsampleScales, long nClasses, long hopLength) {
        this(upsampleScales, nClasses, hopLength, 10, 512, 512, 5, 128, 128, 128);
    }

    /** {@code wavernn(waveform, specgram)}: {@link #forward(Tensor, Tensor)} with this module's hooks around it. */
    public final Tensor call(Tensor waveform, Tensor specgram) {
        return callWithHooks(args -> forward((Tensor) args.get(0), (Tensor) args.get(1)), waveform, specgram);
    }

    /**
     * Teacher-forced logits: each sample's prediction from the sample before it (the waveform given) and
     * the conditioning.
     *
     * @param waveform [batch, 1, (time - kernelSize + 1) * hopLength], the previous samples in [-1, 1]
     * @param specgram [batch, 1, nFreq, time]
     * @return [batch, 1, (time - kernelSize + 1) * hopLength, nClasses]
     * @throws IllegalArgumentException when either input has more than one channel
     */
    public Tensor forward(Tensor waveform, Tensor specgram) {
        if (waveform.size(1) != 1) throw new IllegalArgumentException("Require the input channel of waveform is 1");
        if (specgram.size(1) != 1) throw new IllegalArgumentException("Require the input channel of specgram is 1");
        waveform = waveform.squeeze(1);
        UpsampleNetwork.Output up = upsample.callBoth(specgram.squeeze(1));
        Tensor spec = up.specgram().transpose(1, 2);
        List<Tensor> a = auxSlices(up.aux().transpose(1, 2), 2);
        Tensor h0 = Torch.zeros(new long[] {1, waveform.size(0), nRnn}, waveform.dtype(), waveform.device());
        Tensor x = fc.call(Torch.cat(List.of(waveform.unsqueeze(-1), spec, a.get(0)), -1));
        x = rnn1.call(x, h0).output().add(x);
        x = rnn2.call(Torch.cat(List.of(x, a.get(1)), -1), h0).output().add(x);
        x = relu1.call(fc1.call(Torch.cat(List.of(x, a.get(2)), -1)));
        x = relu2.call(fc2.call(Torch.cat(List.of(x, a.get(3)), -1)));
        return fc3.call(x).unsqueeze(1);
    }

    /**
     * Autoregressive sampling, as torchaudio's {@code infer}: the spectrogram is padded by {@link #pad}
     * frames each side and upsampled, then each sample is drawn (torch.multinomial on the softmax of the
     * logits, from the default generator, so the same {@code Torch.manualSeed} gives PyTorch's draws)
     * from the previous one, which starts at 0. Levels {@code 0 .. 2^nBits - 1} map linearly to [-1, 1]
     * in float32, as torchaudio computes them, so the waveform is float32 whatever the model's dtype.
     *
     * @param specgram [batch, nFreq, time]
     * @param lengths int64 [batch] valid frames of each spectrogram, or null
     * @return the waveform [batch, 1, samples] and, with lengths, {@code lengths * hopLength}
     */
    public OutputAndLengths infer(Tensor specgram, Tensor lengths) {
        DType dtype = specgram.dtype();
        UpsampleNetwork.Output up = upsample.callBoth(F.pad(specgram, pad, pad));
        Tensor spec = up.specgram();
        List<Tensor> a = auxSlices(up.aux(), 1);
        long batch = spec.size(0), samples = spec.size(2);
        Tensor h1 = Torch.zeros(new long[] {1, batch, nRnn}, dtype, specgram.device());
        Tensor h2 = h1;
        Tensor x = Torch.zeros(new long[] {batch, 1}, dtype, specgram.device());
        List<Tensor> output = new ArrayList<>();
        double top = Math.pow(2, nBits) - 1.0;
        for (long i = 0; i < samples; i++) {
            x = fc.call(Torch.cat(List.of(x.to(dtype), at(spec, i), at(a.get(0), i)), 1));
            h1 = rnn1.call(x.unsqueeze(1), h1).hN();
            x = x.add(h1.select(0, 0));
            h2 = rnn2.call(Torch.cat(List.of(x, at(a.get(1), i)), 1).unsqueeze(1), h2).hN();
            x = x.add(h2.select(0, 0));
            x = F.relu(fc1.call(Torch.cat(List.of(x, at(a.get(2), i)), 1)));
            x = F.relu(fc2.call(Torch.cat(List.of(x, at(a.get(3), i)), 1)));
            Tensor posterior = F.softmax(fc3.call(x), 1);
            // torchaudio takes the drawn level as float32 and maps it to [-1, 1] in float32
            x = Torch.multinomial(posterior, 1, false).to(DType.FLOAT32).mul(2).div(top).sub(1.0);
            output.add(x);
        }
        Tensor waveform = Torch.stack(output).permute(1, 2, 0);
        return new OutputAndLengths(waveform, lengths == null ? null : lengths.mul(upsample.totalScale));
    }

    /** The four auxiliary slices of {@code nAux} channels along {@code dim}. */
    private List<Tensor> auxSlices(Tensor aux, int dim) {
        List<Tensor> slices = new ArrayList<>();
        for (int i = 0; i < 4; i++) slices.add(aux.narrow(dim, i * nAux, nAux));
        return slices;
    }

    /** Sample {@code i} of a [batch, channels, samples] stream: [batch, channels]. */
    private static Tensor at(Tensor stream, long i) {
        return stream.select(2, i);
    }
}
