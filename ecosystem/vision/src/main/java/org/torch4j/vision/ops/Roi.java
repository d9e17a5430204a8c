package org.torch4j.vision.ops;

import java.util.ArrayList;
import java.util.List;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.trace.Trace;

/**
 * Region-of-interest pooling as torchvision 0.14: {@code roi_align} (Mask R-CNN), {@code roi_pool}
 * (Fast R-CNN), {@code ps_roi_align} and {@code ps_roi_pool} (R-FCN). Boxes are a {@code [K, 5]} tensor of {@code (batch index, x1, y1, x2, y2)} rows or a
 * list of per-image {@code [L, 4]} tensors. Both are differentiable with respect to the feature map
 * (not the boxes, as in torchvision), to any order.
 *
 * <p>RoI Align averages bilinear samples on a regular grid in each bin. Bilinear weights factor
 * into a weight along y times a weight along x, and the grid is a product of rows and columns, so
 * each box's output is {@code Ay · X · Axᵀ} for per-box weights {@code Ay [PH, H]} and
 * {@code Ax [PW, W]} computed here from the box, as the kernel computes its sample positions;
 * {@link SeparableSampling} applies them (and their transpose for the gradient).
 */
public final class Roi {
    private Roi() {}

    /** {@link #roiAlign(Tensor, Tensor, int, int, double, int, boolean)} with square output, scale 1, adaptive sampling, not aligned. */
    public static Tensor roiAlign(Tensor input, Tensor boxes, int outputSize) {
        return roiAlign(input, boxes, outputSize, outputSize, 1.0, -1, false);
    }

    /**
     * RoI Align with per-image box lists ({@code roi_align(input, [boxes0, boxes1, ...], ...)}).
     *
     * @param boxes the {@code [L_i, 4]} boxes of image {@code i}
     * @see #roiAlign(Tensor, Tensor, int, int, double, int, boolean)
     */
    public static Tensor roiAlign(Tensor input, List<Tensor> boxes, int outputHeight, int outputWidth, double spatialScale,
                                  int samplingRatio, boolean aligned) {
        return roiAlign(input, toRois(boxes), outputHeight, outputWidth, spatialScale, samplingRatio, aligned);
    }

    /**
     * RoI Align ({@code roi_align}): each box is cut into {@code outputHeight x outputWidth} bins, and
     * each bin is the average of bilinear samples of the input on a regular grid inside it.
     *
     * @param input {@code [N, C, H, W]} float feature maps
     * @param boxes {@code [K, 5]} rows {@code (batch index, x1, y1, x2, y2)}, of the input's dtype
     * @param outputHeight bins per box along y
     * @param outputWidth bins per box along x
     * @param spatialScale multiplies the box coordinates into feature-map coordinates (0.5 for a map at half the image's size)
     * @param samplingRatio samples per bin along each axis; {@code <= 0} picks {@code ceil(box size / bins)} per box
     * @param aligned shift the box by half a pixel (Detectron2's alignment); when false, boxes are at least 1x1
     * @return {@code [K, C, outputHeight, outputWidth]} pooled features
     * @throws IllegalArgumentException for boxes of the wrong shape or dtype (torchvision's messages)
     * @throws IndexOutOfBoundsException for an input of fewer than 4 dimensions or a batch index outside it
     */
    public static Tensor roiAlign(Tensor input, Tensor boxes, int outputHeight, int outputWidth, double spatialScale,
                                  int samplingRatio, boolean aligned) {
        if (Trace.recording()) {
            return Trace.op("torchvision::roi_align", () -> roiAlign(input, boxes, outputHeight, outputWidth, spatialScale, samplingRatio, aligned),
                    input, boxes, spatialScale, outputHeight, outputWidth, samplingRatio, aligned);
        }
        int[] batch = checkRois(input, boxes, "roi_align_forward_kernel");
        return align(input, boxes, batch, outputHeight, outputWidth, spatialScale, samplingRatio, aligned, null);
    }

    /** {@link #psRoiAlign(Tensor, Tensor, int, int, double, int)} with square output, scale 1 and adaptive sampling. */
    public static Tensor psRoiAlign(Tensor input, Tensor boxes, int outputSize) {
        return psRoiAlign(input, boxes, outputSize, outputSize, 1.0, -1);
    }

    /**
     * Position-sensitive RoI Align with per-image box lists.
     *
     * @param boxes the {@code [L_i, 4]} boxes of image {@code i}
     * @see #psRoiAlign(Tensor, Tensor, int, int, double, int)
     */
    public static Tensor psRoiAlign(Tensor input, List<Tensor> boxes, int outputHeight, int outputWidth, double spatialScale,
                                    int samplingRatio) {
        return psRoiAlign(input, toRois(boxes), outputHeight, outputWidth, spatialScale, samplingRatio);
    }

