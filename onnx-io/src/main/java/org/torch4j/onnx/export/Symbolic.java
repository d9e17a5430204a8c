package org.torch4j.onnx.export;

/** Turns one recorded op into ONNX nodes (PyTorch's "symbolic function" of that op). */
@FunctionalInterface
public interface Symbolic {

    /** Emits the nodes computing {@code call}'s result into {@code g} and binds the result tensors. */
    void emit(Call call, GraphBuilder g);
}
