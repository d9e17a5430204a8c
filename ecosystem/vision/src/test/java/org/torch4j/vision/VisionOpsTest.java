package org.torch4j.vision;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.torch4j.vision.VisionReference.list;
import static org.torch4j.vision.VisionReference.longs;
import static org.torch4j.vision.VisionReference.map;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.torch4j.DType;
import org.torch4j.GradCheck;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.vision.ops.Boxes;
import org.torch4j.vision.ops.FrozenBatchNorm2d;
import org.torch4j.vision.ops.Losses;
import org.torch4j.vision.ops.MultiScaleRoIAlign;
import org.torch4j.vision.ops.PSRoIAlign;
import org.torch4j.vision.ops.PSRoIPool;
import org.torch4j.vision.ops.Roi;
import org.torch4j.vision.ops.RoIAlign;
import org.torch4j.vision.ops.RoIPool;
import org.torch4j.vision.ops.StochasticDepth;

/** org.torch4j.vision.ops against torchvision 0.14 (tools/gen_vision_ops_reference.py, reference/vision/ops.json). */
class VisionOpsTest {
    private static final Map<String, Object> REF = map(VisionReference.load("ops.json"));

    private static Map<String, Object> section(String name) {
        return map(REF.get(name));
    }

    /** A tensor written by the generator's {@code tensor()}: shape, dtype and flat data. */
    static Tensor tensor(Object o) {
        Map<String, Object> m = map(o);
        long[] shape = longs(m.get("shape"));
        DType dtype = DType.of((String) m.get("dtype"));
        List<Object> data = list(m.get("data"));
        if (dtype.isFloatingPoint()) {
            double[] d = new double[data.size()];
            for (int i = 0; i < d.length; i++) d[i] = data.get(i) == null ? Double.NaN : ((Number) data.get(i)).doubleValue();
            return Torch.tensor(d, d.length).reshape(shape).to(dtype);
        }
        long[] l = new long[data.size()];
        for (int i = 0; i < l.length; i++) l[i] = ((Number) data.get(i)).longValue();
        return Torch.tensor(l, l.length).reshape(shape).to(dtype);
    }

    /** Same shape and dtype, and values within float32 or float64 rounding of PyTorch's. */
    static void close(Object expected, Tensor actual, String what) {
        Tensor e = tensor(expected);
        assertArrayEquals(e.shape(), actual.shape(), what + ": shape");
        assertEquals(e.dtype(), actual.dtype(), what + ": dtype");
        double tol = e.dtype() == DType.FLOAT64 ? 1e-10 : e.dtype() == DType.FLOAT32 ? 2e-5 : 0;
        double[] x = e.toDouble().toDoubleArray(), y = actual.toDouble().contiguous().toDoubleArray();
        for (int i = 0; i < x.length; i++) {
            if (Double.isNaN(x[i])) {
                assertTrue(Double.isNaN(y[i]), what + " at " + i + ": expected NaN, got " + y[i]);
                continue;
            }
            assertTrue(Math.abs(x[i] - y[i]) <= tol * Math.max(1, Math.abs(x[i])), what + " at " + i + ": expected " + x[i] + ", got " + y[i]);
        }
    }

    /** The boxes of the generator's {@code boxes_from(seed, n)}: torch.rand after manual_seed. */
    private static Tensor boxesFrom(long seed, int n) {
        Torch.manualSeed(seed);
        Tensor r = Torch.rand(n, 4);
        Tensor x1 = r.select(1, 0).mul(100.0), y1 = r.select(1, 1).mul(100.0);
        return Torch.stack(List.of(x1, y1, x1.add(r.select(1, 2).mul(100.0).div(4).add(1)), y1.add(r.select(1, 3).mul(100.0).div(4).add(1))), 1);
    }

    private static int i(Map<String, Object> m, String key) {
        return ((Number) m.get(key)).intValue();
    }

    private static double d(Map<String, Object> m, String key) {
        return ((Number) m.get(key)).doubleValue();
    }

    // ---- boxes ------------------------------------------------------------------------------------

