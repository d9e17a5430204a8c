package org.torch4j.onnx;

import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.torch4j.onnx.proto.OnnxProto.AttributeProto;
import org.torch4j.onnx.proto.OnnxProto.GraphProto;
import org.torch4j.onnx.proto.OnnxProto.ModelProto;
import org.torch4j.onnx.proto.OnnxProto.NodeProto;
import org.torch4j.onnx.proto.OnnxProto.OperatorSetIdProto;
import org.torch4j.onnx.proto.OnnxProto.TensorProto;
import org.torch4j.onnx.proto.OnnxProto.TensorShapeProto;
import org.torch4j.onnx.proto.OnnxProto.TypeProto;
import org.torch4j.onnx.proto.OnnxProto.ValueInfoProto;

/** Small ONNX models built in Java for the tests. */
final class Models {
    private Models() {}

    static ModelProto model(GraphProto.Builder g) {
        return model(g, 17);
    }

    static ModelProto model(GraphProto.Builder g, long opset) {
        return ModelProto.newBuilder().setIrVersion(8).setProducerName("torch4j-test")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(opset))
                .setGraph(g.setName("g")).build();
    }

    static NodeProto node(String op, List<String> inputs, List<String> outputs, AttributeProto... attrs) {
        return NodeProto.newBuilder().setOpType(op).setName(op.toLowerCase() + "_node").addAllInput(inputs).addAllOutput(outputs)
                .addAllAttribute(List.of(attrs)).build();
    }

    static AttributeProto ints(String name, long... v) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
        for (long x : v) a.addInts(x);
        return a.build();
    }

    static AttributeProto attr(String name, long v) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(v).build();
    }

    /** A float tensor input or output with a (possibly symbolic: -1) shape. */
    static ValueInfoProto value(String name, long... dims) {
        TensorShapeProto.Builder s = TensorShapeProto.newBuilder();
        for (long d : dims) {
            s.addDim(d < 0 ? TensorShapeProto.Dimension.newBuilder().setDimParam("N") : TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        }
        return ValueInfoProto.newBuilder().setName(name)
                .setType(TypeProto.newBuilder().setTensorType(TypeProto.Tensor.newBuilder().setElemType(1).setShape(s))).build();
    }

    /** A tensor type of ONNX element type {@code elem} (1 float, 4 uint16, 7 int64, 12 uint32, 13 uint64...), no shape. */
    static TypeProto tensorType(int elem) {
        return TypeProto.newBuilder().setTensorType(TypeProto.Tensor.newBuilder().setElemType(elem)).build();
    }

    static TypeProto seqType(TypeProto elem) {
        return TypeProto.newBuilder().setSequenceType(TypeProto.Sequence.newBuilder().setElemType(elem)).build();
    }

    static TypeProto optType(TypeProto elem) {
        return TypeProto.newBuilder().setOptionalType(TypeProto.Optional.newBuilder().setElemType(elem)).build();
    }

    /** An input or output of any type. */
    static ValueInfoProto typed(String name, TypeProto type) {
        return ValueInfoProto.newBuilder().setName(name).setType(type).build();
    }

    /** An input or output of tensor type {@code elem}. */
    static ValueInfoProto typed(String name, int elem) {
        return typed(name, tensorType(elem));
    }

    static AttributeProto attr(String name, String v) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.STRING)
                .setS(ByteString.copyFromUtf8(v)).build();
    }

    /** A tensor attribute. */
    static AttributeProto attr(String name, TensorProto t) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.TENSOR).setT(t).build();
    }

    /** A uint32 or uint64 tensor in {@code uint64_data} (ONNX's field for both), or a uint16 one in {@code int32_data}. */
    static TensorProto unsigned(String name, int elem, long[] data, long... dims) {
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(elem);
        for (long v : data) {
            if (elem == 4) t.addInt32Data((int) v);
            else t.addUint64Data(v);
        }
        for (long d : dims) t.addDims(d);
        return t.build();
    }

    /** A float32 initializer with raw little-endian data. */
    static TensorProto floats(String name, float[] data, long... dims) {
        ByteBuffer b = ByteBuffer.allocate(4 * data.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : data) b.putFloat(f);
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(1).setRawData(ByteString.copyFrom(b.array()));
        for (long d : dims) t.addDims(d);
        return t.build();
    }

    static TensorProto longs(String name, long[] data, long... dims) {
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(7);
        for (long v : data) t.addInt64Data(v);
        for (long d : dims) t.addDims(d);
        return t.build();
    }

    /** y = relu(x @ fc.weight^T + fc.bias) for x [N, in]: a Gemm and a Relu. */
    static ModelProto linearRelu(float[] weight, float[] bias, int in, int out) {
        GraphProto.Builder g = GraphProto.newBuilder()
                .addInput(value("x", -1, in))
                .addOutput(value("y", -1, out))
                .addInitializer(floats("fc.weight", weight, out, in))
                .addInitializer(floats("fc.bias", bias, out))
                .addNode(node("Gemm", List.of("x", "fc.weight", "fc.bias"), List.of("h"), attr("transB", 1)))
                .addNode(node("Relu", List.of("h"), List.of("y")));
        return model(g);
    }
}
