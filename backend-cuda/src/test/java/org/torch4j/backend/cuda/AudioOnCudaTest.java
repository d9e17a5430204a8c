package org.torch4j.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.torch4j.Cuda;
import org.torch4j.Device;
import org.torch4j.Generator;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.audio.functional.AudioFunctional;
import org.torch4j.audio.functional.Filtering;
import org.torch4j.audio.transforms.ComputeDeltas;
import org.torch4j.audio.transforms.Fade;
import org.torch4j.audio.transforms.GriffinLim;
import org.torch4j.audio.transforms.InverseMelScale;
import org.torch4j.audio.transforms.LFCC;
import org.torch4j.audio.transforms.MFCC;
import org.torch4j.audio.transforms.MelSpectrogram;
import org.torch4j.audio.transforms.Resample;
import org.torch4j.audio.transforms.SpectralCentroid;
import org.torch4j.audio.transforms.Spectrogram;
import org.torch4j.audio.transforms.TimeMasking;
import org.torch4j.audio.transforms.TimeStretch;
import org.torch4j.nn.Module;

/**
 * torchaudio's functions and transforms with the waveform on the GPU (on the emulated device without one):
 * the result stays there and equals the CPU's, so what a function makes beside its input (windows, kernels, filter
 * coefficients, index tensors, fade curves) is made on the input's device. Skipped, printing why, without CUDA.
 */
class AudioOnCudaTest {

    private static final Device CUDA = Device.of("cuda");

    @BeforeAll
    static void requireCuda() {
        RequireCuda.orSkip("audio on CUDA");
        // float32 convolutions in full precision, as on the CPU (the default, as PyTorch's cuDNN, allows TF32)
        Cuda.setAllowConvTf32(false);
    }

    @AfterAll
    static void restoreTf32() {
        Cuda.setAllowConvTf32(true);
    }

    private static Tensor waveform() {
        return Torch.randn(new long[] {1, 4000}, new Generator().manualSeed(3));
    }

    /** f on the CPU and on cuda: the cuda result stays on cuda and agrees with the CPU's. */
    private static void sameOnCuda(String name, Function<Device, Tensor> f) {
        Tensor cpu = f.apply(Device.CPU), gpu = f.apply(CUDA);
        assertEquals("cuda", gpu.device().type(), name + ": result device");
        Tensor back = gpu.cpu();
        if (cpu.isComplex()) {
            back = Torch.viewAsReal(back);
            cpu = Torch.viewAsReal(cpu);
        }
        assertTrue(back.isclose(cpu, 1e-4, 1e-4, true).all().itemBool(), name + ": cuda differs from cpu");
    }

    private static Tensor run(Module m, Device d, Tensor x) {
        m.to(d);
        return m.call(x.to(d));
    }

    @Test
    void functionsKeepTheWaveformsDevice() {
        Tensor wav = waveform();
        sameOnCuda("spectrogram", d -> AudioFunctional.spectrogram(wav.to(d), 256));
        sameOnCuda("resample", d -> AudioFunctional.resample(wav.to(d), 16000, 8000));
        sameOnCuda("lowpass_biquad", d -> Filtering.lowpassBiquad(wav.to(d), 16000, 2000, 0.707));
        sameOnCuda("lfilter", d -> Filtering.lfilter(wav.to(d), Torch.tensor(new float[] {1f, -0.5f}).to(d),
                Torch.tensor(new float[] {0.5f, 0.5f}).to(d)));
        Tensor spec = Torch.rand(new long[] {1, 40, 20}, new Generator().manualSeed(4));
        sameOnCuda("compute_deltas", d -> AudioFunctional.computeDeltas(spec.to(d)));
        sameOnCuda("mask_along_axis", d -> AudioFunctional.maskAlongAxis(spec.to(d), 5, 0.0, 2, 1.0, new Generator().manualSeed(5)));
    }

    @Test
    void transformsMovedToCudaRunThere() {
        Tensor wav = waveform();
        sameOnCuda("Spectrogram", d -> run(new Spectrogram(256), d, wav));
        sameOnCuda("MelSpectrogram", d -> run(new MelSpectrogram(), d, wav));
        sameOnCuda("MFCC", d -> run(new MFCC(), d, wav));
        sameOnCuda("LFCC", d -> run(new LFCC(), d, wav));
        sameOnCuda("Resample", d -> run(new Resample(16000, 8000), d, wav));
        sameOnCuda("SpectralCentroid", d -> run(new SpectralCentroid(16000), d, wav));
        sameOnCuda("Fade", d -> run(new Fade(100, 200, "linear"), d, wav));
        Tensor stft = Torch.stft(wav, 256, 64, 256, Torch.hannWindow(256));
        sameOnCuda("TimeStretch", d -> run(new TimeStretch(64, 129, 1.3), d, stft));
        Tensor spec = Torch.rand(new long[] {1, 40, 20}, new Generator().manualSeed(6));
        sameOnCuda("ComputeDeltas", d -> run(new ComputeDeltas(), d, spec));
        // random draws (on the host): only where the result lives
        Tensor mel = new MelSpectrogram().call(wav);
        assertEquals("cuda", run(InverseMelScale.builder(201).maxIter(5).build(), CUDA, mel).device().type(), "InverseMelScale");
        assertEquals("cuda", run(new GriffinLim(), CUDA, new Spectrogram(400).call(wav)).device().type(), "GriffinLim");
        assertEquals("cuda", run(new TimeMasking(5, true, 1.0, null), CUDA, Torch.rand(2, 1, 40, 20)).device().type(), "TimeMasking");
    }
}
