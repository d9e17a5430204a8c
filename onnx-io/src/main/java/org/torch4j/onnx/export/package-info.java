/**
 * The ONNX exporter's internals (not exported): {@link org.torch4j.onnx.export.OnnxTracer} receives
 * the ops of one traced forward pass, {@link org.torch4j.onnx.export.SymbolicTable} turns each into
 * ONNX nodes through the families in {@code symbolics} (as {@code torch.onnx}'s symbolic functions),
 * {@link org.torch4j.onnx.export.GraphBuilder} holds the graph being built and
 * {@link org.torch4j.onnx.export.ModelWriter} writes it, with external data when asked or needed.
 */
package org.torch4j.onnx.export;
