package org.torch4j.tensorboard;

import org.torch4j.DType;
import org.torch4j.Tensor;

/**
 * TensorBoard's precision-recall curve ({@code compute_curve} of {@code torch.utils.tensorboard.summary}): the
 * predictions bucketed into {@code numThresholds} thresholds, true and false positives summed from the top
 * threshold down, then tp, fp, tn, fn, precision and recall per threshold.
 */
final class PrCurves {
    private PrCurves() {}

    private static final double MINIMUM_COUNT = 1e-7;

    /** The 6 rows (tp, fp, tn, fn, precision, recall), each {@code numThresholds} long. */
    static double[][] compute(Tensor labels, Tensor predictions, int numThresholds, Tensor weights) {
        if (labels.numel() != predictions.numel()) {
            throw new IllegalArgumentException("labels and predictions must have as many elements, got " + labels.numel() + " and "
                    + predictions.numel());
        }
        double[] y = labels.detach().to(DType.FLOAT64).contiguous().toDoubleArray();
        double[] w = weights == null ? null : weights.detach().to(DType.FLOAT64).expand(labels.shape()).contiguous().toDoubleArray();
        double[] bucket = new double[y.length]; // a NaN prediction falls outside every bucket, as numpy's int32 cast sends it
        int top = numThresholds - 1;
        if (predictions.dtype() == DType.FLOAT64) {
            double[] p = predictions.detach().contiguous().toDoubleArray();
            for (int i = 0; i < p.length; i++) bucket[i] = Double.isNaN(p[i]) ? -1 : (int) Math.floor(p[i] * top);
        } else { // numpy floors float32 predictions in float32
            float[] p = predictions.detach().to(DType.FLOAT32).contiguous().toFloatArray();
            for (int i = 0; i < p.length; i++) bucket[i] = Float.isNaN(p[i]) ? -1 : (int) (float) Math.floor(p[i] * (float) top);
        }
        double[] truePositive = new double[y.length], falsePositive = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            double weight = w == null ? 1.0 : w[i];
            truePositive[i] = y[i] * weight;
            falsePositive[i] = (1.0 - y[i]) * weight;
        }
        double[] edges = Histograms.linspace(0, top, numThresholds);
        double[] tp = reverseCumsum(Histograms.weightedUniform(bucket, truePositive, edges));
        double[] fp = reverseCumsum(Histograms.weightedUniform(bucket, falsePositive, edges));
        int n = numThresholds;
        double[] tn = new double[n], fn = new double[n], precision = new double[n], recall = new double[n];
        for (int i = 0; i < n; i++) {
            tn[i] = fp[0] - fp[i];
            fn[i] = tp[0] - tp[i];
            precision[i] = tp[i] / Math.max(MINIMUM_COUNT, tp[i] + fp[i]);
            recall[i] = tp[i] / Math.max(MINIMUM_COUNT, tp[i] + fn[i]);
        }
        return new double[][] {tp, fp, tn, fn, precision, recall};
    }

    private static double[] reverseCumsum(double[] v) {
        double[] r = v.clone();
        for (int i = r.length - 2; i >= 0; i--) r[i] = r[i + 1] + v[i];
        return r;
    }
}
