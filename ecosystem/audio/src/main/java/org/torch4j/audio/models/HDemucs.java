package org.torch4j.audio.models;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.ConvNd;
import org.torch4j.nn.F;
import org.torch4j.nn.Module;
import org.torch4j.nn.ModuleList;

/**
 * Hybrid Demucs music source separation (torchaudio's {@code HDemucs}, Défossez 2021): a frequency
 * branch (U-Net over the normalised STFT's real and imaginary parts) and a time branch (U-Net over the
 * normalised waveform) merged at the innermost layers; the frequency branch's output is a complex
 * spectrogram per source turned back into audio with the inverse STFT and added to the time branch's.
 * torchaudio's module tree, state-dict keys and initialisation order (including its rescaling of every
 * convolution's initial weights), so the same {@code Torch.manualSeed} gives torchaudio's weights.
 *
 * <p>One deviation: the STFT's Hann windows are made in the signal's dtype, where torchaudio makes them in
 * float32 and casts them. For float32 models nothing changes; a float64 model gets a float64 window (its
 * output moves by about 1e-7 relative from torchaudio's, whose float32 window carries that error).
 */
public class HDemucs extends Module {
    /** The sources separated, in output order. */
    public final List<String> sources;
    /** Audio channels in and out per source. */
    public final long audioChannels;
    /** Encoder and decoder layers. */
    public final int depth;
    /** FFT size, its hop ({@code nfft / 4}), the kernel, stride, decoder context and first channels. */
    public final long nfft, hopLength, kernelSize, stride, context, channels;
    /** The frequency embedding's weight, or 0 without one. */
    public final double freqEmbScale;
    /** {@code freq_encoder}, {@code freq_decoder}, {@code time_encoder} and {@code time_decoder}. */
    public final ModuleList freqEncoder, freqDecoder, timeEncoder, timeDecoder;
    /** {@code freq_emb}, added after the first frequency layer; null when {@code freqEmb} is 0. */
    public final ScaledEmbedding freqEmb;

