package org.torch4j.backend.cpu.jit;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.Supplier;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.F;
import org.torch4j.nn.GRU;
import org.torch4j.nn.LSTM;
import org.torch4j.nn.Module;
import org.torch4j.nn.MultiheadAttention;
import org.torch4j.nn.Parameter;
import org.torch4j.nn.RNN;

/**
 * A fixed list of public-API tensor operations (elementwise, broadcasting, reductions, softmax, norms,
 * products, convolutions, pooling, embedding, recurrent layers, attention, and the backward passes of a
 * few small programs) over seeded inputs whose inner sizes are not multiples of the vector lanes, so that
 * every SIMD kernel runs its whole vectors and its tail; {@link #run} gives every result's raw bits.
 * {@code main} writes them to a file, so that a JVM started with {@code -XX:TieredStopAtLevel=1} (C1 only:
 * the Vector API runs its Java code, never C2's intrinsics) can be compared with a warmed-up one
 * (JitTierParityTest). The inputs come from {@link SplittableRandom} (integer arithmetic, then one multiply
 * and add per value), and the modules' parameters are overwritten with them, so no tier-dependent code runs
 * before the operations themselves. The cases are grouped in families, those that share kernels, which the test
 * runs in rounds one family at a time.
 */
final class JitTierProgram {

    /** Inner sizes: below, across and far beyond one vector of 4, 8 or 16 lanes, none a multiple of 8. */
    static final int[] SIZES = {1, 3, 7, 15, 17, 33, 100, 257, 1000};

    /**
     * One operation: a name that says what it computes, its family (the cases that share kernels: a section of this
     * class), whether it runs with autograd, and the tensors it returns from the fixed inputs.
     */
    record Case(String name, String family, boolean grad, Supplier<List<Tensor>> outputs) {}

    /** One output tensor's elements as raw bits (float32 widened to long), row-major. */
    record Output(DType dtype, long[] shape, long[] bits) {}

    /** A case's outputs. */
    record Result(String name, List<Output> outputs) {}

    private final SplittableRandom random = new SplittableRandom(20_250_917);
    private final List<Case> cases = new ArrayList<>();
    /** The family of the cases being added. */
    private String family;

    JitTierProgram() {
        recurrent(); // first: see recurrent()
        elementwise();
        broadcasting();
        reductions();
        softmaxes();
        norms();
        products();
        convolutionsAndPooling();
        embeddings();
        attention();
        backward();
    }

    List<Case> cases() {
        return cases;
    }

    /** The families in the order their cases were added. */
    List<String> families() {
        return cases.stream().map(Case::family).distinct().toList();
    }

