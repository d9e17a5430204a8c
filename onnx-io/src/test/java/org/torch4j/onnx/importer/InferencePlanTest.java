package org.torch4j.onnx.importer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.torch4j.onnx.proto.OnnxProto.AttributeProto;
import org.torch4j.onnx.proto.OnnxProto.GraphProto;
import org.torch4j.onnx.proto.OnnxProto.NodeProto;
import org.torch4j.onnx.proto.OnnxProto.ValueInfoProto;

/** Which values the inference rewrites may touch: {@link InPlace#plan} and {@link BatchNormFolding}'s pairing. */
class InferencePlanTest {

    private static NodeProto node(String op, List<String> in, List<String> out, AttributeProto... attrs) {
        return NodeProto.newBuilder().setOpType(op).addAllInput(in).addAllOutput(out).addAllAttribute(List.of(attrs)).build();
    }

    private static Graph compile(GraphProto.Builder g, String... initializers) {
        return new GraphCompiler(Map.of("", 17L), null, List.of()).compile(g.setName("g").build(), Set.of(initializers));
    }

    @Test
    void overwritesOnlyFreshValuesReadOnce() {
        GraphProto.Builder g = GraphProto.newBuilder()
                .addInput(ValueInfoProto.newBuilder().setName("x"))
                .addOutput(ValueInfoProto.newBuilder().setName("y"))
                .addOutput(ValueInfoProto.newBuilder().setName("e"))
                .addNode(node("Conv", List.of("x", "w"), List.of("a")))        // 0
                .addNode(node("Relu", List.of("a"), List.of("r")))             // 1: a read once -> in place
                .addNode(node("Conv", List.of("r", "w"), List.of("c")))        // 2
                .addNode(node("Add", List.of("c", "r"), List.of("s")))         // 3: c yes, r no (read twice)
                .addNode(node("Flatten", List.of("s"), List.of("f")))          // 4: a view of s
                .addNode(node("Relu", List.of("f"), List.of("y")))             // 5: f is a view: no
                .addNode(node("Relu", List.of("x"), List.of("d")))             // 6: a graph input: no
                .addNode(node("Conv", List.of("d", "w"), List.of("e")))        // 7
                .addNode(node("Relu", List.of("e"), List.of("z")));            // 8: e is a graph output: no
        Graph graph = compile(g, "w");
        boolean[][] plan = InPlace.plan(graph.nodes(), reads(graph), graph.outputs());
        assertArrayEquals(new boolean[] {true}, plan[1]);
        assertArrayEquals(new boolean[] {true, false}, plan[3]);
        assertNull(plan[5]);
        assertNull(plan[6]);
        assertNull(plan[8]);
    }

    @Test
    void foldsABatchNormReadingTheConvAlone() {
        GraphProto.Builder g = GraphProto.newBuilder()
                .addInput(ValueInfoProto.newBuilder().setName("x"))
                .addOutput(ValueInfoProto.newBuilder().setName("y"))
                .addOutput(ValueInfoProto.newBuilder().setName("c2"))
                .addNode(node("Conv", List.of("x", "w"), List.of("c")))
                .addNode(node("BatchNormalization", List.of("c", "g", "b", "m", "v"), List.of("n")))
                .addNode(node("Conv", List.of("n", "w"), List.of("c2")))
                .addNode(node("BatchNormalization", List.of("c2", "g", "b", "m", "v"), List.of("n2"))) // c2 is an output
                .addNode(node("Conv", List.of("n2", "w"), List.of("c3")))
                .addNode(node("BatchNormalization", List.of("c3", "g", "b", "m", "v"), List.of("y"),
                        AttributeProto.newBuilder().setName("training_mode").setType(AttributeProto.AttributeType.INT).setI(1).build()));
        Graph graph = compile(g, "w", "g", "b", "m", "v");
        BatchNormFolding f = new BatchNormFolding(graph.nodes(), graph.outputs());
        assertEquals(1, f.normOf(0));
        assertEquals(-1, f.normOf(2), "the Conv's output is a graph output");
        assertEquals(-1, f.normOf(4), "training mode");
        assertEquals(-1, f.normOf(1));
    }

    private static List<Set<String>> reads(Graph g) {
        return g.nodes().stream().map(n -> Set.copyOf(n.inputs().stream().filter(s -> !s.isEmpty()).toList())).toList();
    }
}
