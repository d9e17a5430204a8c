package org.torch4j.onnx.importer.ops;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.onnx.importer.OpCall;
import org.torch4j.onnx.importer.OpRegistry;

/**
 * NonMaxSuppression, RoiAlign and GridSample, computed on the host in double precision (they are
 * not differentiated here). GridSample follows PyTorch's {@code grid_sample}, which ONNX adopted.
 */
public final class Vision {
    private Vision() {}

    public static void register(OpRegistry.Builder r) {
        r.single("NonMaxSuppression", Vision::nms);
        r.single("RoiAlign", Vision::roiAlign);
        r.single("GridSample", Vision::gridSample);
    }

    private static Tensor nms(OpCall c) {
        Tensor boxesT = c.in(0), scoresT = c.in(1);
        long maxPerClass = c.has(2) ? c.in(2).itemLong() : 0;
        double iouThreshold = c.has(3) ? c.in(3).item() : 0, scoreThreshold = c.has(4) ? c.in(4).item() : Double.NEGATIVE_INFINITY;
        boolean center = c.i("center_point_box", 0) != 0;
        int batches = (int) scoresT.size(0), classes = (int) scoresT.size(1), n = (int) scoresT.size(2);
        double[] boxes = boxesT.to(DType.FLOAT64).contiguous().toDoubleArray(), scores = scoresT.to(DType.FLOAT64).contiguous().toDoubleArray();
        List<long[]> selected = new ArrayList<>();
        for (int b = 0; b < batches; b++) {
            double[][] box = new double[n][];
            for (int i = 0; i < n; i++) {
                int o = (b * n + i) * 4;
                double a0 = boxes[o], a1 = boxes[o + 1], a2 = boxes[o + 2], a3 = boxes[o + 3];
                box[i] = center ? new double[] {a1 - a3 / 2, a0 - a2 / 2, a1 + a3 / 2, a0 + a2 / 2}
                        : new double[] {Math.min(a0, a2), Math.min(a1, a3), Math.max(a0, a2), Math.max(a1, a3)};
            }
            for (int k = 0; k < classes; k++) {
                int base = (b * classes + k) * n;
                List<Integer> candidates = new ArrayList<>();
                for (int i = 0; i < n; i++) if (scores[base + i] > scoreThreshold) candidates.add(i);
                candidates.sort(Comparator.comparingDouble((Integer i) -> -scores[base + i]));
                List<Integer> kept = new ArrayList<>();
                for (int i : candidates) {
                    if (kept.size() >= maxPerClass) break;
                    boolean keep = true;
                    for (int j : kept) if (iou(box[i], box[j]) > iouThreshold) keep = false;
                    if (keep) {
                        kept.add(i);
                        selected.add(new long[] {b, k, i});
                    }
                }
            }
        }
        long[] flat = new long[selected.size() * 3];
        for (int i = 0; i < selected.size(); i++) System.arraycopy(selected.get(i), 0, flat, 3 * i, 3);
        return Torch.tensor(flat, selected.size(), 3).to(boxesT.device());
    }

    private static double iou(double[] a, double[] b) {
        double ih = Math.min(a[2], b[2]) - Math.max(a[0], b[0]), iw = Math.min(a[3], b[3]) - Math.max(a[1], b[1]);
        if (ih <= 0 || iw <= 0) return 0;
        double inter = ih * iw, union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter;
        return union <= 0 ? 0 : inter / union;
    }

