package org.torch4j;

import java.util.List;

/**
 * {@code torch.as_tensor} and {@code torch.asarray} for Java data: a tensor (shared when no conversion
 * is needed), nested Java arrays (their element type's dtype, as NumPy arrays keep theirs), nested
 * {@link List}s of numbers or booleans (dtype inferred as from Python lists, see {@link NestedLists}),
 * or one {@link Number} / {@link Boolean} (a 0-dim tensor). Arrays and lists are always copied: Java
 * arrays cannot back a tensor's storage by reference.
 */
final class AsTensors {
    private AsTensors() {}

    /** {@code torch.as_tensor(data, dtype, device)}: null dtype or device keep the data's. */
    static Tensor asTensor(Object data, DType dtype, Device device) {
        return convert(fromData(data), dtype, device);
    }

    /**
     * {@code torch.asarray(obj, dtype=, device=, copy=, requires_grad=)}: {@code copy} null shares a
     * tensor when it can, true always copies, false refuses any copy (PyTorch's messages).
     */
    static Tensor asarray(Object obj, DType dtype, Device device, Boolean copy, boolean requiresGrad) {
        Tensor out;
        if (obj instanceof Tensor t) {
            t.checkOpen();
            if (Boolean.FALSE.equals(copy)) {
                if (dtype != null && dtype != t.dtype()) {
                    throw new IllegalArgumentException("can't alias tensor with dtype '" + Printer.cppName(t.dtype()) + "' into dtype '"
                            + Printer.cppName(dtype) + "'.");
                }
                if (device != null && !device.equals(t.device())) {
                    throw new IllegalArgumentException("can't alias tensor from device '" + t.device() + "' to '" + device + "'.");
                }
            }
            out = convert(t, dtype, device);
            if (Boolean.TRUE.equals(copy) && out == t) out = t.clone();
        } else {
            if (Boolean.FALSE.equals(copy)) throw new IllegalArgumentException("can't alias arbitrary sequence into a tensor.");
            out = convert(fromData(obj), dtype, device);
        }
        return requiresGrad ? out.requiresGrad_(true) : out;
    }

    private static Tensor convert(Tensor t, DType dtype, Device device) {
        Tensor out = dtype == null ? t : t.to(dtype);
        return device == null ? out : out.to(device);
    }

    private static Tensor fromData(Object data) {
        if (data instanceof Tensor t) {
            t.checkOpen();
            return t;
        }
        if (data instanceof List<?> || data instanceof Boolean) return NestedLists.fromList(data);
        if (data instanceof Number n) {
            boolean integral = n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte;
            return integral ? Torch.scalarTensor(n.longValue()) : Torch.scalarTensor(n.doubleValue());
        }
        if (data != null && data.getClass().isArray()) return Torch.tensor(data);
        throw new IllegalArgumentException("Could not infer dtype of " + (data == null ? "null" : data.getClass().getSimpleName()));
    }
}