    @Test
    void boxGeometryAndIousMatchTorchvision() {
        for (Object o : list(section("boxes").get("cases"))) {
            Map<String, Object> c = map(o);
            String dt = (String) c.get("dtype");
            Tensor b1 = tensor(c.get("boxes1")), b2 = tensor(c.get("boxes2"));
            close(c.get("box_area"), Boxes.boxArea(b1), dt + " box_area");
            close(c.get("box_iou"), Boxes.boxIou(b1, b2), dt + " box_iou");
            close(c.get("generalized_box_iou"), Boxes.generalizedBoxIou(b1, b2), dt + " generalized_box_iou");
            if (dt.equals("int64")) continue;
            close(c.get("distance_box_iou"), Boxes.distanceBoxIou(b1, b2), dt + " distance_box_iou");
            close(c.get("complete_box_iou"), Boxes.completeBoxIou(b1, b2), dt + " complete_box_iou");
            close(c.get("distance_box_iou_eps"), Boxes.distanceBoxIou(b1, b2, 0.5), dt + " distance_box_iou eps");
            close(c.get("complete_box_iou_eps"), Boxes.completeBoxIou(b1, b2, 0.5), dt + " complete_box_iou eps");
            for (Object cv : list(c.get("convert"))) {
                Map<String, Object> k = map(cv);
                close(k.get("result"), Boxes.boxConvert(b1, (String) k.get("in"), (String) k.get("out")), dt + " convert " + k.get("in") + "->" + k.get("out"));
            }
            close(c.get("clip"), Boxes.clipBoxesToImage(b1.sub(3), 12, 9), dt + " clip");
            close(c.get("clip3d"), Boxes.clipBoxesToImage(b1.sub(3).reshape(1, 5, 4), 12, 9), dt + " clip 3d");
            close(c.get("remove_small"), Boxes.removeSmallBoxes(b1, 5.75), dt + " remove_small_boxes");
        }
        Map<String, Object> s = section("boxes");
        close(s.get("masks_to_boxes"), Boxes.masksToBoxes(tensor(s.get("masks"))), "masks_to_boxes");
    }

    @Test
    void iouGradientsMatchTorchvisionAndPassGradcheck() {
        Map<String, Object> s = section("boxes");
        Map<String, Object> grads = map(s.get("grads"));
        Tensor w = tensor(s.get("gradWeights"));
        Map<String, java.util.function.BinaryOperator<Tensor>> fs = Map.of("box_iou", Boxes::boxIou,
                "generalized_box_iou", Boxes::generalizedBoxIou, "distance_box_iou", Boxes::distanceBoxIou,
                "complete_box_iou", Boxes::completeBoxIou);
        Map<String, Object> f64 = map(list(s.get("cases")).get(1));
        for (var e : fs.entrySet()) {
            Tensor b1 = tensor(f64.get("boxes1")).requiresGrad_(), b2 = tensor(f64.get("boxes2")).requiresGrad_();
            e.getValue().apply(b1, b2).mul(w).sum().backward();
            close(map(grads.get(e.getKey())).get("boxes1"), b1.grad(), e.getKey() + " grad boxes1");
            close(map(grads.get(e.getKey())).get("boxes2"), b2.grad(), e.getKey() + " grad boxes2");
            if (!e.getKey().equals("complete_box_iou")) {
                // complete_box_iou holds alpha constant, so finite differences (which move alpha) disagree by design
                // shifted off the shared coordinates, where max and min have kinks
                Tensor p1 = tensor(f64.get("boxes1")).add(Torch.arange(20).reshape(5, 4).toDouble().add(1).mul(0.013)).requiresGrad_();
                Tensor p2 = tensor(f64.get("boxes2")).sub(Torch.arange(16).reshape(4, 4).toDouble().add(1).mul(0.007)).requiresGrad_();
                Function<Tensor[], Tensor> f = t -> e.getValue().apply(t[0], t[1]);
                assertTrue(GradCheck.gradcheck(f, p1, p2), e.getKey() + " gradcheck");
                assertTrue(GradCheck.gradgradcheck(f, p1, p2), e.getKey() + " gradgradcheck");
            }
        }
    }

    // ---- losses -----------------------------------------------------------------------------------

    private static Tensor boxLoss(String name, Tensor a, Tensor b, String reduction, double eps) {
        return switch (name) {
            case "generalized_box_iou_loss" -> Losses.generalizedBoxIouLoss(a, b, reduction, eps);
            case "distance_box_iou_loss" -> Losses.distanceBoxIouLoss(a, b, reduction, eps);
            default -> Losses.completeBoxIouLoss(a, b, reduction, eps);
        };
    }