    private static Tensor roiAlign(OpCall c) {
        Tensor x = c.in(0);
        long[] s = x.shape();
        int channels = (int) s[1], height = (int) s[2], width = (int) s[3];
        double[] data = x.to(DType.FLOAT64).contiguous().toDoubleArray(), rois = c.in(1).to(DType.FLOAT64).contiguous().toDoubleArray();
        long[] batch = c.in(2).toLongArray();
        int outH = (int) c.i("output_height", 1), outW = (int) c.i("output_width", 1), ratio = (int) c.i("sampling_ratio", 0);
        double scale = c.f("spatial_scale", 1.0);
        boolean half = c.s("coordinate_transformation_mode", "half_pixel").equals("half_pixel"), max = c.s("mode", "avg").equals("max");
        int n = batch.length;
        double[] out = new double[n * channels * outH * outW];
        for (int r = 0; r < n; r++) {
            double offset = half ? 0.5 : 0;
            double x1 = rois[4 * r] * scale - offset, y1 = rois[4 * r + 1] * scale - offset;
            double w = rois[4 * r + 2] * scale - offset - x1, h = rois[4 * r + 3] * scale - offset - y1;
            if (!half) {
                w = Math.max(w, 1);
                h = Math.max(h, 1);
            }
            double binH = h / outH, binW = w / outW;
            int gridH = ratio > 0 ? ratio : (int) Math.ceil(h / outH), gridW = ratio > 0 ? ratio : (int) Math.ceil(w / outW);
            double count = Math.max(gridH * gridW, 1);
            for (int ch = 0; ch < channels; ch++) {
                int plane = (int) ((batch[r] * channels + ch) * height * width);
                for (int ph = 0; ph < outH; ph++) {
                    for (int pw = 0; pw < outW; pw++) {
                        double acc = max ? Double.NEGATIVE_INFINITY : 0;
                        for (int iy = 0; iy < gridH; iy++) {
                            double yy = y1 + ph * binH + (iy + 0.5) * binH / gridH;
                            for (int ix = 0; ix < gridW; ix++) {
                                double xx = x1 + pw * binW + (ix + 0.5) * binW / gridW;
                                double v = bilinear(data, plane, height, width, yy, xx, max);
                                acc = max ? Math.max(acc, v) : acc + v;
                            }
                        }
                        out[((r * channels + ch) * outH + ph) * outW + pw] = max ? acc : acc / count;
                    }
                }
            }
        }
        return Torch.tensor(out, n, channels, outH, outW).to(x);
    }

    /** RoiAlign's sample: 0 outside [-1, size], coordinates clamped at the far edge; max mode takes the largest term. */
    private static double bilinear(double[] d, int plane, int height, int width, double y, double x, boolean max) {
        if (y < -1 || y > height || x < -1 || x > width) return 0;
        y = Math.max(y, 0);
        x = Math.max(x, 0);
        int y0 = (int) y, x0 = (int) x, y1, x1;
        if (y0 >= height - 1) {
            y1 = y0 = height - 1;
            y = y0;
        } else {
            y1 = y0 + 1;
        }
        if (x0 >= width - 1) {
            x1 = x0 = width - 1;
            x = x0;
        } else {
            x1 = x0 + 1;
        }
        double ly = y - y0, lx = x - x0, hy = 1 - ly, hx = 1 - lx;
        double a = hy * hx * d[plane + y0 * width + x0], b = hy * lx * d[plane + y0 * width + x1];
        double e = ly * hx * d[plane + y1 * width + x0], f = ly * lx * d[plane + y1 * width + x1];
        return max ? Math.max(Math.max(a, b), Math.max(e, f)) : a + b + e + f;
    }

