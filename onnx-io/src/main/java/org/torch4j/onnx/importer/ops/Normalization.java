package org.torch4j.onnx.importer.ops;

import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.onnx.importer.OpCall;
import org.torch4j.onnx.importer.OpRegistry;

/** Batch, instance, layer and group normalization, LRN, MVN, Lp normalization and Dropout. */
public final class Normalization {
    private Normalization() {}

    public static void register(OpRegistry.Builder r) {
        r.op("BatchNormalization", Normalization::batchNorm);
        r.single("InstanceNormalization", c -> {
            Tensor x = c.in(0);
            int[] dims = range(2, x.dim());
            Tensor mean = x.mean(dims, true);
            Tensor var = x.sub(mean).square().mean(dims, true);
            Tensor y = x.sub(mean).div(var.add(c.f("epsilon", 1e-5)).sqrt());
            return y.mul(channel(c.in(1), x)).add(channel(c.in(2), x));
        });
        r.op("LayerNormalization", Normalization::layerNorm);
        r.single("GroupNormalization", c -> {
            Tensor x = c.in(0);
            long groups = c.i("num_groups"), ch = x.size(1);
            long[] s = x.shape();
            Tensor g = x.reshape(s[0], groups, -1);
            Tensor mean = g.mean(new int[] {2}, true);
            Tensor var = g.sub(mean).square().mean(new int[] {2}, true);
            Tensor y = g.sub(mean).div(var.add(c.f("epsilon", 1e-5)).sqrt()).reshape(s);
            Tensor scale = c.in(1), bias = c.in(2);
            if (scale.numel() == groups && groups != ch) {
                scale = scale.reshape(groups, 1).expand(groups, ch / groups).reshape(-1);
                bias = bias.reshape(groups, 1).expand(groups, ch / groups).reshape(-1);
            }
            return y.mul(channel(scale, x)).add(channel(bias, x));
        });
        r.single("LRN", c -> {
            Tensor x = c.in(0);
            long size = c.i("size");
            double alpha = c.f("alpha", 1e-4), beta = c.f("beta", 0.75), bias = c.f("bias", 1.0);
            long before = (size - 1) / 2, after = size - 1 - before;
            Tensor sq = x.square().transpose(1, 2);
            long[] b = new long[x.dim() - 2], e = new long[x.dim() - 2];
            b[0] = before;
            e[0] = after;
            // pad the channel axis (moved to a spatial position) and sum `size` shifted copies
            Tensor padded = Convolutions.padSpatial(sq, b, e, 0).transpose(1, 2);
            Tensor sum = padded.narrow(1, 0, x.size(1));
            for (long k = 1; k < size; k++) sum = sum.add(padded.narrow(1, k, x.size(1)));
            return x.div(sum.mul(alpha / size).add(bias).pow(beta));
        });
        r.single("MeanVarianceNormalization", c -> {
            Tensor x = c.in(0);
            long[] axes = Util.or(c.ints("axes"), new long[] {0, 2, 3});
            int[] dims = Util.axes(axes, x.dim());
            Tensor mean = x.mean(dims, true);
            Tensor var = x.square().mean(dims, true).sub(mean.square());
            return x.sub(mean).div(var.sqrt().add(1e-9));
        });
        r.single("LpNormalization", c -> {
            Tensor x = c.in(0);
            int axis = Util.axis(c.i("axis", -1), x.dim());
            long p = c.i("p", 2);
            Tensor norm = p == 1 ? x.abs().sum(new int[] {axis}, true) : x.square().sum(new int[] {axis}, true).sqrt();
            return x.div(norm);
        });
        r.op("Dropout", Normalization::dropout);
    }

    private static int[] range(int from, int to) {
        int[] d = new int[Math.max(0, to - from)];
        for (int i = 0; i < d.length; i++) d[i] = from + i;
        return d;
    }

    /**
     * A per-channel vector [C] shaped to broadcast against [N, C, ...]; statistics of more dims
     * (BatchNormalization before opset 9 with {@code spatial=0}: [C, H, W]) just gain the batch axis.
     */
    static Tensor channel(Tensor v, Tensor x) {
        if (v.dim() > 1) return v.unsqueeze(0);
        long[] s = Util.fill(x.dim() - 1, 1);
        s[0] = v.numel();
        return v.reshape(s);
    }

    private static Object[] batchNorm(OpCall c) {
        Tensor x = c.in(0), scale = c.in(1), bias = c.in(2), mean = c.in(3), var = c.in(4);
        double eps = c.f("epsilon", 1e-5), momentum = c.f("momentum", 0.9);
        boolean training = c.opset() >= 14 ? c.i("training_mode", 0) != 0 : c.opset() < 7 ? c.i("is_test", 0) == 0 && c.outputCount() > 1 : c.outputCount() > 1;
        if (!training) {
            Tensor y = x.sub(channel(mean, x)).div(channel(var, x).add(eps).sqrt()).mul(channel(scale, x)).add(channel(bias, x));
            return new Object[] {y};
        }
        int[] dims = range(0, x.dim());
        dims = java.util.Arrays.stream(dims).filter(d -> d != 1).toArray();
        Tensor bm = x.mean(dims, false), bv = x.sub(channel(bm, x)).square().mean(dims, false);
        Tensor y = x.sub(channel(bm, x)).div(channel(bv, x).add(eps).sqrt()).mul(channel(scale, x)).add(channel(bias, x));
        Tensor runMean = mean.mul(momentum).add(bm.mul(1 - momentum)), runVar = var.mul(momentum).add(bv.mul(1 - momentum));
        return new Object[] {y, runMean, runVar, bm, bv};
    }

    private static Object[] layerNorm(OpCall c) {
        Tensor x = c.in(0);
        int axis = Util.axis(c.i("axis", -1), x.dim());
        DType stash = c.i("stash_type", 1) == 1 && x.dtype() != DType.FLOAT64 ? DType.FLOAT32 : x.dtype();
        Tensor xs = Util.cast(x, stash);
        int[] dims = range(axis, x.dim());
        Tensor mean = xs.mean(dims, true);
        Tensor d = xs.sub(mean);
        Tensor inv = d.square().mean(dims, true).add(c.f("epsilon", 1e-5)).rsqrt();
        Tensor y = Util.cast(d.mul(inv), x.dtype()).mul(c.in(1));
        if (c.has(2)) y = y.add(c.in(2));
        return new Object[] {y, mean, inv};
    }

    private static Object[] dropout(OpCall c) {
        Tensor x = c.in(0);
        double ratio = c.opset() >= 12 ? (c.has(1) ? c.in(1).item() : 0.5) : c.f("ratio", 0.5);
        // before opset 12 there is no training input: inference, the way exported models run
        boolean training = c.opset() >= 12 && c.has(2) && c.in(2).itemBool();
        if (!training || ratio == 0) {
            return new Object[] {x.clone(), Torch.ones(x.shape(), DType.BOOL, x.device())};
        }
        Tensor mask = Torch.bernoulli(Torch.fullLike(x.to(DType.FLOAT32), 1 - ratio)).toBool();
        return new Object[] {x.mul(mask.to(x.dtype())).div(1 - ratio), mask};
    }

}