    /**
     * Position-sensitive RoI Align ({@code ps_roi_align}, R-FCN): the input's channels come in groups
     * of {@code outputHeight * outputWidth}, and bin {@code (ph, pw)} of output channel {@code c} is
     * pooled (as {@link #roiAlign} with {@code aligned} true) from input channel
     * {@code (c * outputHeight + ph) * outputWidth + pw} only. A box too small to hold a sample gives
     * NaN, as torchvision's kernel (it divides by a zero count). It pools every channel at every bin
     * and keeps the matching ones, so it does {@code outputHeight * outputWidth} times the work a
     * dedicated kernel would.
     *
     * @param input {@code [N, C, H, W]}, {@code C} a multiple of {@code outputHeight * outputWidth}
     * @param boxes {@code [K, 5]} rows {@code (batch index, x1, y1, x2, y2)}, of the input's dtype
     * @param outputHeight bins per box along y
     * @param outputWidth bins per box along x
     * @param spatialScale multiplies the box coordinates into feature-map coordinates
     * @param samplingRatio samples per bin along each axis; {@code <= 0} picks {@code ceil(box size / bins)}
     * @return {@code [K, C / (outputHeight * outputWidth), outputHeight, outputWidth]}
     * @throws IllegalArgumentException for boxes of the wrong shape or dtype, or channels that do not divide
     */
    public static Tensor psRoiAlign(Tensor input, Tensor boxes, int outputHeight, int outputWidth, double spatialScale,
                                    int samplingRatio) {
        int[] batch = checkRois(input, boxes, "ps_roi_align_forward_kernel");
        int bins = outputHeight * outputWidth;
        if (input.size(1) % bins != 0) {
            throw new IllegalArgumentException("input channels must be a multiple of pooling height * pooling width");
        }
        long k = batch.length;
        boolean[] emptyGrid = new boolean[batch.length];
        Tensor all = align(input, boxes, batch, outputHeight, outputWidth, spatialScale, samplingRatio, true, emptyGrid);
        return positionSensitive(all, outputHeight, outputWidth).maskedFill(Torch.tensor(emptyGrid, k, 1, 1, 1).to(input.device()), Double.NaN);
    }

    /** Of every channel pooled at every bin, channel {@code (c * PH + ph) * PW + pw} at bin {@code (ph, pw)}. */
    private static Tensor positionSensitive(Tensor all, int outputHeight, int outputWidth) {
        long k = all.size(0), bins = (long) outputHeight * outputWidth, cOut = all.size(1) / bins;
        // the diagonal of [K, C_out, PH*PW (channel), PH*PW (bin)]
        return all.reshape(k, cOut, bins, bins).diagonal(0, 2, 3).reshape(k, cOut, outputHeight, outputWidth);
    }

    /** {@link #psRoiPool(Tensor, Tensor, int, int, double)} with square output and scale 1. */
    public static Tensor psRoiPool(Tensor input, Tensor boxes, int outputSize) {
        return psRoiPool(input, boxes, outputSize, outputSize, 1.0);
    }

    /**
     * Position-sensitive RoI Pool with per-image box lists.
     *
     * @param boxes the {@code [L_i, 4]} boxes of image {@code i}
     * @see #psRoiPool(Tensor, Tensor, int, int, double)
     */
    public static Tensor psRoiPool(Tensor input, List<Tensor> boxes, int outputHeight, int outputWidth, double spatialScale) {
        return psRoiPool(input, toRois(boxes), outputHeight, outputWidth, spatialScale);
    }