    private static Tensor gridSample(OpCall c) {
        Tensor x = c.in(0), gridT = c.in(1);
        long[] s = x.shape();
        int n = (int) s[0], ch = (int) s[1], h = (int) s[2], w = (int) s[3];
        int oh = (int) gridT.size(1), ow = (int) gridT.size(2);
        double[] data = x.to(DType.FLOAT64).contiguous().toDoubleArray(), grid = gridT.to(DType.FLOAT64).contiguous().toDoubleArray();
        String mode = c.s("mode", "bilinear"), padding = c.s("padding_mode", "zeros");
        boolean align = c.i("align_corners", 0) != 0;
        double[] out = new double[n * ch * oh * ow];
        for (int b = 0; b < n; b++) {
            for (int i = 0; i < oh; i++) {
                for (int j = 0; j < ow; j++) {
                    int g = ((b * oh + i) * ow + j) * 2;
                    double ix = unnormalize(grid[g], w, align), iy = unnormalize(grid[g + 1], h, align);
                    for (int k = 0; k < ch; k++) {
                        int plane = (b * ch + k) * h * w;
                        double v;
                        if (mode.equals("bicubic")) {
                            double x0 = Math.floor(ix), y0 = Math.floor(iy), tx = ix - x0, ty = iy - y0;
                            double[] cx = cubic(tx), cy = cubic(ty);
                            v = 0;
                            for (int p = 0; p < 4; p++) {
                                for (int q = 0; q < 4; q++) {
                                    v += cy[p] * cx[q] * tap(data, plane, h, w, y0 - 1 + p, x0 - 1 + q, padding, align);
                                }
                            }
                        } else {
                            double px = pad(ix, w, padding, align), py = pad(iy, h, padding, align);
                            if (mode.equals("nearest")) {
                                v = at(data, plane, h, w, Math.rint(py), Math.rint(px));
                            } else {
                                double x0 = Math.floor(px), y0 = Math.floor(py), tx = px - x0, ty = py - y0;
                                v = at(data, plane, h, w, y0, x0) * (1 - tx) * (1 - ty) + at(data, plane, h, w, y0, x0 + 1) * tx * (1 - ty)
                                        + at(data, plane, h, w, y0 + 1, x0) * (1 - tx) * ty + at(data, plane, h, w, y0 + 1, x0 + 1) * tx * ty;
                            }
                        }
                        out[((b * ch + k) * oh + i) * ow + j] = v;
                    }
                }
            }
        }
        return Torch.tensor(out, n, ch, oh, ow).to(x);
    }

    private static double unnormalize(double coord, int size, boolean align) {
        return align ? (coord + 1) / 2 * (size - 1) : ((coord + 1) * size - 1) / 2;
    }

    /** PyTorch's padding of a source coordinate: border clamps, reflection mirrors then clamps. */
    private static double pad(double coord, int size, String mode, boolean align) {
        if (mode.equals("border")) return Math.max(0, Math.min(size - 1, coord));
        if (mode.equals("reflection")) {
            double r = align ? reflect(coord, 0, 2.0 * (size - 1)) : reflect(coord, -1, 2.0 * size - 1);
            return Math.max(0, Math.min(size - 1, r));
        }
        return coord;
    }

    private static double reflect(double in, double twiceLow, double twiceHigh) {
        if (twiceLow == twiceHigh) return 0;
        double min = twiceLow / 2, span = (twiceHigh - twiceLow) / 2;
        in = Math.abs(in - min);
        double extra = in % span;
        int flips = (int) Math.floor(in / span);
        return flips % 2 == 0 ? extra + min : span - extra + min;
    }

    private static double tap(double[] d, int plane, int h, int w, double y, double x, String padding, boolean align) {
        return at(d, plane, h, w, pad(y, h, padding, align), pad(x, w, padding, align));
    }

    private static double at(double[] d, int plane, int h, int w, double y, double x) {
        if (y < 0 || y > h - 1 || x < 0 || x > w - 1) return 0;
        return d[plane + (int) y * w + (int) x];
    }

    private static double[] cubic(double t) {
        double a = -0.75, u = 1 - t;
        return new double[] {
            ((a * (t + 1) - 5 * a) * (t + 1) + 8 * a) * (t + 1) - 4 * a,
            ((a + 2) * t - (a + 3)) * t * t + 1,
            ((a + 2) * u - (a + 3)) * u * u + 1,
            ((a * (u + 1) - 5 * a) * (u + 1) + 8 * a) * (u + 1) - 4 * a};
    }
}