    /** The indices of a family's cases. */
    List<Integer> family(String name) {
        List<Integer> r = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) if (cases.get(i).family().equals(name)) r.add(i);
        return r;
    }

    /** Every case once, in order. */
    List<Result> run() {
        List<Result> results = new ArrayList<>(cases.size());
        for (int i = 0; i < cases.size(); i++) results.add(run(i));
        return results;
    }

    /** Case {@code i} once (a forward case under noGrad). */
    Result run(int i) {
        Case c = cases.get(i);
        List<Tensor> outputs;
        if (c.grad()) {
            outputs = c.outputs().get();
        } else {
            try (var mode = Torch.noGrad()) {
                outputs = c.outputs().get();
            }
        }
        List<Output> bits = new ArrayList<>(outputs.size());
        for (Tensor t : outputs) bits.add(bits(t));
        return new Result(c.name(), bits);
    }

    static Output bits(Tensor t) {
        long[] shape = t.shape().clone();
        DType dtype = t.dtype();
        long[] bits;
        switch (dtype) {
            case FLOAT32 -> {
                float[] a = t.detach().toFloatArray();
                bits = new long[a.length];
                for (int i = 0; i < a.length; i++) bits[i] = Float.floatToRawIntBits(a[i]);
            }
            case FLOAT64 -> {
                double[] a = t.detach().toDoubleArray();
                bits = new long[a.length];
                for (int i = 0; i < a.length; i++) bits[i] = Double.doubleToRawLongBits(a[i]);
            }
            case BOOL -> {
                boolean[] a = t.toBooleanArray();
                bits = new long[a.length];
                for (int i = 0; i < a.length; i++) bits[i] = a[i] ? 1 : 0;
            }
            case INT64 -> bits = t.toLongArray();
            default -> throw new IllegalArgumentException("no bits for " + dtype);
        }
        return new Output(dtype, shape, bits);
    }

    // ---- the cases ---------------------------------------------------------------------------------------------

    private void add(String name, Supplier<List<Tensor>> outputs) {
        cases.add(new Case(name, family, false, outputs));
    }

    private void addOne(String name, Supplier<Tensor> output) {
        cases.add(new Case(name, family, false, () -> List.of(output.get())));
    }

    private void addGrad(String name, Supplier<List<Tensor>> outputs) {
        cases.add(new Case(name, family, true, outputs));
    }

    private record Unary(String name, double lo, double hi, Function<Tensor, Tensor> op) {}

    private void elementwise() {
        family = "elementwise";
        List<Unary> unary = List.of(
                new Unary("exp", -20, 20, Tensor::exp),
                new Unary("log", 1e-3, 50, Tensor::log),
                new Unary("tanh", -6, 6, Tensor::tanh),
                new Unary("sigmoid", -20, 20, Tensor::sigmoid),
                new Unary("silu", -20, 20, Tensor::silu),
                new Unary("gelu", -6, 6, Tensor::gelu),
                new Unary("gelu_tanh", -6, 6, x -> x.gelu("tanh")),
                new Unary("erf", -4, 4, Tensor::erf),
                new Unary("sin", -10, 10, Tensor::sin),
                new Unary("cos", -10, 10, Tensor::cos),
                new Unary("sqrt", 0, 100, Tensor::sqrt),
                new Unary("rsqrt", 1e-2, 100, Tensor::rsqrt),
                new Unary("abs", -5, 5, Tensor::abs),
                new Unary("relu", -5, 5, Tensor::relu),
                new Unary("expm1", -5, 5, Tensor::expm1),
                new Unary("log1p", -0.9, 20, Tensor::log1p),
                new Unary("pow2", -5, 5, x -> x.pow(2.0)),
                new Unary("pow1.5", 0, 5, x -> x.pow(1.5)),
                new Unary("pow-0.5", 0.1, 5, x -> x.pow(-0.5)));
        for (Unary u : unary) {
            for (int n : SIZES) {
                Tensor x = uniform(u.lo(), u.hi(), n);
                addOne(u.name() + " f32 [" + n + "]", () -> u.op().apply(x));
            }
            // three rows of 37, a transposed (strided) view, and every second column
            Tensor rows = uniform(u.lo(), u.hi(), 3, 37);
            addOne(u.name() + " f32 [3,37]", () -> u.op().apply(rows));
            Tensor base = uniform(u.lo(), u.hi(), 19, 23);
            addOne(u.name() + " f32 [19,23]^T", () -> u.op().apply(base.t()));
            addOne(u.name() + " f32 [19,23][:, ::2]", () -> u.op().apply(base.slice(1, 0, 23, 2)));
            for (int n : new int[] {7, 33, 257}) {
                Tensor x = uniform64(u.lo(), u.hi(), n);
                addOne(u.name() + " f64 [" + n + "]", () -> u.op().apply(x));
            }
        }
        // the edges: zeros, infinities, NaN, subnormals, huge arguments of sin and cos (Math's path beyond 8192)
        float[] special = {0f, -0f, 1f, -1f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.MIN_VALUE,
            -Float.MIN_VALUE, Float.MIN_NORMAL, Float.MAX_VALUE, -Float.MAX_VALUE, 88.7f, 89f, -103f, -104f, 8191f, 8193f,
            -9000.5f, 1e5f, 1e30f, 0.5f, -0.5f, 2f, 1e-30f, -1e-30f, 3.5f, -20f, 20f, 0.999f, -0.999f, 1e-7f, 1e7f};
        Tensor specials = Torch.tensor(special, special.length);
        for (Unary u : unary) addOne(u.name() + " f32 specials[" + special.length + "]", () -> u.op().apply(specials));
        Tensor wide = uniform(-2e4, 2e4, 100);
        addOne("sin f32 [100] in +-2e4", wide::sin);
        addOne("cos f32 [100] in +-2e4", wide::cos);
        Tensor wide8k = uniform(-8192, 8192, 257);
        addOne("sin f32 [257] in +-8192", wide8k::sin);
        addOne("cos f32 [257] in +-8192", wide8k::cos);
    }

    private record Binary(String name, Function<Tensor[], Tensor> op) {}

    private void broadcasting() {
        family = "broadcasting";
        List<Binary> binary = List.of(
                new Binary("add", a -> a[0].add(a[1])),
                new Binary("add alpha", a -> a[0].add(a[1], 0.37)),
                new Binary("sub", a -> a[0].sub(a[1])),
                new Binary("mul", a -> a[0].mul(a[1])),
                new Binary("div", a -> a[0].div(a[1])),
                new Binary("maximum", a -> a[0].maximum(a[1])),
                new Binary("minimum", a -> a[0].minimum(a[1])),
                new Binary("pow", a -> a[0].abs().pow(a[1])),
                new Binary("where", a -> Torch.where(a[0].gt(a[1]), a[0], a[1].mul(0.5))),
                new Binary("gt", a -> a[0].gt(a[1])),
                new Binary("lt", a -> a[0].lt(a[1])),
                new Binary("ge", a -> a[0].ge(a[1])),
                new Binary("le", a -> a[0].le(a[1])),
                new Binary("eq", a -> a[0].eq(a[1].round())));
        for (Binary b : binary) {
            for (int n : new int[] {1, 7, 17, 100, 257}) {
                Tensor x = uniform(-3, 3, 5, n), same = uniform(-3, 3, 5, n), row = uniform(-3, 3, n), column = uniform(-3, 3, 5, 1);
                Tensor xr = x.round();
                addOne(b.name() + " f32 [5," + n + "] [5," + n + "]", () -> b.op().apply(new Tensor[] {b.name().equals("eq") ? xr : x, same}));
                addOne(b.name() + " f32 [5," + n + "] [" + n + "]", () -> b.op().apply(new Tensor[] {x, row}));
                addOne(b.name() + " f32 [5," + n + "] [5,1]", () -> b.op().apply(new Tensor[] {x, column}));
                addOne(b.name() + " f32 [5,1] [" + n + "]", () -> b.op().apply(new Tensor[] {column, row}));
            }
            Tensor base = uniform(-3, 3, 17, 33), other = uniform(-3, 3, 33, 17);
            addOne(b.name() + " f32 [17,33]^T [33,17]", () -> b.op().apply(new Tensor[] {base.t(), other}));
            Tensor x64 = uniform64(-3, 3, 3, 33), row64 = uniform64(-3, 3, 33);
            addOne(b.name() + " f64 [3,33] [33]", () -> b.op().apply(new Tensor[] {x64, row64}));
        }
        Tensor x = uniform(-3, 3, 4, 257);
        addOne("add scalar f32 [4,257]", () -> x.add(1.25));
        addOne("mul scalar f32 [4,257]", () -> x.mul(-0.3));
        addOne("div scalar f32 [4,257]", () -> x.div(7.0));
        addOne("gt scalar f32 [4,257]", () -> x.gt(0.1));
    }

    private void reductions() {
        family = "reductions";
        for (int n : SIZES) {
            Tensor x = uniform(-3, 3, 5, n);
            reduce("f32 [5," + n + "]", x);
        }
        reduce("f32 [1000,3]", uniform(-3, 3, 1000, 3));
        reduce("f32 [33,17]", uniform(-3, 3, 33, 17));
        reduce("f32 [17,33]^T", uniform(-3, 3, 17, 33).t());
        reduce("f64 [5,257]", uniform64(-3, 3, 5, 257));
        reduce("f64 [100,7]", uniform64(-3, 3, 100, 7));
        Tensor cube = uniform(-3, 3, 3, 17, 7);
        addOne("sum f32 [3,17,7] dim 1", () -> cube.sum(1));
        addOne("mean f32 [3,17,7] dims 0,2", () -> cube.mean(0, 2));
        addOne("var f32 [3,17,7] dim 1", () -> cube.var(1));
        addOne("amax f32 [3,17,7] dim 1", () -> cube.amax(1));
        addOne("logsumexp f32 [3,17,7] dim 1", () -> cube.logsumexp(1));
        addOne("cumsum f32 [3,17,7] dim 1", () -> cube.cumsum(1));
        addOne("argmax f32 [3,17,7] dim 1", () -> cube.argmax(1));
        Tensor big = uniform(-3, 3, 4099);
        addOne("sum f32 [4099]", () -> big.sum());
        addOne("mean f32 [4099]", () -> big.mean());
        addOne("var f32 [4099]", () -> big.var());
        addOne("std f32 [4099]", () -> big.std());
        addOne("norm f32 [4099]", () -> big.norm());
        addOne("norm1 f32 [4099]", () -> big.norm(1));
        addOne("argmax f32 [4099]", () -> big.argmax());
        addOne("cumsum f32 [4099]", () -> big.cumsum(0));
    }

    private void reduce(String what, Tensor x) {
        for (int dim = 0; dim < 2; dim++) {
            int d = dim;
            String on = what + " dim " + d;
            addOne("sum " + on, () -> x.sum(d));
            addOne("mean " + on, () -> x.mean(d));
            addOne("var " + on, () -> x.var(d));
            addOne("std " + on, () -> x.std(d));
            addOne("norm " + on, () -> x.norm(2, d));
            addOne("norm3 " + on, () -> x.norm(3, new int[] {d}, false));
            addOne("amax " + on, () -> x.amax(d));
            addOne("amin " + on, () -> x.amin(d));
            addOne("argmax " + on, () -> x.argmax(d));
            addOne("logsumexp " + on, () -> x.logsumexp(d));
            addOne("cumsum " + on, () -> x.cumsum(d));
        }
        addOne("sum " + what, () -> x.sum());
        addOne("var " + what + " keepdim", () -> x.var(new int[] {0, 1}, 0, true));
    }

    private void softmaxes() {
        family = "softmax";
        for (int n : SIZES) {
            Tensor x = uniform(-8, 8, 3, n);
            addOne("softmax f32 [3," + n + "] dim 1", () -> x.softmax(1));
            addOne("logSoftmax f32 [3," + n + "] dim 1", () -> x.logSoftmax(1));
            addOne("softmax f32 [3," + n + "] dim 0", () -> x.softmax(0));
            addOne("logSoftmax f32 [3," + n + "] dim 0", () -> x.logSoftmax(0));
        }
        Tensor cube = uniform(-8, 8, 2, 33, 5);
        addOne("softmax f32 [2,33,5] dim 1", () -> cube.softmax(1));
        addOne("logSoftmax f32 [2,33,5] dim 1", () -> cube.logSoftmax(1));
        addOne("softmax f32 [2,33,5]^T(1,2) dim 2", () -> cube.transpose(1, 2).softmax(2));
        Tensor x64 = uniform64(-8, 8, 3, 257);
        addOne("softmax f64 [3,257] dim 1", () -> x64.softmax(1));
        addOne("logSoftmax f64 [3,257] dim 0", () -> x64.logSoftmax(0));
    }

    private void norms() {
        family = "norms";
        for (int n : new int[] {1, 3, 17, 33, 100, 257, 1000}) {
            Tensor x = uniform(-3, 3, 4, n), w = uniform(0.5, 1.5, n), b = uniform(-1, 1, n);
            addOne("layerNorm f32 [4," + n + "]", () -> F.layerNorm(x, new long[] {n}, w, b, 1e-5));
            addOne("layerNorm f32 [4," + n + "] no affine", () -> F.layerNorm(x, new long[] {n}, null, null, 1e-5));
        }
        Tensor x3 = uniform(-3, 3, 2, 5, 33), w3 = uniform(0.5, 1.5, 5, 33), b3 = uniform(-1, 1, 5, 33);
        addOne("layerNorm f32 [2,5,33] over [5,33]", () -> F.layerNorm(x3, new long[] {5, 33}, w3, b3, 1e-5));
        for (int n : new int[] {1, 7, 17, 100}) {
            Tensor x = uniform(-3, 3, 2, 6, n), w = uniform(0.5, 1.5, 6), b = uniform(-1, 1, 6);
            addOne("groupNorm f32 [2,6," + n + "] 3 groups", () -> F.groupNorm(x, 3, w, b, 1e-5));
            addOne("groupNorm f32 [2,6," + n + "] 6 groups", () -> F.groupNorm(x, 6, w, b, 1e-5));
        }
        Tensor g4 = uniform(-3, 3, 2, 4, 7, 9), gw = uniform(0.5, 1.5, 4), gb = uniform(-1, 1, 4);
        addOne("groupNorm f32 [2,4,7,9] 2 groups", () -> F.groupNorm(g4, 2, gw, gb, 1e-5));
        for (int n : new int[] {1, 7, 17, 100, 257}) {
            Tensor x = uniform(-3, 3, 4, 5, n), w = uniform(0.5, 1.5, 5), b = uniform(-1, 1, 5);
            add("batchNorm training f32 [4,5," + n + "]", () -> batchNormTraining(x, w, b));
        }
        Tensor flat = uniform(-3, 3, 33, 17), fw = uniform(0.5, 1.5, 17), fb = uniform(-1, 1, 17);
        add("batchNorm training f32 [33,17]", () -> batchNormTraining(flat, fw, fb));
        Tensor image = uniform(-3, 3, 3, 5, 7, 9), iw = uniform(0.5, 1.5, 5), ib = uniform(-1, 1, 5);
        add("batchNorm training f32 [3,5,7,9]", () -> batchNormTraining(image, iw, ib));
        Tensor x64 = uniform64(-3, 3, 4, 5, 17), w64 = uniform64(0.5, 1.5, 5), b64 = uniform64(-1, 1, 5);
        add("batchNorm training f64 [4,5,17]", () -> batchNormTraining(x64, w64, b64));
        Tensor l64 = uniform64(-3, 3, 4, 257), lw64 = uniform64(0.5, 1.5, 257), lb64 = uniform64(-1, 1, 257);
        addOne("layerNorm f64 [4,257]", () -> F.layerNorm(l64, new long[] {257}, lw64, lb64, 1e-5));
    }

    /** The output and the running mean and variance it updated (fresh buffers each time). */
    private static List<Tensor> batchNormTraining(Tensor x, Tensor w, Tensor b) {
        long c = x.shape()[1];
        Tensor mean = Torch.zeros(new long[] {c}, x.dtype()), var = Torch.ones(new long[] {c}, x.dtype());
        Tensor y = F.batchNorm(x, mean, var, w, b, true, 0.1, 1e-5);
        return List.of(y, mean, var);
    }

    private void products() {
        family = "products";
        int[][] shapes = {{1, 1, 1}, {1, 33, 1}, {7, 33, 17}, {17, 100, 3}, {3, 257, 15}, {33, 17, 100}, {65, 129, 33}, {100, 7, 257}};
        for (int[] s : shapes) {
            int m = s[0], k = s[1], n = s[2];
            Tensor a = uniform(-1, 1, m, k), b = uniform(-1, 1, k, n), at = uniform(-1, 1, k, m), bt = uniform(-1, 1, n, k);
            String mkn = m + "x" + k + "x" + n;
            addOne("mm f32 " + mkn, () -> a.mm(b));
            addOne("mm f32 " + mkn + " A^T", () -> at.t().mm(b));
            addOne("mm f32 " + mkn + " B^T", () -> a.mm(bt.t()));
            addOne("matmul f32 " + mkn + " A^T B^T", () -> at.t().matmul(bt.t()));
        }
        for (int k : new int[] {1, 7, 17, 100, 257}) {
            Tensor v = uniform(-1, 1, k), w = uniform(-1, 1, k), mat = uniform(-1, 1, 9, k), matT = uniform(-1, 1, k, 9);
            addOne("matmul f32 dot [" + k + "]", () -> v.matmul(w));
            addOne("matmul f32 [9," + k + "] [" + k + "]", () -> mat.matmul(v));
            addOne("matmul f32 [" + k + "] [" + k + ",9]", () -> v.matmul(matT));
            addOne("matmul f32 [" + k + "] [9," + k + "]^T", () -> v.matmul(mat.t()));
        }
        Tensor p = uniform(-1, 1, 3, 7, 17), q = uniform(-1, 1, 3, 17, 33), qt = uniform(-1, 1, 3, 33, 17);
        addOne("bmm f32 3x7x17x33", () -> p.bmm(q));
        addOne("bmm f32 3x7x17x33 B^T", () -> p.bmm(qt.transpose(1, 2)));
        addOne("bmm f32 3x33x17x7 A^T", () -> q.transpose(1, 2).bmm(p.transpose(1, 2)));
        Tensor r = uniform(-1, 1, 2, 1, 5, 17), u = uniform(-1, 1, 3, 17, 9);
        addOne("matmul f32 broadcast [2,1,5,17] [3,17,9]", () -> r.matmul(u));
        for (int[] s : new int[][] {{5, 100, 17}, {3, 33, 7}, {1, 17, 100}, {12, 257, 3}}) {
            Tensor x = uniform(-1, 1, s[0], s[1]), w = uniform(-0.2, 0.2, s[2], s[1]), b = uniform(-0.2, 0.2, s[2]);
            addOne("linear f32 [" + s[0] + "," + s[1] + "] -> " + s[2], () -> F.linear(x, w, b));
            addOne("linear f32 [" + s[0] + "," + s[1] + "] -> " + s[2] + " no bias", () -> F.linear(x, w, null));
        }
        Tensor x3 = uniform(-1, 1, 3, 4, 33), w3 = uniform(-0.2, 0.2, 7, 33), b3 = uniform(-0.2, 0.2, 7);
        addOne("linear f32 [3,4,33] -> 7", () -> F.linear(x3, w3, b3));
        Tensor a64 = uniform64(-1, 1, 17, 33), b64 = uniform64(-1, 1, 33, 15), at64 = uniform64(-1, 1, 33, 17);
        addOne("mm f64 17x33x15", () -> a64.mm(b64));
        addOne("mm f64 17x33x15 A^T", () -> at64.t().mm(b64));
        Tensor bb64 = uniform64(-1, 1, 2, 7, 17), bq64 = uniform64(-1, 1, 2, 17, 9);
        addOne("bmm f64 2x7x17x9", () -> bb64.bmm(bq64));
        Tensor l64 = uniform64(-1, 1, 5, 100), lw64 = uniform64(-0.2, 0.2, 17, 100), lb64 = uniform64(-0.2, 0.2, 17);
        addOne("linear f64 [5,100] -> 17", () -> F.linear(l64, lw64, lb64));
    }

    private void convolutionsAndPooling() {
        family = "convolution and pooling";
        for (int n : new int[] {7, 17, 100}) {
            Tensor x = uniform(-1, 1, 2, 4, n), w = uniform(-0.5, 0.5, 5, 4, 3), b = uniform(-0.5, 0.5, 5);
            Tensor wg = uniform(-0.5, 0.5, 6, 2, 3), bg = uniform(-0.5, 0.5, 6);
            Tensor wd = uniform(-0.5, 0.5, 4, 1, 5);
            String in = "[2,4," + n + "]";
            addOne("conv1d f32 " + in + " k3", () -> F.conv1d(x, w, b, 1, 0, 1, 1));
            addOne("conv1d f32 " + in + " k3 stride 2 pad 1", () -> F.conv1d(x, w, b, 2, 1, 1, 1));
            addOne("conv1d f32 " + in + " k3 groups 2 pad 1", () -> F.conv1d(x, wg, bg, 1, 1, 1, 2));
            addOne("conv1d f32 " + in + " k5 depthwise pad 2 dilation 2", () -> F.conv1d(x, wd, null, 1, 2, 2, 4));
            addOne("maxPool1d f32 " + in + " k3 s2", () -> F.maxPool1d(x, 3, 2, 0, 1, false));
            addOne("maxPool1d f32 " + in + " k2 s1 pad 1", () -> F.maxPool1d(x, 2, 1, 1, 1, false));
            addOne("avgPool1d f32 " + in + " k3 s2 pad 1", () -> F.avgPool1d(x, 3, 2, 1, false, true));
            addOne("avgPool1d f32 " + in + " k3 s2 ceil", () -> F.avgPool1d(x, 3, 2, 0, true, false));
        }
        for (int[] hw : new int[][] {{9, 11}, {7, 17}, {15, 33}}) {
            Tensor x = uniform(-1, 1, 2, 3, hw[0], hw[1]);
            Tensor w = uniform(-0.5, 0.5, 5, 3, 3, 3), b = uniform(-0.5, 0.5, 5), w1 = uniform(-0.5, 0.5, 7, 3, 1, 1);
            Tensor xg = uniform(-1, 1, 1, 4, hw[0], hw[1]), wg = uniform(-0.5, 0.5, 6, 2, 3, 3), wd = uniform(-0.5, 0.5, 4, 1, 3, 3);
            String in = "[2,3," + hw[0] + "," + hw[1] + "]";
            addOne("conv2d f32 " + in + " k3", () -> F.conv2d(x, w, b));
            addOne("conv2d f32 " + in + " k3 pad 1", () -> F.conv2d(x, w, b, 1, 1));
            addOne("conv2d f32 " + in + " k3 stride 2", () -> F.conv2d(x, w, b, 2, 0));
            addOne("conv2d f32 " + in + " k3 stride 2 pad 1", () -> F.conv2d(x, w, null, 2, 1));
            addOne("conv2d f32 " + in + " k1", () -> F.conv2d(x, w1, null));
            addOne("conv2d f32 [1,4," + hw[0] + "," + hw[1] + "] k3 groups 2 pad 1",
                    () -> F.conv2d(xg, wg, null, new long[] {1}, new long[] {1}, new long[] {1}, 2));
            addOne("conv2d f32 [1,4," + hw[0] + "," + hw[1] + "] k3 depthwise stride 2 pad 1",
                    () -> F.conv2d(xg, wd, null, new long[] {2}, new long[] {1}, new long[] {1}, 4));
            addOne("maxPool2d f32 " + in + " k2", () -> F.maxPool2d(x, 2));
            addOne("maxPool2d f32 " + in + " k3 s2 pad 1",
                    () -> F.maxPool2d(x, new long[] {3}, new long[] {2}, new long[] {1}, new long[] {1}, false));
            addOne("avgPool2d f32 " + in + " k2", () -> F.avgPool2d(x, 2));
            addOne("avgPool2d f32 " + in + " k3 s2 pad 1",
                    () -> F.avgPool2d(x, new long[] {3}, new long[] {2}, new long[] {1}, false, true, null));
            addOne("maxPool2d f32 " + in + "^T(2,3) k2", () -> F.maxPool2d(x.transpose(2, 3), 2));
            addOne("interpolate f32 " + in + " bilinear x2", () -> F.interpolate(x, 2.0, "bilinear"));
            addOne("interpolate f32 " + in + " bilinear x0.6", () -> F.interpolate(x, null, new double[] {0.6}, "bilinear", false));
            addOne("interpolate f32 " + in + " bicubic x1.5 align", () -> F.interpolate(x, null, new double[] {1.5}, "bicubic", true));
            addOne("interpolate f32 " + in + " nearest x2", () -> F.interpolate(x, 2.0, "nearest"));
        }
        Tensor x64 = uniform64(-1, 1, 2, 3, 9, 11), w64 = uniform64(-0.5, 0.5, 5, 3, 3, 3), b64 = uniform64(-0.5, 0.5, 5);
        addOne("conv2d f64 [2,3,9,11] k3 pad 1", () -> F.conv2d(x64, w64, b64, 1, 1));
        addOne("conv2d f64 [2,3,9,11] k3 stride 2", () -> F.conv2d(x64, w64, b64, 2, 0));
        addOne("maxPool2d f64 [2,3,9,11] k2", () -> F.maxPool2d(x64, 2));
        addOne("avgPool2d f64 [2,3,9,11] k2", () -> F.avgPool2d(x64, 2));
        addOne("interpolate f64 [2,3,9,11] bicubic x2", () -> F.interpolate(x64, 2.0, "bicubic"));
    }

    private void embeddings() {
        family = "embedding";
        for (int dim : new int[] {1, 17, 100}) {
            Tensor weight = uniform(-1, 1, 50, dim);
            Tensor indices = Torch.tensor(longs(21, 50), 3, 7);
            addOne("embedding f32 [50," + dim + "] [3,7]", () -> F.embedding(indices, weight, null));
            addOne("embedding f32 [50," + dim + "] [3,7] padding 3", () -> F.embedding(indices, weight, 3L));
        }
    }

    /**
     * LSTM, GRU and RNN at hidden sizes 100 and 17 (four lanes and one past whole vectors of 16), their inference cases
     * a family of their own, the first of the program, and the training steps the next. JDK 25's C2 compiled the cells'
     * former null-or-mask tails (before commit e49df520) into code that stopped the JVM when it compiled them for
     * inference alone: run first, JitTierParityTest stops there within about 2 s of rounds (2 cores, AVX-512); after
     * a training step, or after the other families' rounds had compiled the kernels they share, not in 900 rounds.
     */
    private void recurrent() {
        family = "recurrent";
        Tensor x = uniform(-1, 1, 5, 3, 10), x64 = uniform64(-1, 1, 5, 3, 10);
        List<Runnable> training = new ArrayList<>();
        for (int hidden : new int[] {100, 17}) {
            LSTM lstm = init(new LSTM(10, hidden));
            GRU gru = init(new GRU(10, hidden));
            RNN rnn = init(new RNN(10, hidden));
            RNN relu = init(new RNN(10, hidden, 2, "relu", true, false, 0, false));
            LSTM deep = init(new LSTM(10, hidden, 2, true, false, 0, true));
            Tensor g = uniform(-1, 1, 5, 3, hidden);
            add("LSTM f32 10->" + hidden + " forward", () -> {
                LSTM.Output out = lstm.forward(x, null);
                return List.of(out.output(), out.state().h(), out.state().c());
            });
            add("GRU f32 10->" + hidden + " forward", () -> {
                GRU.Output out = gru.forward(x, null);
                return List.of(out.output(), out.hN());
            });
            add("RNN tanh f32 10->" + hidden + " forward", () -> {
                RNN.Output out = rnn.forward(x, null);
                return List.of(out.output(), out.hN());
            });
            add("RNN relu 2 layers f32 10->" + hidden + " forward", () -> {
                RNN.Output out = relu.forward(x, null);
                return List.of(out.output(), out.hN());
            });
            add("LSTM 2 layers bidirectional f32 10->" + hidden + " forward", () -> {
                LSTM.Output out = deep.forward(x, null);
                return List.of(out.output(), out.state().h(), out.state().c());
            });
            training.add(() -> {
                addGrad("LSTM f32 10->" + hidden + " backward", () -> trainingStep(lstm, x, g));
                addGrad("GRU f32 10->" + hidden + " backward", () -> trainingStep(gru, x, g));
                addGrad("RNN tanh f32 10->" + hidden + " backward", () -> trainingStep(rnn, x, g));
                Tensor both = g.repeat(1, 1, 2);
                addGrad("LSTM 2 layers bidirectional f32 10->" + hidden + " backward", () -> trainingStep(deep, x, both));
            });
        }
        LSTM lstm64 = init(new LSTM(10, 17));
        lstm64.to(DType.FLOAT64);
        add("LSTM f64 10->17 forward", () -> List.of(lstm64.forward(x64)));
        family = "recurrent training";
        for (Runnable r : training) r.run();
    }

    /** The output, the input's gradient and every parameter's gradient of {@code sum(out * g)}. */
    private static List<Tensor> trainingStep(Module module, Tensor input, Tensor g) {
        module.zeroGrad(true);
        Tensor x = input.detach().requiresGrad_();
        Tensor out = module.forward(x);
        out.mul(g).sum().backward();
        List<Tensor> r = new ArrayList<>();
        r.add(out);
        r.add(x.grad());
        for (Parameter p : module.parameters()) r.add(p.grad());
        return r;
    }

    private void attention() {
        family = "attention";
        for (int[] s : new int[][] {{7, 9, 17, 15}, {17, 17, 33, 33}, {3, 100, 7, 17}, {1, 33, 100, 100}}) {
            int l = s[0], len = s[1], e = s[2], ev = s[3];
            Tensor q = uniform(-1, 1, 2, 3, l, e), k = uniform(-1, 1, 2, 3, len, e), v = uniform(-1, 1, 2, 3, len, ev);
            String shape = "L " + l + " S " + len + " E " + e + " Ev " + ev;
            addOne("sdpa f32 " + shape, () -> F.scaledDotProductAttention(q, k, v, null, 0, false));
            Tensor mask = Torch.tensor(booleans(l, len), l, len);
            addOne("sdpa f32 " + shape + " bool mask", () -> F.scaledDotProductAttention(q, k, v, mask, 0, false));
            Tensor additive = uniform(-2, 0, l, len);
            addOne("sdpa f32 " + shape + " float mask", () -> F.scaledDotProductAttention(q, k, v, additive, 0, false));
            if (l == len) addOne("sdpa f32 " + shape + " causal", () -> F.scaledDotProductAttention(q, k, v, null, 0, true));
        }
        Tensor q64 = uniform64(-1, 1, 1, 2, 7, 17), k64 = uniform64(-1, 1, 1, 2, 9, 17), v64 = uniform64(-1, 1, 1, 2, 9, 15);
        addOne("sdpa f64 L 7 S 9 E 17", () -> F.scaledDotProductAttention(q64, k64, v64, null, 0, false));
        for (int[] s : new int[][] {{34, 2}, {33, 3}, {100, 4}}) {
            MultiheadAttention mha = init(new MultiheadAttention(s[0], s[1]));
            Tensor query = uniform(-1, 1, 5, 2, s[0]), key = uniform(-1, 1, 7, 2, s[0]);
            add("MultiheadAttention f32 E " + s[0] + " heads " + s[1], () -> {
                F.Attention a = mha.forward(query, key, key, null, true, null);
                return List.of(a.output(), a.weights());
            });
            add("MultiheadAttention f32 E " + s[0] + " heads " + s[1] + " self causal", () -> {
                Tensor causal = Torch.ones(new long[] {5, 5}, DType.BOOL).triu(1);
                F.Attention a = mha.forward(query, query, query, null, false, causal);
                return List.of(a.output());
            });
        }
    }

    private void backward() {
        family = "backward";
        // an MLP with cross entropy
        Tensor x = uniform(-1, 1, 5, 33), w1 = uniform(-0.3, 0.3, 17, 33), b1 = uniform(-0.3, 0.3, 17);
        Tensor w2 = uniform(-0.3, 0.3, 3, 17), b2 = uniform(-0.3, 0.3, 3);
        Tensor target = Torch.tensor(longs(5, 3), 5);
        addGrad("backward MLP linear-gelu-linear-crossEntropy", () -> {
            Tensor[] p = leaves(x, w1, b1, w2, b2);
            Tensor h = F.linear(p[0], p[1], p[2]).gelu();
            Tensor loss = F.crossEntropy(F.linear(h, p[3], p[4]), target);
            loss.backward();
            return withGrads(loss, p);
        });
        // a small convolutional network
        Tensor image = uniform(-1, 1, 2, 3, 9, 11), cw = uniform(-0.3, 0.3, 5, 3, 3, 3), cb = uniform(-0.3, 0.3, 5);
        Tensor bw = uniform(0.5, 1.5, 5), bb = uniform(-0.5, 0.5, 5), goal = uniform(-1, 1, 2, 5, 4, 5);
        addGrad("backward conv2d-batchNorm-silu-maxPool-mse", () -> {
            Tensor[] p = leaves(image, cw, cb, bw, bb);
            Tensor y = F.conv2d(p[0], p[1], p[2], 1, 1);
            y = F.batchNorm(y, null, null, p[3], p[4], true, 0.1, 1e-5).silu();
            Tensor loss = F.mseLoss(F.maxPool2d(y, 2), goal);
            loss.backward();
            return withGrads(loss, p);
        });
        Tensor seq = uniform(-1, 1, 2, 4, 100), kw = uniform(-0.3, 0.3, 6, 2, 3), gw = uniform(0.5, 1.5, 6), gb = uniform(-0.5, 0.5, 6);
        addGrad("backward conv1d groups-groupNorm-tanh-avgPool-sum", () -> {
            Tensor[] p = leaves(seq, kw, gw, gb);
            Tensor y = F.groupNorm(F.conv1d(p[0], p[1], null, 2, 1, 1, 2), 3, p[2], p[3], 1e-5).tanh();
            Tensor loss = F.avgPool1d(y, 3, 2, 1, false, true).pow(2.0).sum();
            loss.backward();
            return withGrads(loss, p);
        });
        // layer norm, softmax and the transcendental functions
        Tensor rows = uniform(-2, 2, 4, 100), lw = uniform(0.5, 1.5, 100), lb = uniform(-0.5, 0.5, 100), weights = uniform(-1, 1, 4, 100);
        addGrad("backward layerNorm-tanh-softmax-logSoftmax", () -> {
            Tensor[] p = leaves(rows, lw, lb);
            Tensor y = F.layerNorm(p[0], new long[] {100}, p[1], p[2], 1e-5).tanh();
            Tensor loss = y.softmax(1).mul(weights).sum().add(y.logSoftmax(0).mul(weights).mean());
            loss.backward();
            return withGrads(loss, p);
        });
        Tensor a = uniform(0.1, 2, 3, 257), c = uniform(-2, 2, 3, 257), r = uniform(-2, 2, 257);
        addGrad("backward exp-log1p-sigmoid-sqrt-div-pow-maximum-where-std-cumsum-logsumexp", () -> {
            Tensor[] p = leaves(a, c, r);
            Tensor y = p[0].log1p().mul(p[1].sigmoid()).add(p[1].exp().sqrt().div(p[0]));
            y = y.maximum(p[2].sin()).add(Torch.where(p[1].gt(0), p[1].relu().pow(1.5), p[2].cos().mul(p[1])));
            y = y.sub(y.std(1, true)).cumsum(1).mul(0.01).erf().add(p[0].pow(p[1].mul(0.3)));
            Tensor loss = y.logsumexp(1).sum().add(y.norm()).add(y.amax(0).mean());
            loss.backward();
            return withGrads(loss, p);
        });
        Tensor aq = uniform(-1, 1, 2, 3, 7, 17), ak = uniform(-1, 1, 2, 3, 9, 17), av = uniform(-1, 1, 2, 3, 9, 15);
        Tensor ag = uniform(-1, 1, 2, 3, 7, 15);
        addGrad("backward sdpa", () -> {
            Tensor[] p = leaves(aq, ak, av);
            Tensor y = F.scaledDotProductAttention(p[0], p[1], p[2], null, 0, false);
            y.mul(ag).sum().backward();
            return withGrads(y, p);
        });
        Tensor emb = uniform(-1, 1, 30, 17), ids = Torch.tensor(longs(12, 30), 3, 4), mw = uniform(-0.3, 0.3, 17, 17);
        addGrad("backward embedding-bmm-relu-amax", () -> {
            Tensor[] p = leaves(emb, mw);
            Tensor e = F.embedding(ids, p[0], null);
            Tensor y = e.bmm(e.transpose(1, 2)).relu().add(1).log().sum().add(e.matmul(p[1]).amax(new int[] {1}, false).sum());
            y.backward();
            return withGrads(y, p);
        });
        Tensor a64 = uniform64(0.1, 2, 3, 33), w64 = uniform64(-0.3, 0.3, 7, 33);
        addGrad("backward f64 linear-tanh-softmax-var", () -> {
            Tensor[] p = leaves(a64, w64);
            Tensor y = F.linear(p[0].log(), p[1], null).tanh();
            Tensor loss = y.softmax(1).var(0).sum().add(y.exp().mean());
            loss.backward();
            return withGrads(loss, p);
        });
    }

    private static Tensor[] leaves(Tensor... data) {
        Tensor[] p = new Tensor[data.length];
        for (int i = 0; i < data.length; i++) p[i] = data[i].detach().requiresGrad_();
        return p;
    }

    private static List<Tensor> withGrads(Tensor result, Tensor[] leaves) {
        List<Tensor> r = new ArrayList<>();
        r.add(result);
        for (Tensor p : leaves) r.add(p.grad());
        return r;
    }

    // ---- seeded inputs ----------------------------------------------------------------------------------------

    private Tensor uniform(double lo, double hi, long... shape) {
        float[] a = new float[(int) count(shape)];
        for (int i = 0; i < a.length; i++) a[i] = (float) random.nextDouble(lo, hi);
        return Torch.tensor(a, shape);
    }

    private Tensor uniform64(double lo, double hi, long... shape) {
        double[] a = new double[(int) count(shape)];
        for (int i = 0; i < a.length; i++) a[i] = random.nextDouble(lo, hi);
        return Torch.tensor(a, shape);
    }

    private long[] longs(int n, int bound) {
        long[] a = new long[n];
        for (int i = 0; i < n; i++) a[i] = random.nextInt(bound);
        return a;
    }

    /** A bool attention mask [rows, columns] (true: takes part) with three in four true, and every first column true. */
    private boolean[] booleans(int rows, int columns) {
        boolean[] a = new boolean[rows * columns];
        for (int i = 0; i < a.length; i++) a[i] = i % columns == 0 || random.nextInt(4) != 0;
        return a;
    }

    private static long count(long[] shape) {
        long n = 1;
        for (long s : shape) n *= s;
        return n;
    }

    /** The module with every parameter overwritten with seeded uniform values in +-1/sqrt(size of its last dim). */
    private <M extends Module> M init(M module) {
        try (var mode = Torch.noGrad()) {
            for (Parameter p : module.parameters()) {
                long[] shape = p.shape();
                double bound = 1 / Math.sqrt(shape[shape.length - 1]);
                p.copy_(uniform(-bound, bound, shape));
            }
        }
        return module;
    }

    // ---- files -------------------------------------------------------------------------------------------------

    static void write(List<Result> results, Path file) throws IOException {
        try (DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(file)))) {
            out.writeInt(results.size());
            for (Result r : results) {
                out.writeUTF(r.name());
                out.writeInt(r.outputs().size());
                for (Output o : r.outputs()) {
                    out.writeUTF(o.dtype().name());
                    out.writeInt(o.shape().length);
                    for (long s : o.shape()) out.writeLong(s);
                    out.writeInt(o.bits().length);
                    for (long b : o.bits()) out.writeLong(b);
                }
            }
        }
    }

    static List<Result> read(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(file)))) {
            int n = in.readInt();
            List<Result> results = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                String name = in.readUTF();
                int outputs = in.readInt();
                List<Output> list = new ArrayList<>(outputs);
                for (int j = 0; j < outputs; j++) {
                    DType dtype = DType.valueOf(in.readUTF());
                    long[] shape = new long[in.readInt()];
                    for (int d = 0; d < shape.length; d++) shape[d] = in.readLong();
                    long[] bits = new long[in.readInt()];
                    for (int e = 0; e < bits.length; e++) bits[e] = in.readLong();
                    list.add(new Output(dtype, shape, bits));
                }
                results.add(new Result(name, list));
            }
            return results;
        }
    }

    // ---- comparison --------------------------------------------------------------------------------------------

    /**
     * Null when {@code actual} has the same bits as {@code expected}, case by case; otherwise one line per
     * differing case (at most {@code limit}): the case, the output, the first differing element with both
     * values, and how many elements differ. With {@code nanAsOne}, any two NaNs are equal (their sign and
     * payload are not): see JitTierParityTest.
     */
    static String differences(List<Result> expected, String expectedName, List<Result> actual, String actualName, boolean nanAsOne,
                              int limit) {
        StringBuilder s = new StringBuilder();
        int differing = 0;
        if (expected.size() != actual.size()) {
            s.append(expectedName).append(" has ").append(expected.size()).append(" cases, ").append(actualName).append(' ')
                    .append(actual.size()).append('\n');
        }
        for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
            String line = difference(expected.get(i), expectedName, actual.get(i), actualName, nanAsOne);
            if (line != null && differing++ < limit) s.append(line).append('\n');
        }
        if (differing > limit) s.append("... and ").append(differing - limit).append(" more cases\n");
        if (s.isEmpty()) return null;
        return differing + " of " + expected.size() + " cases differ between " + expectedName + " and " + actualName + ":\n" + s;
    }

    /** Null when the two results have the same bits, else a line that names the case and its first differing element. */
    static String difference(Result e, String expectedName, Result a, String actualName, boolean nanAsOne) {
        if (!e.name().equals(a.name())) return "case " + e.name() + " against " + a.name() + ": the programs differ";
        if (e.outputs().size() != a.outputs().size()) {
            return e.name() + ": " + e.outputs().size() + " outputs against " + a.outputs().size();
        }
        for (int o = 0; o < e.outputs().size(); o++) {
            Output x = e.outputs().get(o), y = a.outputs().get(o);
            String output = e.outputs().size() > 1 ? " output " + o : "";
            if (x.dtype() != y.dtype() || !Arrays.equals(x.shape(), y.shape())) {
                return e.name() + output + ": " + x.dtype() + Arrays.toString(x.shape()) + " against " + y.dtype()
                        + Arrays.toString(y.shape());
            }
            int first = -1, count = 0;
            for (int k = 0; k < x.bits().length; k++) {
                if (!same(x.dtype(), x.bits()[k], y.bits()[k], nanAsOne)) {
                    if (first < 0) first = k;
                    count++;
                }
            }
            if (first < 0) continue;
            return e.name() + output + " " + x.dtype() + Arrays.toString(x.shape()) + ": element " + first
                    + Arrays.toString(index(first, x.shape())) + " is " + value(x.dtype(), x.bits()[first]) + " in " + expectedName
                    + ", " + value(y.dtype(), y.bits()[first]) + " in " + actualName + " (" + count + " of " + x.bits().length
                    + " elements differ)";
        }
        return null;
    }

    private static boolean same(DType dtype, long x, long y, boolean nanAsOne) {
        if (x == y) return true;
        if (!nanAsOne) return false;
        return switch (dtype) {
            case FLOAT32 -> Float.isNaN(Float.intBitsToFloat((int) x)) && Float.isNaN(Float.intBitsToFloat((int) y));
            case FLOAT64 -> Double.isNaN(Double.longBitsToDouble(x)) && Double.isNaN(Double.longBitsToDouble(y));
            default -> false;
        };
    }

    private static long[] index(long flat, long[] shape) {
        long[] idx = new long[shape.length];
        for (int d = shape.length - 1; d >= 0; d--) {
            idx[d] = shape[d] == 0 ? 0 : flat % shape[d];
            flat = shape[d] == 0 ? 0 : flat / shape[d];
        }
        return idx;
    }

    private static String value(DType dtype, long bits) {
        return switch (dtype) {
            case FLOAT32 -> {
                float f = Float.intBitsToFloat((int) bits);
                yield Float.toString(f) + " (0x" + Integer.toHexString((int) bits) + ")";
            }
            case FLOAT64 -> Double.longBitsToDouble(bits) + " (0x" + Long.toHexString(bits) + ")";
            default -> Long.toString(bits);
        };
    }

    public static void main(String[] args) throws IOException {
        write(new JitTierProgram().run(), Path.of(args[0]));
    }
}