    /**
     * torchaudio's constructor.
     *
     * @param sources the source names (torchaudio's choices: "bass", "drums", "other", "mixture", "vocals")
     * @param audioChannels input and output channels (default 2)
     * @param channels the first layer's hidden channels (default 48)
     * @param growth the channels' growth per layer (default 2)
     * @param nfft FFT size (default 4096)
     * @param depth encoder and decoder layers (default 6)
     * @param freqEmb the frequency embedding's weight, 0 for none (default 0.2)
     * @param embScale the embedding's learning-rate scale (default 10)
     * @param embSmooth initialise the embedding smooth (default true)
     * @param kernelSize the layers' kernel (default 8)
     * @param timeStride the stride of the time layers after the merge (default 2)
     * @param stride the layers' stride (default 4)
     * @param context the decoders' rewrite context (default 1)
     * @param contextEnc the encoders' rewrite context (default 0)
     * @param normStarts the first layer with group norms (default 4)
     * @param normGroups group norm's groups (default 4)
     * @param dconvDepth the DConv branches' depth (default 2)
     * @param dconvComp their compression (default 4)
     * @param dconvAttn the first layer with local attention in them (default 4)
     * @param dconvLstm the first layer with an LSTM in them (default 4)
     * @param dconvInit their layer scales' initial value (default 1e-4)
     * @throws IllegalArgumentException for configurations torchaudio rejects (with its messages)
     */
    public HDemucs(List<String> sources, long audioChannels, long channels, long growth, long nfft, int depth, double freqEmb, double embScale,
                   boolean embSmooth, long kernelSize, long timeStride, long stride, long context, long contextEnc, int normStarts, long normGroups,
                   int dconvDepth, double dconvComp, int dconvAttn, int dconvLstm, double dconvInit) {
        this.depth = depth;
        this.nfft = nfft;
        this.audioChannels = audioChannels;
        this.sources = List.copyOf(sources);
        this.kernelSize = kernelSize;
        this.context = context;
        this.stride = stride;
        this.channels = channels;
        this.hopLength = nfft / 4;
        List<Module> fEnc = new ArrayList<>(), fDec = new ArrayList<>(), tEnc = new ArrayList<>(), tDec = new ArrayList<>();
        ScaledEmbedding emb = null;
        long chin = audioChannels, chinZ = chin * 2, chout = channels, choutZ = channels, freqs = nfft / 2;
        for (int index = 0; index < depth; index++) {
            boolean lstm = index >= dconvLstm, attn = index >= dconvAttn;
            String normType = index >= normStarts ? "group_norm" : "none";
            boolean freq = freqs > 1;
            long stri = stride, ker = kernelSize;
            if (!freq) {
                if (freqs != 1) throw new IllegalArgumentException("When freq is false, freqs must be 1.");
                ker = timeStride * 2;
                stri = timeStride;
            }
            boolean pad = true, lastFreq = false;
            if (freq && freqs <= kernelSize) {
                ker = freqs;
                pad = false;
                lastFreq = true;
            }
            long tKer = kernelSize, tStride = stride;
            if (lastFreq) {
                choutZ = Math.max(chout, choutZ);
                chout = choutZ;
            }
            fEnc.add(new HEncLayer(chinZ, choutZ, ker, stri, normGroups, false, freq, normType, contextEnc, lstm, attn, dconvDepth, dconvComp,
                    dconvInit, pad));
            if (freq) {
                if (lastFreq && nfft == 2048) {
                    tStride = 2;
                    tKer = 4;
                }
                tEnc.add(new HEncLayer(chin, chout, tKer, tStride, normGroups, lastFreq, false, normType, contextEnc, lstm, attn, dconvDepth,
                        dconvComp, dconvInit, true));
            }
            if (index == 0) {
                chin = audioChannels * sources.size();
                chinZ = chin * 2;
            }
            fDec.add(0, new HDecLayer(choutZ, chinZ, index == 0, ker, stri, normGroups, false, freq, normType, context, pad));
            if (freq) tDec.add(0, new HDecLayer(chout, chin, index == 0, tKer, tStride, normGroups, lastFreq, false, normType, context, true));
            chin = chout;
            chinZ = choutZ;
            chout = growth * chout;
            choutZ = growth * choutZ;
            if (freq) freqs = freqs <= kernelSize ? 1 : freqs / stride;
            if (index == 0 && freqEmb != 0) emb = new ScaledEmbedding(freqs, chinZ, embScale, embSmooth);
        }
        freqEncoder = registerModule("freq_encoder", new ModuleList(fEnc.toArray(new Module[0])));
        freqDecoder = registerModule("freq_decoder", new ModuleList(fDec.toArray(new Module[0])));
        timeEncoder = registerModule("time_encoder", new ModuleList(tEnc.toArray(new Module[0])));
        timeDecoder = registerModule("time_decoder", new ModuleList(tDec.toArray(new Module[0])));
        this.freqEmb = emb == null ? null : registerModule("freq_emb", emb);
        freqEmbScale = emb == null ? 0 : freqEmb;
        rescaleModule(this);
    }

    /** {@code HDemucs(sources)} with torchaudio's defaults (nfft 4096, depth 6). */
    public HDemucs(List<String> sources) {
        this(sources, 2, 48, 2, 4096, 6, 0.2, 10, true, 8, 2, 4, 1, 0, 4, 4, 2, 4, 4, 4, 1e-4);
    }

    /** {@code hdemucs_low(sources)}: nfft 1024, depth 5, for sample rates around 8 kHz. */
    public static HDemucs hdemucsLow(List<String> sources) {
        return new HDemucs(sources, 2, 48, 2, 1024, 5, 0.2, 10, true, 8, 2, 4, 1, 0, 4, 4, 2, 4, 4, 4, 1e-4);
    }

    /** {@code hdemucs_medium(sources)}: nfft 2048, depth 6, for sample rates of 16-32 kHz. */
    public static HDemucs hdemucsMedium(List<String> sources) {
        return new HDemucs(sources, 2, 48, 2, 2048, 6, 0.2, 10, true, 8, 2, 4, 1, 0, 4, 4, 2, 4, 4, 4, 1e-4);
    }

    /** {@code hdemucs_high(sources)}: nfft 4096, depth 6, for sample rates of 44.1-48 kHz. */
    public static HDemucs hdemucsHigh(List<String> sources) {
        return new HDemucs(sources);
    }