    @Test
    void boxLossesAndFocalLossMatchTorchvision() {
        Map<String, Object> s = section("losses");
        Tensor pred = tensor(s.get("pred")), target = tensor(s.get("target"));
        for (Object o : list(s.get("cases"))) {
            Map<String, Object> c = map(o);
            String name = (String) c.get("name");
            if (c.containsKey("grad")) {
                Tensor p = pred.toDouble().requiresGrad_(), t = target.toDouble().requiresGrad_();
                boxLoss(name, p, t, "none", 1e-7).mul(tensor(c.get("weights"))).sum().backward();
                close(c.get("pred"), p.grad(), name + " grad pred");
                close(c.get("target"), t.grad(), name + " grad target");
            } else {
                close(c.get("result"), boxLoss(name, pred, target, (String) c.get("reduction"), d(c, "eps")), name + " " + c.get("reduction"));
            }
        }
        Tensor logits = tensor(s.get("logits")), labels = tensor(s.get("labels"));
        for (Object o : list(s.get("focal"))) {
            Map<String, Object> c = map(o);
            close(c.get("result"), Losses.sigmoidFocalLoss(logits, labels, d(c, "alpha"), d(c, "gamma"), (String) c.get("reduction")),
                    "focal " + c.get("alpha") + " " + c.get("gamma") + " " + c.get("reduction"));
        }
        Tensor x = logits.toDouble().requiresGrad_();
        Losses.sigmoidFocalLoss(x, labels.toDouble(), 0.25, 2, "sum").backward();
        close(s.get("focalGrad"), x.grad(), "focal grad");
    }

    @Test
    void smoothLossesPassGradcheckAndGradgradcheck() {
        Map<String, Object> s = section("losses");
        Tensor pred = tensor(s.get("pred")).toDouble(), target = tensor(s.get("target")).toDouble();
        // the pairs that overlap (the intersection switches branches where boxes touch)
        Tensor sel = Torch.tensor(new long[] {0, 1, 3}, 3);
        Tensor p = pred.indexSelect(0, sel).add(0.01).requiresGrad_(), t = target.indexSelect(0, sel).requiresGrad_();
        List<Function<Tensor[], Tensor>> fs = List.of(a -> Losses.generalizedBoxIouLoss(a[0], a[1]),
                a -> Losses.distanceBoxIouLoss(a[0], a[1], "mean", 1e-7));
        for (Function<Tensor[], Tensor> f : fs) {
            assertTrue(GradCheck.gradcheck(f, p, t));
            assertTrue(GradCheck.gradgradcheck(f, p, t));
        }
        Tensor x = tensor(s.get("logits")).toDouble().requiresGrad_(), y = tensor(s.get("labels")).toDouble();
        Function<Tensor[], Tensor> focal = a -> Losses.sigmoidFocalLoss(a[0], y, 0.25, 2, "none");
        assertTrue(GradCheck.gradcheck(focal, x));
        assertTrue(GradCheck.gradgradcheck(focal, x));
    }

    // ---- nms --------------------------------------------------------------------------------------

    @Test
    void nmsKeepsTorchvisionsBoxesInItsOrderWithTies() {
        for (Object o : list(section("nms").get("cases"))) {
            Map<String, Object> c = map(o);
            int n = i(c, "n"), levels = i(c, "levels");
            Tensor b = boxesFrom(i(c, "seed"), n);
            assertEquals(d(c, "boxesSum"), b.toDouble().sum().item(), 1e-6 * n, "the same random boxes");
            Torch.manualSeed(i(c, "seed") + 100);
            Tensor scores = Torch.rand(n).mul((double) levels).floor().div((double) levels);
            assertEquals(d(c, "scoresSum"), scores.toDouble().sum().item(), 1e-6 * n, "the same scores");
            DType dt = DType.of((String) c.get("dtype"));
            Tensor keep = Boxes.nms(b.to(dt), scores.to(dt), d(c, "threshold"));
            assertEquals(DType.INT64, keep.dtype());
            assertArrayEquals(longs(c.get("keep")), keep.toLongArray(), "nms of " + n + " boxes, " + dt);
        }
    }

