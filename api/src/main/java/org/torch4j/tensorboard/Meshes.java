package org.torch4j.tensorboard;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.torch4j.Tensor;

/**
 * The mesh plugin's summaries ({@code torch.utils.tensorboard.summary.mesh}): one float32 tensor summary each for the
 * vertices, the faces and the colours given, tagged {@code <tag>_VERTEX}, {@code _FACE}, {@code _COLOR}, each with a
 * {@code MeshPluginData} naming the mesh, its part, the parts present, the tensor's shape and the Three.js
 * configuration as JSON.
 */
final class Meshes {
    private Meshes() {}

    private static final int VERTEX = 1, FACE = 2, COLOR = 3;
    private static final String[] NAMES = {"UNDEFINED", "VERTEX", "FACE", "COLOR"};

    static List<byte[]> summaries(String tag, Tensor vertices, Tensor colors, Tensor faces, Map<String, ?> config) {
        String json = config == null ? "{}" : PyJson.dumps(config);
        Tensor[] parts = {null, vertices, faces, colors};
        int components = 0;
        for (int type = VERTEX; type <= COLOR; type++) {
            if (parts[type] != null) components |= 1 << type;
        }
        List<byte[]> out = new ArrayList<>();
        for (int type : new int[] {VERTEX, FACE, COLOR}) {
            if (parts[type] != null) out.add(summary(tag, parts[type], type, components, json));
        }
        return out;
    }

    private static byte[] summary(String tag, Tensor t, int type, int components, String json) {
        long[] shape = t.shape();
        if (shape.length != 3) {
            throw new IllegalArgumentException("Tensor shape should be of shape BxNx3, but got torch.Size("
                    + Arrays.toString(shape) + ").");
        }
        byte[] content = new ProtoWriter().string(2, tag).varint(3, type).string(5, json).packed(6, shape).varint(7, components).toBytes();
        float[] values = t.detach().contiguous().toFloatArray();
        ProtoWriter tensor = new ProtoWriter().varint(1, Summaries.DT_FLOAT).message(2, Summaries.shape(shape)).packed(5, values);
        return new ProtoWriter().string(1, tag + "_" + NAMES[type]).message(8, tensor).message(9, Summaries.plugin("mesh", content)).toBytes();
    }
}