    /**
     * Position-sensitive RoI Pool ({@code ps_roi_pool}, R-FCN): as {@link #psRoiAlign}, but each bin
     * is the average of the whole pixels of its rounded rectangle (0 for an empty one). As
     * torchvision 0.14's kernel, the rectangles are clipped to end at the last row and column, which
     * those bins therefore never include. The gradient is the derivative of this forward; torchvision's
     * backward clips to the full map instead, so it disagrees with its own forward there (its
     * gradcheck fails).
     *
     * @param input {@code [N, C, H, W]}, {@code C} a multiple of {@code outputHeight * outputWidth}
     * @param boxes {@code [K, 5]} rows {@code (batch index, x1, y1, x2, y2)}, of the input's dtype
     * @param outputHeight bins per box along y
     * @param outputWidth bins per box along x
     * @param spatialScale multiplies the box coordinates into feature-map coordinates
     * @return {@code [K, C / (outputHeight * outputWidth), outputHeight, outputWidth]}
     * @throws IllegalArgumentException for boxes of the wrong shape or dtype, or channels that do not divide
     */
    public static Tensor psRoiPool(Tensor input, Tensor boxes, int outputHeight, int outputWidth, double spatialScale) {
        int[] batch = checkRois(input, boxes, "ps_roi_pool_forward_kernel");
        if (input.size(1) % ((long) outputHeight * outputWidth) != 0) {
            throw new IllegalArgumentException("input channels must be a multiple of pooling height * pooling width");
        }
        boolean f32 = input.dtype() == DType.FLOAT32;
        double[] rois = boxes.detach().toDouble().contiguous().toDoubleArray();
        int k = batch.length, h = (int) input.size(2), w = (int) input.size(3);
        double[] ay = new double[k * outputHeight * h], ax = new double[k * outputWidth * w];
        double scale = f(spatialScale, f32);
        for (int r = 0; r < k; r++) {
            int startW = (int) cRound(f(rois[5 * r + 1] * scale, f32)), startH = (int) cRound(f(rois[5 * r + 2] * scale, f32));
            int endW = (int) cRound(f(rois[5 * r + 3] * scale, f32)), endH = (int) cRound(f(rois[5 * r + 4] * scale, f32));
            double binH = f((double) Math.max(endH - startH, 1) / outputHeight, f32);
            double binW = f((double) Math.max(endW - startW, 1) / outputWidth, f32);
            boxAverage(ay, r * outputHeight * h, startH, binH, outputHeight, h, f32);
            boxAverage(ax, r * outputWidth * w, startW, binW, outputWidth, w, f32);
        }
        Tensor all = new SeparableSampling(batch, input.shape(), ay, outputHeight, ax, outputWidth).gather(input);
        return positionSensitive(all, outputHeight, outputWidth);
    }

    /** Equal weights over each bin's pixels along one axis, the bin clipped to {@code [0, size - 1]}. */
    private static void boxAverage(double[] into, int base, int start, double bin, int bins, int size, boolean f32) {
        for (int p = 0; p < bins; p++) {
            int lo = Math.min(Math.max((int) Math.floor(f(p * bin, f32)) + start, 0), size - 1);
            int hi = Math.min(Math.max((int) Math.ceil(f((p + 1) * bin, f32)) + start, 0), size - 1);
            for (int i = lo; i < hi; i++) into[base + p * size + i] = 1.0 / (hi - lo);
        }
    }

    /**
     * The RoI Align computation; when {@code emptyGrid} is given, it records which boxes have no
     * sample at all (a zero adaptive grid).
     */
    private static Tensor align(Tensor input, Tensor boxes, int[] batch, int outputHeight, int outputWidth, double spatialScale,
                                int samplingRatio, boolean aligned, boolean[] emptyGrid) {
        boolean f32 = input.dtype() == DType.FLOAT32;
        double[] rois = boxes.detach().toDouble().contiguous().toDoubleArray();
        int k = batch.length, h = (int) input.size(2), w = (int) input.size(3);
        double[] ay = new double[k * outputHeight * h], ax = new double[k * outputWidth * w];
        for (int r = 0; r < k; r++) {
            double offset = aligned ? 0.5 : 0.0, scale = f(spatialScale, f32);
            double startW = f(f(rois[5 * r + 1] * scale, f32) - offset, f32), startH = f(f(rois[5 * r + 2] * scale, f32) - offset, f32);
            double endW = f(f(rois[5 * r + 3] * scale, f32) - offset, f32), endH = f(f(rois[5 * r + 4] * scale, f32) - offset, f32);
            double roiW = f(endW - startW, f32), roiH = f(endH - startH, f32);
            if (!aligned) {
                roiW = Math.max(roiW, 1.0);
                roiH = Math.max(roiH, 1.0);
            }
            int gridH = samplingRatio > 0 ? samplingRatio : (int) Math.ceil(f(roiH / outputHeight, f32));
            int gridW = samplingRatio > 0 ? samplingRatio : (int) Math.ceil(f(roiW / outputWidth, f32));
            if (emptyGrid != null) emptyGrid[r] = gridH * gridW == 0;
            axisWeights(ay, r * outputHeight * h, startH, f(roiH / outputHeight, f32), outputHeight, gridH, h, f32);
            axisWeights(ax, r * outputWidth * w, startW, f(roiW / outputWidth, f32), outputWidth, gridW, w, f32);
        }
        return new SeparableSampling(batch, input.shape(), ay, outputHeight, ax, outputWidth).gather(input);
    }

