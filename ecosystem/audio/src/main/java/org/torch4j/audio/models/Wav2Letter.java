package org.torch4j.audio.models;

import java.util.List;
import org.torch4j.Tensor;
import org.torch4j.nn.Conv1d;
import org.torch4j.nn.F;
import org.torch4j.nn.Module;
import org.torch4j.nn.ReLU;
import org.torch4j.nn.Sequential;

/**
 * Wav2Letter (torchaudio's {@code Wav2Letter}, Collobert et al. 2016): a fully convolutional acoustic
 * model giving per-frame log-probabilities over {@code numClasses} labels, for CTC training. From
 * waveforms ({@code inputType} "waveform") a strided convolution first turns 16 kHz samples into frames
 * every 10 ms; from spectra ("power_spectrum" or "mfcc") the frames come in directly. torchaudio's
 * structure and state-dict keys ({@code acoustic_model.0.0.weight} ... for waveforms,
 * {@code acoustic_model.0.weight} ... otherwise), and its parameter-creation order, so that the weights
 * drawn after a given {@code Torch.manualSeed} are PyTorch's.
 */
public class Wav2Letter extends Module {
    /** The number of output labels. */
    public final int numClasses;
    /** "waveform", "power_spectrum" or "mfcc". */
    public final String inputType;
    /** {@code acoustic_model}: the convolutions (for waveforms, {@code Sequential(waveform_model, acoustic_model)}). */
    public final Sequential acousticModel;

    /** torchaudio's defaults: 40 classes from single-channel waveforms. */
    public Wav2Letter() {
        this(40, "waveform", 1);
    }

    /**
     * torchaudio's constructor.
     *
     * @param numClasses output labels
     * @param inputType "waveform", "power_spectrum" or "mfcc"
     * @param numFeatures input channels: 1 for mono waveforms, else the spectral features per frame
     * @throws IllegalArgumentException for another input type (torchaudio accepts it and fails in forward, for want
     *     of an {@code acoustic_model})
     */
    public Wav2Letter(int numClasses, String inputType, long numFeatures) {
        if (!List.of("waveform", "power_spectrum", "mfcc").contains(inputType)) {
            throw new IllegalArgumentException("input_type must be 'waveform', 'power_spectrum' or 'mfcc', got '" + inputType + "'");
        }
        this.numClasses = numClasses;
        this.inputType = inputType;
        boolean waveform = inputType.equals("waveform");
        // built in torchaudio's order (acoustic layers, then the waveform front end), so seeded weights agree
        Sequential acoustic = new Sequential(
                conv(waveform ? 250 : numFeatures, 250, 48, 2, 23), new ReLU(),
                conv(250, 250, 7, 1, 3), new ReLU(),
                conv(250, 250, 7, 1, 3), new ReLU(),
                conv(250, 250, 7, 1, 3), new ReLU(),
                conv(250, 250, 7, 1, 3), new ReLU(),
                conv(250, 250, 7, 1, 3), new ReLU(),
                conv(250, 250, 7, 1, 3), new ReLU(),
                conv(250, 250, 7, 1, 3), new ReLU(),
                conv(250, 2000, 32, 1, 16), new ReLU(),
                conv(2000, 2000, 1, 1, 0), new ReLU(),
                conv(2000, numClasses, 1, 1, 0), new ReLU());
        if (waveform) {
            Sequential front = new Sequential(conv(numFeatures, 250, 250, 160, 45), new ReLU());
            acousticModel = registerModule("acoustic_model", new Sequential(front, acoustic));
        } else {
            acousticModel = registerModule("acoustic_model", acoustic);
        }
    }

    private static Conv1d conv(long in, long out, long kernel, long stride, long padding) {
        return new Conv1d(in, out, kernel, stride, padding);
    }

    /** [batch, numFeatures, time] to log-probabilities [batch, numClasses, frames] (log-softmax over classes). */
    @Override
    public Tensor forward(Tensor x) {
        return F.logSoftmax(acousticModel.call(x), 1);
    }
}
