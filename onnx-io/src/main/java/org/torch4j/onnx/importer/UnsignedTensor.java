package org.torch4j.onnx.importer;

import org.torch4j.Tensor;

/**
 * A value of ONNX type uint16, uint32 or uint64 while a graph runs: the tensor that holds it
 * ({@link ElemType#storage}: uint16 in INT32 and uint32 in INT64 with the same values, uint64 in
 * INT64 with the same 64 bits) and the ONNX element type, which says how to read it.
 *
 * <p>Ordinary operators never see these: the executor hands every node that has one as an input
 * (or that makes one) to {@link UnsignedOps}, which computes with unsigned semantics or refuses.
 *
 * @param data     the holding tensor
 * @param elemType {@link ElemType#UINT16}, {@link ElemType#UINT32} or {@link ElemType#UINT64}
 */
public record UnsignedTensor(Tensor data, int elemType) {
    public UnsignedTensor {
        if (!ElemType.isWideUnsigned(elemType)) throw new IllegalArgumentException(ElemType.name(elemType) + " is not uint16, uint32 or uint64");
        if (data.dtype() != ElemType.storage(elemType)) {
            throw new IllegalArgumentException(ElemType.name(elemType) + " values are held in " + ElemType.storage(elemType).torchName()
                    + " tensors, not " + data.dtype().torchName());
        }
    }

    /** The ONNX name of the element type, e.g. {@code uint32}. */
    public String typeName() {
        return ElemType.name(elemType);
    }

    @Override
    public String toString() {
        return "tensor(" + typeName() + ") of shape " + java.util.Arrays.toString(data.shape());
    }
}