    /**
     * Adds one box's sampling weights along one axis: for each bin, the bilinear weights of its
     * {@code grid} sample positions over the {@code size} pixels, divided by {@code grid} (the average).
     * Positions beyond one pixel outside the map weigh nothing, as torchvision's kernel skips them.
     */
    private static void axisWeights(double[] into, int base, double start, double bin, int bins, int grid, int size, boolean f32) {
        for (int p = 0; p < bins; p++) {
            for (int i = 0; i < grid; i++) {
                double pos = f(f(start + f(p * bin, f32), f32) + f(f((i + 0.5) * bin, f32) / grid, f32), f32);
                if (!(pos >= -1.0 && pos <= size)) continue;
                if (pos <= 0) pos = 0;
                int low = (int) pos, high;
                if (low >= size - 1) {
                    high = low = size - 1;
                    pos = low;
                } else {
                    high = low + 1;
                }
                double l = f(pos - low, f32), hi = f(1.0 - l, f32);
                into[base + p * size + low] += hi / grid;
                into[base + p * size + high] += l / grid;
            }
        }
    }

    /** {@link #roiPool(Tensor, Tensor, int, int, double)} with square output and scale 1. */
    public static Tensor roiPool(Tensor input, Tensor boxes, int outputSize) {
        return roiPool(input, boxes, outputSize, outputSize, 1.0);
    }

    /**
     * RoI Pool with per-image box lists ({@code roi_pool(input, [boxes0, boxes1, ...], ...)}).
     *
     * @param boxes the {@code [L_i, 4]} boxes of image {@code i}
     * @see #roiPool(Tensor, Tensor, int, int, double)
     */
    public static Tensor roiPool(Tensor input, List<Tensor> boxes, int outputHeight, int outputWidth, double spatialScale) {
        return roiPool(input, toRois(boxes), outputHeight, outputWidth, spatialScale);
    }

    /**
     * RoI Pool ({@code roi_pool}): each box, rounded to whole pixels, is cut into bins and each bin
     * is the maximum of its pixels (0 for a bin outside the map). The gradient goes to the maximum.
     *
     * @param input {@code [N, C, H, W]} float feature maps
     * @param boxes {@code [K, 5]} rows {@code (batch index, x1, y1, x2, y2)}, of the input's dtype
     * @param outputHeight bins per box along y
     * @param outputWidth bins per box along x
     * @param spatialScale multiplies the box coordinates into feature-map coordinates
     * @return {@code [K, C, outputHeight, outputWidth]} pooled features
     * @throws IllegalArgumentException for boxes of the wrong shape or dtype (torchvision's messages)
     * @throws IndexOutOfBoundsException for an input of fewer than 4 dimensions or a batch index outside it
     */
    public static Tensor roiPool(Tensor input, Tensor boxes, int outputHeight, int outputWidth, double spatialScale) {
        int[] batch = checkRois(input, boxes, "roi_pool_forward_kernel");
        boolean f32 = input.dtype() == DType.FLOAT32;
        double[] rois = boxes.detach().toDouble().contiguous().toDoubleArray();
        double[] x = input.detach().toDouble().contiguous().toDoubleArray();
        int k = batch.length, ch = (int) input.size(1), h = (int) input.size(2), w = (int) input.size(3);
        int bins = outputHeight * outputWidth;
        long[] argmax = new long[k * ch * bins];
        boolean[] found = new boolean[argmax.length];
        double scale = f(spatialScale, f32);
        for (int r = 0; r < k; r++) {
            int startW = (int) cRound(f(rois[5 * r + 1] * scale, f32)), startH = (int) cRound(f(rois[5 * r + 2] * scale, f32));
            int endW = (int) cRound(f(rois[5 * r + 3] * scale, f32)), endH = (int) cRound(f(rois[5 * r + 4] * scale, f32));
            double binH = f((double) Math.max(endH - startH + 1, 1) / outputHeight, f32);
            double binW = f((double) Math.max(endW - startW + 1, 1) / outputWidth, f32);
            for (int ph = 0; ph < outputHeight; ph++) {
                int hs = clip((int) Math.floor(f(ph * binH, f32)) + startH, h), he = clip((int) Math.ceil(f((ph + 1) * binH, f32)) + startH, h);
                for (int pw = 0; pw < outputWidth; pw++) {
                    int ws = clip((int) Math.floor(f(pw * binW, f32)) + startW, w), we = clip((int) Math.ceil(f((pw + 1) * binW, f32)) + startW, w);
                    for (int c = 0; c < ch; c++) {
                        int plane = (batch[r] * ch + c) * h * w, o = (r * ch + c) * bins + ph * outputWidth + pw;
                        double best = Double.NEGATIVE_INFINITY;
                        for (int yy = hs; yy < he; yy++) {
                            for (int xx = ws; xx < we; xx++) {
                                // strictly greater: the first maximum in row-major order wins, as in the kernel
                                if (x[plane + yy * w + xx] > best) {
                                    best = x[plane + yy * w + xx];
                                    argmax[o] = plane + yy * w + xx;
                                    found[o] = true;
                                }
                            }
                        }
                    }
                }
            }
        }
        boolean[] empty = new boolean[found.length];
        for (int i = 0; i < found.length; i++) empty[i] = !found[i];
        long[] shape = {k, ch, outputHeight, outputWidth};
        Tensor picked = input.reshape(-1).indexSelect(0, Torch.tensor(argmax, argmax.length).to(input.device())).reshape(shape);
        return picked.maskedFill(Torch.tensor(empty, shape).to(input.device()), 0.0);
    }

