package org.torch4j.onnx.export.symbolics;

import static org.torch4j.onnx.export.GraphBuilder.attr;

import java.util.List;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.onnx.export.Call;
import org.torch4j.onnx.export.GraphBuilder;
import org.torch4j.onnx.export.SymbolicTable;

/**
 * The data-dependent ops of detection models, as torchvision's own ONNX symbolics write them: {@code nonzero}
 * (boolean indexing) as NonZero, {@code _topk_min} as TopK of {@code min(k, size)} read from the graph, and
 * {@code torchvision::nms} as NonMaxSuppression of one batch and one class, and {@code torchvision::roi_align} as RoiAlign
 * (opset 16+, for its {@code coordinate_transformation_mode}).
 */
public final class DetectionSymbolics {
    private DetectionSymbolics() {}

    /** Registers the family. */
    public static void register(SymbolicTable t) {
        t.put("aten::nonzero_numpy", (c, g) -> {
            // NonZero gives [rank, n]; torch.where(mask) the n indices along each dim
            Tensor mask = c.tensor(0);
            String nz = g.node("NonZero", List.of(g.value(mask)));
            List<Tensor> outs = c.outs();
            for (int d = 0; d < outs.size(); d++) {
                g.result(outs.get(d), g.node("Gather", List.of(nz, g.constant(Torch.scalarTensor((long) d))), attr("axis", 0)), null);
            }
        });
        t.put("torchvision::_topk_min", (c, g) -> {
            Tensor x = c.tensor(0);
            int dim = c.integer(2);
            String size = g.node("Slice", List.of(g.node("Shape", List.of(g.value(x))), g.longs(dim), g.longs(dim + 1)));
            String k = g.node("Min", List.of(size, g.longs(c.lng(1))));
            String[] r = g.nodeN("TopK", 2, List.of(g.value(x), k), attr("axis", dim), attr("largest", 1), attr("sorted", 1));
            List<Tensor> outs = c.outs();
            g.result(outs.get(0), r[0], null);
            g.result(outs.get(1), r[1], null);
        });
        t.put("torchvision::nms", (c, g) -> {
            // boxes [1, n, 4], scores [1, 1, n]; the selected (batch, class, box) triples' last column
            Tensor boxes = c.tensor(0), scores = c.tensor(1);
            String b = g.node("Unsqueeze", List.of(g.value(boxes, DType.FLOAT32), g.longs(0)));
            String s = g.node("Unsqueeze", List.of(g.value(scores, DType.FLOAT32), g.longs(0, 1)));
            String iou = g.constant(Torch.tensor(new float[] {(float) c.dbl(2)}, 1));
            String selected = g.node("NonMaxSuppression", List.of(b, s, g.longs(Long.MAX_VALUE), iou));
            g.result(c.out(), g.node("Gather", List.of(selected, g.constant(Torch.scalarTensor(2L))), attr("axis", 1)), null);
        });
        t.put("torchvision::roi_align", (c, g) -> {
            // rois [K, 5] = (batch index, x1, y1, x2, y2); aligned=False is RoiAlign's output_half_pixel (opset 16), as torchvision
            Tensor input = c.tensor(0), rois = c.tensor(1);
            boolean aligned = c.bool(6);
            if (g.opset() < 16) throw c.refuse("roi_align is exported as RoiAlign with coordinate_transformation_mode, which needs opset 16 or later");
            String r = g.value(rois);
            String batch = g.cast(g.node("Squeeze", List.of(g.node("Slice", List.of(r, g.longs(0), g.longs(1), g.longs(1))), g.longs(1))),
                    DType.INT64);
            String boxes = g.node("Slice", List.of(r, g.longs(1), g.longs(5), g.longs(1)));
            int sampling = Math.max(0, c.integer(5));   // torchvision's adaptive sampling (<= 0) is RoiAlign's 0
            g.result(c.out(), g.node("RoiAlign", List.of(g.value(input), boxes, batch), attr("mode", "avg"),
                    attr("output_height", c.lng(3)), attr("output_width", c.lng(4)), attr("sampling_ratio", sampling),
                    attr("spatial_scale", c.dbl(2)), attr("coordinate_transformation_mode", aligned ? "half_pixel" : "output_half_pixel")), null);
        });
    }
}
