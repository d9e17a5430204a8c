package org.torch4j.onnx.importer;

import java.util.List;
import java.util.Map;
import org.torch4j.Tensor;
import org.torch4j.onnx.proto.OnnxProto.AttributeProto;

/**
 * A node as loaded: operator, opset, value names, attributes, and what was prepared at load time
 * (subgraphs compiled, tensor attributes decoded).
 *
 * @param name       the node's name, or {@code OpType_index} when it has none
 * @param inputs     input value names; "" marks an omitted optional input
 * @param outputs    output value names; "" marks an output nobody wants
 * @param graphs     compiled graph attributes by attribute name
 * @param tensors    decoded tensor attributes by attribute name
 * @param unsignedTensors the element type (uint16, uint32 or uint64) of those tensor attributes that
 *                   hold such values, by attribute name (their tensors hold them as {@link UnsignedTensor#data()})
 */
record NodeSpec(String name, String opType, String domain, long opset, List<String> inputs, List<String> outputs,
                Map<String, AttributeProto> attributes, Map<String, Graph> graphs, Map<String, Tensor> tensors,
                Map<String, Integer> unsignedTensors, OpMapping op) {}
