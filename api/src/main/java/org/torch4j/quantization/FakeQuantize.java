package org.torch4j.quantization;

import java.util.function.BiFunction;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * Simulates quantization during training ({@code torch.ao.quantization.FakeQuantize}): while the observer is
 * enabled each forward feeds the input to the observer ({@code activation_post_process}) and copies its scale and
 * zero point into the buffers {@code scale} and {@code zero_point}; while fake quantization is enabled the output
 * is {@link Quantization#fakeQuantizePerTensorAffine(Tensor, Tensor, Tensor, long, long) fake quantized} (per
 * channel for a per-channel observer), with its straight-through gradient. Buffers: {@code fake_quant_enabled},
 * {@code observer_enabled} (uint8 flags), {@code scale}, {@code zero_point}.
 */
public class FakeQuantize extends org.torch4j.nn.Module {
    private final ObserverBase activationPostProcess;
    private final boolean perChannel;

    /** PyTorch's default: a default {@link MovingAverageMinMaxObserver} (quint8, range 0 to 255). */
    public FakeQuantize() {
        this(new MovingAverageMinMaxObserver());
    }

    /**
     * Fake quantization with the given observer, whose range and scheme it uses.
     *
     * @param observer the observer, registered as {@code activation_post_process}
     */
    public FakeQuantize(ObserverBase observer) {
        registerBuffer("fake_quant_enabled", Torch.tensor(new long[] {1}, 1).to(DType.UINT8));
        registerBuffer("observer_enabled", Torch.tensor(new long[] {1}, 1).to(DType.UINT8));
        this.activationPostProcess = observer;
        this.perChannel = observer.qscheme().isPerChannel();
        registerBuffer("scale", Torch.tensor(new float[] {1f}, 1));
        boolean floatQparams = observer.qscheme() == QScheme.PER_CHANNEL_AFFINE_FLOAT_QPARAMS;
        registerBuffer("zero_point", Torch.zeros(new long[] {1}, floatQparams ? DType.FLOAT32 : DType.INT32));
        registerModule("activation_post_process", observer);
    }

    /**
     * PyTorch's {@code FakeQuantize(observer=cls, quant_min=..., quant_max=..., dtype=...)}: checks the range against
     * the dtype, then builds the observer with it.
     *
     * @param observer makes the observer from {@code quant_min} and {@code quant_max}
     * @param dtype the observer's dtype
     * @param quantMin the smallest quantized value
     * @param quantMax the largest quantized value
     * @return the module
     */
    public static FakeQuantize withRange(BiFunction<Long, Long, ? extends ObserverBase> observer, QDType dtype, long quantMin, long quantMax) {
        checkRange(dtype, quantMin, quantMax);
        return new FakeQuantize(observer.apply(quantMin, quantMax));
    }

    /** PyTorch's checks of {@code FakeQuantize}'s {@code quant_min} and {@code quant_max} against the dtype. */
    static void checkRange(QDType dtype, long quantMin, long quantMax) {
        if (quantMin > quantMax) throw new IllegalArgumentException("quant_min must be less than or equal to quant_max");
        if (quantMin < dtype.min()) throw new IllegalArgumentException("quant_min out of bound");
        if (quantMax > dtype.max()) throw new IllegalArgumentException("quant_max out of bound");
    }

    /** The observer. */
    public ObserverBase activationPostProcess() {
        return activationPostProcess;
    }

    /** The scale buffer (float32, [1] or one per channel). */
    public Tensor scale() {
        return buffer("scale");
    }

    /** The zero point buffer (int32, or float32 for float qparams). */
    public Tensor zeroPoint() {
        return buffer("zero_point");
    }

    /** The observer's smallest quantized value. */
    public long quantMin() {
        return activationPostProcess.quantMin();
    }

    /** The observer's largest quantized value. */
    public long quantMax() {
        return activationPostProcess.quantMax();
    }

    /** Turns fake quantization on or off ({@code enable_fake_quant(enabled)}). */
    public void enableFakeQuant(boolean enabled) {
        buffer("fake_quant_enabled").fill_(enabled ? 1L : 0L);
    }

    /** Turns fake quantization on. */
    public void enableFakeQuant() {
        enableFakeQuant(true);
    }

    /** Turns fake quantization off: the forward returns its input. */
    public void disableFakeQuant() {
        enableFakeQuant(false);
    }

    /** Turns observation on or off ({@code enable_observer(enabled)}). */
    public void enableObserver(boolean enabled) {
        buffer("observer_enabled").fill_(enabled ? 1L : 0L);
    }

    /** Turns observation on. */
    public void enableObserver() {
        enableObserver(true);
    }

    /** Turns observation off: the scale and zero point stay as they are. */
    public void disableObserver() {
        enableObserver(false);
    }

    /** The observer's parameters now ({@code calculate_qparams()}). */
    public QParams calculateQparams() {
        return activationPostProcess.calculateQparams();
    }

    @Override
    public Tensor forward(Tensor x) {
        if (buffer("observer_enabled").itemLong() == 1) {
            activationPostProcess.call(x.detach());
            QParams qp = calculateQparams();
            try (var g = Torch.noGrad()) {
                if (!java.util.Arrays.equals(scale().shape(), qp.scale().shape())) {
                    setBuffer("scale", Torch.zeros(qp.scale().shape(), DType.FLOAT32));
                    setBuffer("zero_point", Torch.zeros(qp.zeroPoint().shape(), zeroPoint().dtype()));
                }
                scale().copy_(qp.scale());
                zeroPoint().copy_(qp.zeroPoint());
            }
        }
        if (buffer("fake_quant_enabled").itemLong() == 1) {
            x = perChannel
                    ? Quantization.fakeQuantizePerChannelAffine(x, scale(), zeroPoint(), activationPostProcess.chAxis(), quantMin(), quantMax())
                    : Quantization.fakeQuantizePerTensorAffine(x, scale(), zeroPoint(), quantMin(), quantMax());
        }
        return x;
    }

    @Override
    protected String extraRepr() {
        return "fake_quant_enabled=" + buffer("fake_quant_enabled") + ", observer_enabled=" + buffer("observer_enabled") + ", quant_min="
                + quantMin() + ", quant_max=" + quantMax() + ", dtype=" + activationPostProcess.dtype() + ", qscheme="
                + activationPostProcess.qscheme() + ", ch_axis=" + activationPostProcess.chAxis() + ", scale=" + scale() + ", zero_point="
                + zeroPoint();
    }
}
