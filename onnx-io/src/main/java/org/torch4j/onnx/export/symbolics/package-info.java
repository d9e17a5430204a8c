/**
 * The exporter's symbolic functions, one class per op family (as the importer's {@code ops}): each
 * registers, by PyTorch op name, the ONNX nodes that compute the op.
 */
package org.torch4j.onnx.export.symbolics;
