package org.torch4j.nn;

import org.torch4j.DType;
import org.torch4j.Device;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * A lazy module's buffer before its first forward ({@code torch.nn.parameter.UninitializedBuffer}): an
 * empty placeholder of the dtype and device that {@link #materialize} gives its shape. Listed in state
 * dicts as uninitialised, so loading it into an initialised module fails as in PyTorch.
 */
public final class UninitializedBuffer extends Tensor {
    private boolean uninitialized = true;

    /** An uninitialised buffer of {@code dtype} on {@code device}. */
    public UninitializedBuffer(DType dtype, Device device) {
        super(Torch.empty(new long[] {0}, dtype, device));
        keep();
    }

    /** Whether this buffer still awaits its shape. */
    public boolean isUninitialized() {
        return uninitialized;
    }

    /**
     * Gives this buffer its shape: its data becomes {@code torch.empty(shape)} of its dtype and device.
     *
     * @throws IllegalStateException when it is already initialised
     */
    public void materialize(long... shape) {
        if (!uninitialized) throw new IllegalStateException("materialize() is only for uninitialized buffers");
        replaceData(Torch.empty(shape, dtype(), device()));
        uninitialized = false;
    }

    @Override
    public String toString() {
        return uninitialized ? "<UninitializedBuffer>" : super.toString();
    }
}