    @Test
    void nmsVisitsTiesInTorchvisionsOrder() {
        Map<String, Object> s = map(section("nms").get("sort"));
        int n = i(s, "n");
        Torch.manualSeed(i(s, "seed"));
        Tensor scores = Torch.randint(0, 6, n).toFloat();
        Tensor idxs = Torch.randint(0, 3, n);
        // disjoint unit boxes: nothing is suppressed, so the result is the visiting order
        Tensor x = Torch.arange(n).toFloat().mul(2.0);
        Tensor boxes = Torch.stack(List.of(x, Torch.zeros(n), x.add(1), Torch.ones(n)), 1);
        assertArrayEquals(longs(s.get("nms")), Boxes.nms(boxes, scores, 0.5).toLongArray(), "nms: ties in index order");
        assertArrayEquals(longs(s.get("batched")), Boxes.batchedNms(boxes, scores, idxs, 0.5).toLongArray(),
                "batched_nms: ties as PyTorch's unstable sort leaves them");
    }

    @Test
    void batchedNmsMatchesTorchvisionOnBothPaths() {
        for (Object o : list(section("nms").get("batched"))) {
            Map<String, Object> c = map(o);
            int n = i(c, "n");
            Tensor b = boxesFrom(i(c, "seed"), n);
            assertEquals(d(c, "boxesSum"), b.toDouble().sum().item(), 1e-6 * n);
            Torch.manualSeed(i(c, "seed") + 100);
            Tensor scores = Torch.rand(n).mul(8.0).floor().div(8.0);
            Tensor idxs = Torch.randint(0, i(c, "classes"), n);
            assertArrayEquals(longs(c.get("keep")), Boxes.batchedNms(b, scores, idxs, d(c, "threshold")).toLongArray(),
                    "batched_nms of " + n + " boxes");
        }
        assertEquals(0, Boxes.batchedNms(Torch.zeros(0, 4), Torch.zeros(0), Torch.zeros(new long[] {0}, DType.INT64), 0.5).numel());
    }

    // ---- roi --------------------------------------------------------------------------------------

    @Test
    void roiAlignMatchesTorchvisionOverItsOptions() {
        Map<String, Object> s = section("roi");
        Tensor x = tensor(s.get("input")), rois = tensor(s.get("rois"));
        for (Object o : list(s.get("align"))) {
            Map<String, Object> c = map(o);
            DType dt = DType.of((String) c.get("dtype"));
            long[] out = longs(c.get("output"));
            Tensor y = Roi.roiAlign(x.to(dt), rois.to(dt), (int) out[0], (int) out[1], d(c, "scale"), i(c, "sampling"), (Boolean) c.get("aligned"));
            close(c.get("result"), y, "roi_align " + c);
        }
        List<Tensor> lists = List.of(rois.index(org.torch4j.Index.of(rois.select(1, 0).eq(0))).narrow(1, 1, 4),
                rois.index(org.torch4j.Index.of(rois.select(1, 0).eq(1))).narrow(1, 1, 4));
        close(s.get("listAlign"), Roi.roiAlign(x, lists, 3, 2, 0.5, 2, true), "roi_align of box lists");
        close(s.get("listPool"), Roi.roiPool(x, lists, 2, 2, 1.0), "roi_pool of box lists");
        RoIAlign module = new RoIAlign(new int[] {3, 2}, 0.5, 2, true);
        close(s.get("listAlign"), module.call(x, lists), "RoIAlign module");
    }

    @Test
    void roiPoolMatchesTorchvision() {
        Map<String, Object> s = section("roi");
        Tensor x = tensor(s.get("input")), rois = tensor(s.get("rois"));
        for (Object o : list(s.get("pool"))) {
            Map<String, Object> c = map(o);
            DType dt = DType.of((String) c.get("dtype"));
            long[] out = longs(c.get("output"));
            close(c.get("result"), Roi.roiPool(x.to(dt), rois.to(dt), (int) out[0], (int) out[1], d(c, "scale")), "roi_pool " + c);
        }
    }

