package org.torch4j.onnx.importer;

/**
 * How one ONNX operator runs on torch4j ops: from a node's inputs and attributes to its outputs.
 * Outputs are tensors, or lists of tensors for ONNX sequences; the array may be shorter than the
 * node's output list when trailing optional outputs are not computed.
 */
@FunctionalInterface
public interface OpMapping {
    Object[] apply(OpCall call);
}