    /**
     * {@code _rescale_module}: each convolution's weight and bias divided by {@code sqrt(std(weight) / 0.1)}.
     * The standard deviation is taken in float64 and rounded to the weight's dtype, as PyTorch's full
     * reduction does, so that the scales (and the weights) are PyTorch's to the bit.
     */
    private static void rescaleModule(Module module) {
        try (var noGrad = Torch.noGrad()) {
            for (Module sub : module.modules()) {
                if (sub instanceof ConvNd conv) {
                    Tensor w = conv.weight.to(DType.FLOAT64);
                    double sumDx2 = w.sub(w.mean()).square().sum().item();
                    Tensor std = Torch.full(new long[0], Math.sqrt(sumDx2 / (w.numel() - 1)), conv.weight.dtype());
                    Tensor scale = std.div(Torch.full(new long[0], 0.1, std.dtype())).sqrt();
                    conv.weight.div_(scale);
                    if (conv.bias != null) conv.bias.div_(scale);
                }
            }
        }
    }

    /**
     * Separates a mixture.
     *
     * @param input [batch, audioChannels, frames]
     * @return [batch, sources, audioChannels, frames]
     * @throws IllegalArgumentException when the input is not 3-d or has another channel count
     */
    @Override
    public Tensor forward(Tensor input) {
        if (input.dim() != 3) {
            throw new IllegalArgumentException("Expected 3D tensor with dimensions (batch, channel, frames). Found: torch.Size("
                    + Arrays.toString(input.shape()) + ")");
        }
        if (input.size(1) != audioChannels) {
            throw new IllegalArgumentException("The channel dimension of input Tensor must match `audio_channels` of HDemucs model. Found:"
                    + input.size(1) + ".");
        }
        long length = input.size(-1);
        Tensor x = magnitude(spec(input));
        long b = x.size(0), fq = x.size(2), t = x.size(3);
        Tensor mean = x.mean(new int[] {1, 2, 3}, true), std = x.std(new int[] {1, 2, 3}, 1, true);
        x = x.sub(mean).div(std.add(1e-5));
        Tensor meant = input.mean(new int[] {1, 2}, true), stdt = input.std(new int[] {1, 2}, 1, true);
        Tensor xt = input.sub(meant).div(stdt.add(1e-5));
        List<Tensor> saved = new ArrayList<>(), savedT = new ArrayList<>();
        List<Long> lengths = new ArrayList<>(), lengthsT = new ArrayList<>();
        for (int idx = 0; idx < freqEncoder.size(); idx++) {
            lengths.add(x.size(-1));
            Tensor inject = null;
            if (idx < timeEncoder.size()) {
                lengthsT.add(xt.size(-1));
                HEncLayer tenc = (HEncLayer) timeEncoder.get(idx);
                xt = tenc.call(xt, null);
                if (!tenc.empty) savedT.add(xt);
                else inject = xt;
            }
            x = ((HEncLayer) freqEncoder.get(idx)).call(x, inject);
            if (idx == 0 && freqEmb != null) {
                Tensor frs = Torch.arange(x.size(-2)).to(x.device());
                Tensor emb = freqEmb.call(frs).t().unsqueeze(0).unsqueeze(3).expand(x.shape());
                x = x.add(emb.mul(freqEmbScale));
            }
            saved.add(x);
        }
        x = Torch.zerosLike(x);
        xt = Torch.zerosLike(x);
        int offset = depth - timeDecoder.size();
        for (int idx = 0; idx < freqDecoder.size(); idx++) {
            HDecLayer.Output d = ((HDecLayer) freqDecoder.get(idx)).call(x, pop(saved), pop(lengths));
            x = d.output();
            if (idx >= offset) {
                HDecLayer tdec = (HDecLayer) timeDecoder.get(idx - offset);
                long lengthT = pop(lengthsT);
                if (tdec.empty) {
                    if (d.pre().size(2) != 1) {
                        throw new IllegalArgumentException("If tdec empty is True, pre shape does not match torch.Size(" + Arrays.toString(d.pre().shape())
                                + ")");
                    }
                    xt = tdec.call(d.pre().select(2, 0), null, lengthT).output();
                } else {
                    xt = tdec.call(xt, pop(savedT), lengthT).output();
                }
            }
        }
        long s = sources.size();
        x = x.view(b, s, -1, fq, t).mul(std.unsqueeze(1)).add(mean.unsqueeze(1));
        x = ispec(mask(x), length);
        xt = xt.view(b, s, -1, length).mul(stdt.unsqueeze(1)).add(meant.unsqueeze(1));
        return xt.add(x);
    }

