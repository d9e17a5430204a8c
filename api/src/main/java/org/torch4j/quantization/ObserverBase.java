package org.torch4j.quantization;

import org.torch4j.Tensor;
import org.torch4j.nn.Module;

/**
 * An observer ({@code torch.ao.quantization.ObserverBase}): a module that records statistics of the tensors passed
 * through it (returning them unchanged) and computes quantization parameters from them.
 */
public abstract class ObserverBase extends Module {
    /** The quantized dtype the parameters are for. */
    protected final QDType dtype;

    /**
     * For subclasses.
     *
     * @param dtype the quantized dtype the parameters are for
     */
    protected ObserverBase(QDType dtype) {
        this.dtype = dtype;
    }

    /** The quantized dtype the parameters are for. */
    public QDType dtype() {
        return dtype;
    }

    /** The scheme of the parameters this observer computes. */
    public abstract QScheme qscheme();

    /** The smallest quantized value the parameters map to. */
    public abstract long quantMin();

    /** The largest quantized value the parameters map to. */
    public abstract long quantMax();

    /** The channel axis of a per-channel observer, -1 for a per-tensor one. */
    public int chAxis() {
        return -1;
    }

    /** Records statistics of {@code x} and returns {@code x} as it is. */
    @Override
    public abstract Tensor forward(Tensor x);

    /** The scale and zero point from the statistics recorded so far ({@code calculate_qparams()}). */
    public abstract QParams calculateQparams();
}
