package org.torch4j.nn;

import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * A tensor that is a module's learnable parameter: registered by {@link Module#registerParameter},
 * listed by {@link Module#parameters()}, and requiring grad unless created otherwise.
 */
public class Parameter extends Tensor {

    /** A parameter over {@code data}'s storage (not copied) that requires grad. */
    public Parameter(Tensor data) {
        this(data, true);
    }

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

    @Override
    public String toString() {
        return "Parameter containing:\n" + super.toString();
    }
}