    private static <T> T pop(List<T> list) {
        return list.remove(list.size() - 1);
    }

    /** {@code _spec}: the STFT of the reflect-padded signal, the last bin and two frames each side dropped. */
    private Tensor spec(Tensor x) {
        long hl = hopLength;
        long length = x.size(-1);
        long le = (length + hl - 1) / hl;
        long pad = hl / 2 * 3;
        x = pad1dReflect(x, pad, pad + le * hl - length);
        Tensor z = spectro(x);
        z = z.narrow(-2, 0, z.size(-2) - 1);
        if (z.size(-1) != le + 4) throw new IllegalArgumentException("Spectrogram's last dimension must be 4 + input size divided by stride");
        return z.narrow(-1, 2, le);
    }

    /** {@code _pad1d(x, left, right, mode="reflect")}: zeros first where the signal is too short to reflect. */
    private static Tensor pad1dReflect(Tensor x, long left, long right) {
        long length = x.size(-1), maxPad = Math.max(left, right);
        if (length <= maxPad) x = F.pad(x, 0, maxPad - length + 1);
        return F.pad(x, new long[] {left, right}, "reflect", 0);
    }

    /** {@code _spectro}: torch.stft (Hann window, normalized, centred, reflect) over the last dimension. */
    private Tensor spectro(Tensor x) {
        long[] shape = x.shape();
        Tensor window = Torch.hannWindow(nfft, true, x.dtype());
        Tensor z = Torch.stft(x.reshape(-1, shape[shape.length - 1]), (int) nfft, (int) hopLength, (int) nfft, window, true, "reflect", true, null);
        long[] out = Arrays.copyOf(shape, shape.length + 1);
        out[shape.length - 1] = z.size(1);
        out[shape.length] = z.size(2);
        return z.view(out);
    }

    /** {@code _magnitude}: [B, C, F, T] complex to [B, 2C, F, T] real (each channel's real and imaginary parts). */
    private static Tensor magnitude(Tensor z) {
        long b = z.size(0), c = z.size(1), fr = z.size(2), t = z.size(3);
        return Torch.viewAsReal(z).permute(0, 1, 4, 2, 3).reshape(b, c * 2, fr, t);
    }

    /**
     * {@code _mask} and the zero padding {@code _ispec} starts with (one frequency bin at the end, two
     * frames each side), done on the real and imaginary parts before they become complex.
     */
    private static Tensor mask(Tensor m) {
        long b = m.size(0), s = m.size(1), fr = m.size(3), t = m.size(4);
        Tensor out = m.view(b, s, -1, 2, fr, t).permute(0, 1, 2, 4, 5, 3);
        return Torch.viewAsComplex(F.pad(out, 0, 0, 2, 2, 0, 1).contiguous());
    }

    /** {@code _ispec} after its padding: the inverse STFT, trimmed to {@code length}. */
    private Tensor ispec(Tensor z, long length) {
        long hl = hopLength;
        long pad = hl / 2 * 3;
        long le = hl * ((length + hl - 1) / hl) + 2 * pad;
        return ispectro(z, le).narrow(-1, pad, length);
    }

    /** {@code _ispectro}: torch.istft (Hann window, normalized, centred) over the last two dimensions. */
    private Tensor ispectro(Tensor z, long length) {
        long[] shape = z.shape();
        long freqs = shape[shape.length - 2], frames = shape[shape.length - 1];
        int nFft = (int) (2 * freqs - 2);
        Tensor window = Torch.hannWindow(nFft, true, realOf(z.dtype()));
        Tensor x = Torch.istft(z.view(-1, freqs, frames), nFft, (int) hopLength, nFft, window, true, true, null, (int) length);
        long[] out = Arrays.copyOf(shape, shape.length - 1);
        out[out.length - 1] = x.size(1);
        return x.view(out);
    }

    private static DType realOf(DType complex) {
        return complex == DType.COMPLEX128 ? DType.FLOAT64 : DType.FLOAT32;
    }
}
