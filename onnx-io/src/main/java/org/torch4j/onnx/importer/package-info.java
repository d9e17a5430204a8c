/**
 * The ONNX importer's internals (not exported): protobuf reading with size checks
 * ({@link org.torch4j.onnx.importer.ModelReader}, {@link org.torch4j.onnx.importer.TensorDecoder}),
 * graph checking and ordering ({@link org.torch4j.onnx.importer.GraphCompiler}), execution
 * ({@link org.torch4j.onnx.importer.Graph}), and the operator registry
 * ({@link org.torch4j.onnx.importer.OpRegistry}) filled by the families in {@code ops}.
 */
package org.torch4j.onnx.importer;