    @Test
    void psRoiAlignAndPoolMatchTorchvision() {
        Map<String, Object> s = section("roi");
        Tensor x = tensor(s.get("psInput")), rois = tensor(s.get("rois"));
        for (Object o : list(s.get("psAlign"))) {
            Map<String, Object> c = map(o);
            DType dt = DType.of((String) c.get("dtype"));
            long[] out = longs(c.get("output"));
            close(c.get("result"), Roi.psRoiAlign(x.to(dt), rois.to(dt), (int) out[0], (int) out[1], d(c, "scale"), i(c, "sampling")),
                    "ps_roi_align " + c);
        }
        for (Object o : list(s.get("psPool"))) {
            Map<String, Object> c = map(o);
            DType dt = DType.of((String) c.get("dtype"));
            long[] out = longs(c.get("output"));
            close(c.get("result"), Roi.psRoiPool(x.to(dt), rois.to(dt), (int) out[0], (int) out[1], d(c, "scale")), "ps_roi_pool " + c);
        }
        assertEquals(s.get("psPoolRepr"), new PSRoIPool(new int[] {2}, 0.5).toString());
        Tensor keep = Torch.tensor(new long[] {0, 1, 2, 3, 4, 6, 7}, 7);
        Tensor xd = x.toDouble().requiresGrad_(), rd = rois.toDouble().indexSelect(0, keep);
        new PSRoIAlign(new int[] {2}, 0.5, 2).call(xd, rd).mul(tensor(s.get("psGradWeights"))).sum().backward();
        close(s.get("psGrad"), xd.grad(), "ps_roi_align input gradient");
        Torch.manualSeed(1);
        Tensor small = Torch.rand(1, 8, 5, 6).toDouble().requiresGrad_();
        Tensor r = Torch.tensor(new double[] {0, 0.5, 0.3, 4.2, 3.9, 0, -1, 1, 3, 6.5}, 2, 5);
        Function<Tensor[], Tensor> f = a -> Roi.psRoiAlign(a[0], r, 2, 2, 0.8, -1);
        assertTrue(GradCheck.gradcheck(f, small));
        assertTrue(GradCheck.gradgradcheck(f, small));
        Function<Tensor[], Tensor> pool = a -> Roi.psRoiPool(a[0], r, 2, 2, 1.3);
        assertTrue(GradCheck.gradcheck(pool, small));
        assertTrue(GradCheck.gradgradcheck(pool, small));
    }

    @Test
    void roiGradientsMatchTorchvisionAndPassGradcheck() {
        Map<String, Object> s = section("roi");
        Tensor rois = tensor(s.get("rois")).toDouble(), w = tensor(s.get("gradWeights"));
        Tensor x = tensor(s.get("input")).toDouble().requiresGrad_();
        Roi.roiAlign(x, rois, 3, 3, 0.5, -1, true).mul(w).sum().backward();
        close(s.get("alignGrad"), x.grad(), "roi_align input gradient");
        Tensor x2 = tensor(s.get("input")).toDouble().requiresGrad_();
        new RoIPool(3, 0.5).call(x2, rois).mul(w).sum().backward();
        close(s.get("poolGrad"), x2.grad(), "roi_pool input gradient");

        Torch.manualSeed(0);
        Tensor small = Torch.rand(2, 2, 5, 6).toDouble().requiresGrad_();
        Tensor r = Torch.tensor(new double[] {1, 0.5, 0.3, 4.2, 3.9, 0, -1, 1, 3, 6.5, 0, 2, 2, 2.5, 2.2}, 3, 5);
        for (boolean aligned : new boolean[] {false, true}) {
            for (int sampling : new int[] {-1, 2}) {
                Function<Tensor[], Tensor> f = a -> Roi.roiAlign(a[0], r, 2, 3, 0.8, sampling, aligned);
                assertTrue(GradCheck.gradcheck(f, small), "roi_align gradcheck");
                assertTrue(GradCheck.gradgradcheck(f, small), "roi_align gradgradcheck");
            }
        }
        // the maximum is piecewise linear: away from ties (random input) the checks hold
        Function<Tensor[], Tensor> pool = a -> Roi.roiPool(a[0], r, 2, 2, 1.0);
        assertTrue(GradCheck.gradcheck(pool, small));
        assertTrue(GradCheck.gradgradcheck(pool, small));
    }

