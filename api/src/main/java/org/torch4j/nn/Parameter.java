package org.torch4j.nn;

import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * A tensor that is a module's learnable parameter: registered by {@link Module#registerParameter},
 * listed by {@link Module#parameters()}, and requiring grad unless created otherwise.
 */
public class Parameter extends Tensor {

    /** Whether this is an uninitialised parameter of a lazy module (PyTorch's {@code UninitializedParameter}). */
    private boolean uninitialized;

    /** A parameter over {@code data}'s storage (not copied) that requires grad. */
    public Parameter(Tensor data) {
        this(data, true);
    }

    /**
     * A parameter over {@code data}'s storage (not copied) ({@code torch.nn.Parameter(data, requires_grad)}).
     *
     * @param data the values
     * @param requiresGrad whether the parameter requires grad
     */
    public Parameter(Tensor data, boolean requiresGrad) {
        super(data);
        keep();
        if (requiresGrad) requiresGrad_();
    }

    /** Replaces the values, shape and device this parameter holds, keeping its identity ({@code param.data = t}). */
    public void setData(Tensor data) {
        try (var m = Torch.noGrad()) {
            replaceData(data.detach());
        }
    }

    /** The values without the parameter's autograd identity ({@code param.data}). */
    public Tensor data() {
        return detach();
    }

    /**
     * Whether this parameter is still uninitialised: a lazy module's parameter before its first forward
     * (PyTorch's {@code UninitializedParameter}). Its data is then an empty placeholder of the dtype and
     * device that {@link #materialize} will use.
     */
    public boolean isUninitialized() {
        return uninitialized;
    }

    /** Makes this parameter an uninitialised placeholder of its dtype and device (for the lazy modules). */
    void uninitialize() {
        setData(Torch.empty(new long[] {0}, dtype(), device()));
        uninitialized = true;
    }

    /**
     * Gives an uninitialised parameter its shape ({@code UninitializedParameter.materialize}): its data becomes
     * {@code torch.empty(shape)} of its dtype and device, and from then on it is an ordinary parameter (the
     * same object, so optimizers built on it before see the new data).
     *
     * @throws IllegalStateException when this parameter is already initialised
     */
    public void materialize(long... shape) {
        if (!uninitialized) throw new IllegalStateException("materialize() is only for uninitialized parameters");
        setData(Torch.empty(shape, dtype(), device()));
        uninitialized = false;
    }

    @Override
    public String toString() {
        return uninitialized ? "<UninitializedParameter>" : "Parameter containing:\n" + super.toString();
    }
}