    /** C's {@code round}: halves away from zero. */
    private static double cRound(double v) {
        return v < 0 ? -Math.floor(-v + 0.5) : Math.floor(v + 0.5);
    }

    private static int clip(int v, int size) {
        return Math.min(Math.max(v, 0), size);
    }

    /** Rounds to float when the op runs in float32, so each step is the kernel's float operation. */
    private static double f(double v, boolean f32) {
        return f32 ? (float) v : v;
    }

    /** torchvision's {@code convert_boxes_to_roi_format}: per-image boxes to {@code (index, box)} rows. */
    static Tensor toRois(List<Tensor> boxes) {
        List<Tensor> rows = new ArrayList<>();
        for (int i = 0; i < boxes.size(); i++) {
            Tensor b = boxes.get(i);
            if (b.dim() < 2 || b.size(1) != 4) {
                throw new IllegalArgumentException("The shape of the tensor in the boxes list is not correct as List[Tensor[L, 4]]");
            }
            // a traced fullLike would be a constant of the example's box count; 0 * x + i follows the count
            Tensor index = Trace.recording() ? b.narrow(1, 0, 1).mul(0.0).add((double) i) : Torch.fullLike(b.narrow(1, 0, 1), i);
            rows.add(Torch.cat(List.of(index, b), 1));
        }
        return Torch.cat(rows, 0);
    }

    /** Checks as torchvision does, in its order; returns each box's batch index. */
    private static int[] checkRois(Tensor input, Tensor rois, String kernel) {
        if (rois.dim() < 2 || rois.size(1) != 5) throw new IllegalArgumentException("The boxes tensor shape is not correct as Tensor[K, 5]");
        if (input.dim() < 4) {
            throw new IndexOutOfBoundsException("Dimension out of range (expected to be in range of [" + -input.dim() + ", "
                    + (input.dim() - 1) + "], but got 3)");
        }
        if (input.dtype() != rois.dtype()) {
            throw new IllegalArgumentException("Expected tensor for argument #1 'input' to have the same type as tensor for argument #2 'rois'; "
                    + "but type " + legacyType(input.dtype()) + " does not equal " + legacyType(rois.dtype())
                    + " (while checking arguments for " + kernel + ")");
        }
        if (input.dtype() != DType.FLOAT32 && input.dtype() != DType.FLOAT64) {
            throw new IllegalArgumentException("\"" + kernel + "\" not implemented for '" + Boxes.scalarName(input.dtype()) + "'");
        }
        double[] first = rois.detach().select(1, 0).toDouble().contiguous().toDoubleArray();
        int[] batch = new int[first.length];
        for (int i = 0; i < batch.length; i++) {
            batch[i] = (int) first[i];
            // torchvision reads outside the input here; refuse instead
            if (batch[i] < 0 || batch[i] >= input.size(0)) {
                throw new IndexOutOfBoundsException("box " + i + " has batch index " + batch[i] + ", outside the input's "
                        + input.size(0) + " images");
            }
        }
        return batch;
    }

    /** PyTorch's legacy tensor type names, which its argument checks print. */
    private static String legacyType(DType t) {
        return "torch." + switch (t) {
            case FLOAT32 -> "Float";
            case FLOAT64 -> "Double";
            case FLOAT16 -> "Half";
            case BFLOAT16 -> "BFloat16";
            case INT64 -> "Long";
            case INT32 -> "Int";
            case INT16 -> "Short";
            case INT8 -> "Char";
            case UINT8 -> "Byte";
            case BOOL -> "Bool";
            default -> t.toString();
        } + "Tensor";
    }
}