    @Test
    void multiScaleRoIAlignMatchesTorchvision() {
        Map<String, Object> s = section("multiscale");
        Map<String, Tensor> feats = new java.util.LinkedHashMap<>();
        // the generator's dict order: '0', '1', '2', 'pool'
        for (String k : List.of("0", "1", "2", "pool")) feats.put(k, tensor(map(s.get("features")).get(k)));
        List<Tensor> boxes = list(s.get("boxes")).stream().map(VisionOpsTest::tensor).toList();
        List<long[]> shapes = list(s.get("shapes")).stream().map(VisionReference::longs).toList();
        MultiScaleRoIAlign m = new MultiScaleRoIAlign(List.of("0", "1", "2"), new int[] {2, 3}, 2, 16, 3);
        close(s.get("result"), m.call(feats, boxes, shapes), "MultiScaleRoIAlign");
        assertEquals(s.get("repr"), m.toString());
        close(s.get("single"), new MultiScaleRoIAlign(List.of("1"), new int[] {2}, -1).call(feats, boxes, shapes), "one level");
        // differentiable with respect to every level used
        Map<String, Tensor> fd = new java.util.LinkedHashMap<>();
        for (var e : feats.entrySet()) fd.put(e.getKey(), e.getValue().toDouble().requiresGrad_());
        List<Tensor> bd = boxes.stream().map(Tensor::toDouble).toList();
        Function<Tensor[], Tensor> f = a -> new MultiScaleRoIAlign(List.of("0", "1", "2"), new int[] {2, 3}, 2, 16, 3)
                .forward(Map.of("0", a[0], "1", a[1], "2", a[2]), bd, shapes);
        assertTrue(GradCheck.gradcheck(f, fd.get("0"), fd.get("1"), fd.get("2")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new MultiScaleRoIAlign(List.of("0"), new int[] {2}, 2).forward(feats, boxes, List.of()));
        assertEquals("images list should not be empty", e.getMessage());
    }

    // ---- modules ----------------------------------------------------------------------------------

    @Test
    void stochasticDepthDrawsAsTorchvision() {
        Map<String, Object> s = section("modules");
        Tensor x = tensor(s.get("stochasticInput"));
        for (Object o : list(s.get("stochastic"))) {
            Map<String, Object> c = map(o);
            Torch.manualSeed(i(c, "seed"));
            close(c.get("result"), StochasticDepth.stochasticDepth(x, d(c, "p"), (String) c.get("mode"), true), "stochastic_depth " + c);
        }
        StochasticDepth m = new StochasticDepth(0.3, "row");
        m.eval();
        assertTrue((Boolean) s.get("evalUnchanged"));
        assertTrue(m.call(x).equal(x));
    }

    @Test
    void frozenBatchNormAndReprs() {
        Map<String, Object> s = section("modules");
        Map<String, Object> fz = map(s.get("frozen"));
        FrozenBatchNorm2d bn = new FrozenBatchNorm2d(3, 1e-3);
        bn.loadStateDict(Map.of("weight", Torch.tensor(new float[] {1.5f, -0.5f, 2f}, 3), "bias", Torch.tensor(new float[] {0.1f, 0.2f, -0.3f}, 3),
                "running_mean", Torch.tensor(new float[] {0.5f, -1f, 0.25f}, 3), "running_var", Torch.tensor(new float[] {2f, 0.5f, 1f}, 3)));
        close(fz.get("output"), bn.call(tensor(fz.get("input"))), "FrozenBatchNorm2d");
        assertEquals(list(fz.get("keys")), List.copyOf(bn.stateDict().keySet()));
        assertEquals(0, bn.parameters().size());
        Map<String, Object> r = map(s.get("reprs"));
        assertEquals(r.get("RoIAlign((7, 7), 0.5, 2)"), new RoIAlign(new int[] {7, 7}, 0.5, 2, false).toString());
        assertEquals(r.get("RoIAlign(7, 0.0625, -1, True)"), new RoIAlign(new int[] {7}, 0.0625, -1, true).toString());
        assertEquals(r.get("RoIPool(7, 1e-05)"), new RoIPool(7, 1e-5).toString());
        assertEquals(r.get("PSRoIAlign(2, 0.5, -1)"), new PSRoIAlign(new int[] {2}, 0.5, -1).toString());
        assertEquals(r.get("RoIPool((2, 3), 0.25)"), new RoIPool(new int[] {2, 3}, 0.25).toString());
        assertEquals(r.get("StochasticDepth(0.2, row)"), new StochasticDepth(0.2, "row").toString());
        assertEquals(r.get("FrozenBatchNorm2d(64)"), new FrozenBatchNorm2d(64).toString());
        assertEquals(r.get("FrozenBatchNorm2d(3, 0.001)"), bn.toString());
    }

    // ---- errors -----------------------------------------------------------------------------------

    private static <T extends Throwable> void fails(Class<T> type, String key, Executable e) {
        String expected = (String) map(section("errors").get(key)).get("message");
        T x = assertThrows(type, e, key);
        assertEquals(expected, x.getMessage(), key);
    }

    @Test
    void badArgumentsFailWithTorchvisionsMessages() {
        Tensor x = Torch.randn(1, 2, 8, 8);
        Class<IllegalArgumentException> iae = IllegalArgumentException.class;
        fails(iae, "roi_boxes_shape", () -> Roi.roiAlign(x, Torch.zeros(3, 4), 2));
        fails(iae, "roi_list_shape", () -> Roi.roiAlign(x, List.of(Torch.zeros(3, 5)), 2, 2, 1, -1, false));
        fails(iae, "roi_align_dtype", () -> Roi.roiAlign(x, Torch.zeros(3, 5).toDouble(), 2));
        fails(iae, "roi_pool_dtype", () -> Roi.roiPool(x, Torch.zeros(3, 5).toDouble(), 2));
        fails(iae, "roi_align_long", () -> Roi.roiAlign(x.toLong(), Torch.zeros(3, 5).toLong(), 2));
        fails(iae, "ps_roi_align_channels", () -> Roi.psRoiAlign(x, Torch.zeros(3, 5), 3));
        fails(IndexOutOfBoundsException.class, "roi_input_3d", () -> Roi.roiAlign(Torch.randn(2, 8, 8), Torch.zeros(3, 5), 2));
        fails(iae, "nms_long", () -> Boxes.nms(Torch.zeros(3, 4).toLong(), Torch.zeros(3).toLong(), .5));
        fails(iae, "nms_types", () -> Boxes.nms(Torch.zeros(3, 4), Torch.zeros(3).toDouble(), .5));
        fails(iae, "nms_width", () -> Boxes.nms(Torch.zeros(3, 5), Torch.zeros(3), .5));
        fails(iae, "nms_dim", () -> Boxes.nms(Torch.zeros(3, 4, 1), Torch.zeros(3), .5));
        fails(iae, "nms_scores_dim", () -> Boxes.nms(Torch.zeros(3, 4), Torch.zeros(3, 1), .5));
        fails(iae, "nms_count", () -> Boxes.nms(Torch.zeros(3, 4), Torch.zeros(2), .5));
        fails(iae, "box_convert", () -> Boxes.boxConvert(Torch.zeros(3, 4), "xyxy", "xy"));
        fails(iae, "stochastic_p", () -> StochasticDepth.stochasticDepth(x, 1.5, "row", true));
        fails(iae, "stochastic_mode", () -> StochasticDepth.stochasticDepth(x, 0.5, "col", true));
        fails(iae, "masks_empty_mask", () -> Boxes.masksToBoxes(Torch.zeros(2, 3, 3)));
        // a batch index outside the input: torchvision reads out of bounds, torch4j refuses
        assertThrows(IndexOutOfBoundsException.class, () -> Roi.roiAlign(x, Torch.tensor(new float[] {1, 0, 0, 2, 2}, 1, 5), 2));
        // a 1-D box: torchvision fails on "too many indices"; torch4j names the shape (it failed inside, found by fuzzing)
        assertEquals("remove_small_boxes expects boxes [N, 4], got a 1-D tensor",
                assertThrows(iae, () -> Boxes.removeSmallBoxes(Torch.zeros(4), 1.0)).getMessage());
    }

    @Test
    void readmeExampleRuns() {
        // ---- README ----
        Tensor boxes = Torch.tensor(new float[] {0, 0, 10, 10, 1, 1, 11, 11, 50, 50, 60, 60}, 3, 4);
        Tensor scores = Torch.tensor(new float[] {0.9f, 0.8f, 0.7f}, 3);
        Tensor keep = Boxes.nms(boxes, scores, 0.5);                    // tensor([0, 2])
        Tensor iou = Boxes.boxIou(boxes, boxes);                         // [3, 3]
        Tensor features = Torch.randn(1, 256, 50, 50);                   // a map at 1/16 of an 800x800 image
        var align = new RoIAlign(new int[] {7, 7}, 1 / 16.0, 2, false);  // RoIAlign(output_size=(7, 7), spatial_scale=0.0625, ...)
        Tensor regions = align.call(features, List.of(boxes.mul(10)));  // [3, 256, 7, 7], one row per box
        // ---- end ----
        assertEquals("tensor([0, 2])", keep.toString());
        assertArrayEquals(new long[] {3, 3}, iou.shape());
        assertArrayEquals(new long[] {3, 256, 7, 7}, regions.shape());
        assertTrue(align.toString().startsWith("RoIAlign(output_size=(7, 7), spatial_scale=0.0625, "));
    }
}
