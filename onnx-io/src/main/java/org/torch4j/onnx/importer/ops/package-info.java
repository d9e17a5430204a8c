/**
 * ONNX operators on torch4j ops, one small class per family; each registers its
 * {@link org.torch4j.onnx.importer.OpMapping}s with {@link org.torch4j.onnx.importer.OpRegistry}.
 * Opset differences (attributes that became inputs, changed defaults) are handled inside each mapping
 * by {@link org.torch4j.onnx.importer.OpCall#opset()}.
 */
package org.torch4j.onnx.importer.ops;
