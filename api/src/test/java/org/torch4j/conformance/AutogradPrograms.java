package org.torch4j.conformance;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.torch4j.Index;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * The interpreter of the random autograd programs of {@code tools/gen_view_inplace_reference.py} and
 * {@code tools/gen_autograd_programs_reference.py} (their {@code run_program} and {@code Run}, with {@code more} and
 * {@code more_inplace}), step for step.
 * A program grows a list of tensors from {@code x * 1} (and {@code x2 * 1} in the mixed programs); each step is {@code [what, i, kind, args]} on tensor i.
 */
final class AutogradPrograms {
    private final Tensor x2;
    final List<Tensor> tensors = new ArrayList<>();
    /** The indices of the tensors that retain their gradient, in order. */
    final List<Integer> retained = new ArrayList<>();

    AutogradPrograms(Tensor x, Tensor x2) {
        this(x, x2, false);
    }

    /** mixed: both leaves start the list (x2 float32 in the mixed programs, so ops meet tensors of two dtypes). */
    AutogradPrograms(Tensor x, Tensor x2, boolean mixed) {
        this.x2 = x2;
        tensors.add(x.mul(1.0));
        if (mixed) tensors.add(x2.mul(1.0));
    }

    /** The generators' weights(i, t): cos(k + i) over t's elements in row-major order. */
    static Tensor weights(int i, Tensor t) {
        return Torch.arange(t.numel()).toDouble().add((double) i).cos().reshape(t.shape()).to(t.device());
    }

    /** The loss: every tensor made, weighted. */
    Tensor loss() {
        Tensor loss = null;
        for (int k = 0; k < tensors.size(); k++) {
            Tensor term = tensors.get(k).mul(weights(k, tensors.get(k))).sum();
            loss = loss == null ? term : loss.add(term);
        }
        return loss;
    }

    @SuppressWarnings("unchecked")
    void run(List<Object> steps) {
        for (Object o : steps) step((List<Object>) o);
    }

    @SuppressWarnings("unchecked")
    private void step(List<Object> step) {
        int i = ((Number) step.get(1)).intValue();
        Tensor t = tensors.get(i);
        String kind = (String) step.get(2);
        List<Object> a = (List<Object>) step.get(3);
        switch ((String) step.get(0)) {
            case "view" -> tensors.add(view(t, kind, a));
            case "inplace" -> inPlace(t, kind, a);
            case "new" -> tensors.add(t.mul(d(a, 0)));
            case "unary" -> tensors.add(unary(t, kind));
            case "binary" -> tensors.add(binary(t, tensors.get(i(a, 0)), kind));
            case "reduce" -> tensors.add(reduce(t, kind, i(a, 0), (Boolean) a.get(1)));
            case "softmax" -> tensors.add(kind.equals("softmax") ? t.softmax(i(a, 0)) : t.logSoftmax(i(a, 0)));
            case "matmul" -> tensors.add(t.matmul(tensors.get(i(a, 0)).transpose(-1, -2)));
            case "cat" -> tensors.add(Torch.cat(List.of(t, tensors.get(i(a, 0))), i(a, 1)));
            case "detach" -> tensors.add(t.detach());
            case "nograd" -> {
                try (Torch.Mode m = Torch.noGrad()) {
                    tensors.add(unary(t, kind));
                }
            }
            case "more" -> tensors.add(more(t, kind, a));
            case "inplace2" -> inPlace2(t, kind, a);
            case "retain" -> {
                t.retainGrad();
                retained.add(i);
            }
            case "hook" -> {
                double scale = d(a, 0);
                t.registerHook(g -> g.mul(scale));
            }
            default -> throw new IllegalArgumentException((String) step.get(0));
        }
    }

    private static int i(List<Object> args, int k) {
        return ((Number) args.get(k)).intValue();
    }

    private static double d(List<Object> args, int k) {
        return ((Number) args.get(k)).doubleValue();
    }

    private static Tensor view(Tensor t, String kind, List<Object> a) {
        return switch (kind) {
            case "t" -> t.t();
            case "transpose" -> t.transpose(i(a, 0), i(a, 1));
            case "select" -> t.select(i(a, 0), i(a, 1));
            case "narrow" -> t.narrow(i(a, 0), i(a, 1), i(a, 2));
            case "unsqueeze" -> t.unsqueeze(i(a, 0));
            case "diagonal" -> t.diagonal();
            case "permute" -> t.permute(a.stream().mapToInt(o -> ((Number) o).intValue()).toArray());
            case "flatten" -> t.view(-1);
            case "step" -> {
                Index[] index = new Index[i(a, 0) + 1];
                Arrays.fill(index, Index.slice(null, null));
                index[i(a, 0)] = Index.slice((long) i(a, 1), null, i(a, 2));
                yield t.index(index);
            }
            case "squeeze" -> t.squeeze(i(a, 0));
            case "unbind" -> t.unbind(i(a, 0)).get(i(a, 1));
            default -> throw new IllegalArgumentException(kind);
        };
    }

    /** The generators' operand(x2, t, scale): x2's first elements shaped like t, times scale. */
    private Tensor operand(Tensor t, double scale) {
        return x2.reshape(-1).narrow(0, 0, t.numel()).reshape(t.shape()).mul(scale);
    }

    private void inPlace(Tensor t, String kind, List<Object> a) {
        switch (kind) {
            case "mul_" -> t.mul_(d(a, 0));
            case "add_" -> t.add_(d(a, 0));
            case "sub_" -> t.sub_(d(a, 0));
            case "mul_x2" -> t.mul_(operand(t, d(a, 0)));
            case "add_x2" -> t.add_(operand(t, d(a, 0)));
            case "copy_x2" -> t.copy_(operand(t, d(a, 0)));
            case "div_x2" -> t.div_(operand(t, d(a, 0)).exp());
            case "masked_fill_" -> t.maskedFill_(operand(t, 1.0).detach().gt(0.0), d(a, 0));
            case "addcmul_x2" -> t.addcmul_(operand(t, 1.0), operand(t, 0.5), d(a, 0));
            case "lerp_x2" -> t.lerp_(operand(t, 1.0), d(a, 0));
            case "index_put_x2" -> {
                long last = t.shape()[0] - 1;
                long[] rows = last == 0 ? new long[] {0} : new long[] {0, last};
                long[] shape = t.shape().clone();
                shape[0] = rows.length;
                Tensor values = x2.reshape(-1).narrow(0, 0, rows.length * t.select(0, 0).numel()).reshape(shape);
                t.indexPut_(new Index[] {Index.of(Torch.tensor(rows).to(t.device()))}, values);
            }
            case "clamp_" -> t.clamp_(d(a, 0), d(a, 1));
            case "zero_" -> t.zero_();
            case "fill_" -> t.fill_(d(a, 0));
            case "pow_" -> t.pow_(2.0);
            case "sigmoid_" -> t.sigmoid_();
            case "tanh_" -> t.tanh_();
            case "relu_" -> t.relu_();
            case "exp_" -> t.exp_();
            default -> throw new IllegalArgumentException(kind);
        }
    }

    private static Tensor unary(Tensor t, String name) {
        return switch (name) {
            case "tanh" -> t.tanh();
            case "sigmoid" -> t.sigmoid();
            case "sin" -> t.sin();
            case "cos" -> t.cos();
            case "relu" -> t.relu();
            case "neg" -> t.neg();
            case "abs" -> t.abs();
            case "exp" -> t.exp();
            case "square" -> t.mul(t);
            default -> throw new IllegalArgumentException(name);
        };
    }

    private static Tensor binary(Tensor a, Tensor b, String name) {
        return switch (name) {
            case "add" -> a.add(b);
            case "sub" -> a.sub(b);
            case "mul" -> a.mul(b);
            case "maximum" -> a.maximum(b);
            case "div_soft" -> a.div(b.mul(b).add(1.0));
            case "where" -> Torch.where(a.gt(0.0), a, b);
            default -> throw new IllegalArgumentException(name);
        };
    }

    /** The generator's pattern(shape, dim): (7 k + 3) mod size(dim) over the elements k in row-major order. */
    private static Tensor pattern(Tensor t, int dim) {
        long[] shape = t.shape();
        return Torch.arange(t.numel()).reshape(shape).mul(7L).add(3L).remainder(shape[dim]).to(t.device());
    }

    private static Tensor longs(Object list, Tensor t) {
        return Torch.tensor(((List<?>) list).stream().mapToLong(o -> ((Number) o).longValue()).toArray()).to(t.device());
    }

    /** The generator's more(): scans, reorders, gathers, repeats, casts, sorts, spreads, multi-output views. */
    private Tensor more(Tensor t, String name, List<Object> a) {
        return switch (name) {
            case "cumsum" -> t.cumsum(i(a, 0));
            case "cumprod" -> t.cumprod(i(a, 0));
            case "flip" -> t.flip(i(a, 0));
            case "roll" -> t.roll(i(a, 0), i(a, 1));
            case "gather" -> t.gather(i(a, 0), pattern(t, i(a, 0)));
            case "index_select" -> t.indexSelect(i(a, 0), longs(a.get(1), t));
            case "expand" -> {
                long[] shape = new long[t.dim() + 1];
                for (int d = 0, k = 0; d < shape.length; d++) shape[d] = d == i(a, 0) ? i(a, 1) : t.shape()[k++];
                yield t.unsqueeze(i(a, 0)).expand(shape);
            }
            case "repeat" -> t.repeat(a.stream().mapToLong(o -> ((Number) o).longValue()).toArray());
            case "float32" -> t.toFloat().toDouble();
            case "clone" -> t.clone();
            case "contiguous" -> t.contiguous();
            case "sort" -> t.sort(i(a, 0), (Boolean) a.get(1)).values();
            case "topk" -> t.topk(i(a, 0), i(a, 1), true, true).values();
            case "var" -> t.var(i(a, 0), false);
            case "std" -> t.std(i(a, 0), false);
            case "pow" -> t.abs().add(1.0).pow(tensors.get(i(a, 0)));
            case "atan2" -> t.atan2(tensors.get(i(a, 0)));
            case "lerp" -> t.lerp(tensors.get(i(a, 0)), d(a, 1));
            case "stack" -> Torch.stack(List.of(t, tensors.get(i(a, 0))), i(a, 1));
            case "split" -> t.split(i(a, 0), i(a, 1)).get(i(a, 2));
            default -> throw new IllegalArgumentException(name);
        };
    }

    /** The generator's more_inplace(). */
    private void inPlace2(Tensor t, String name, List<Object> a) {
        switch (name) {
            case "scatter_add_" -> t.scatterAdd_(i(a, 0), pattern(t, i(a, 0)), x2.reshape(-1).narrow(0, 0, t.numel()).reshape(t.shape()));
            case "index_fill_" -> t.indexFill_(i(a, 0), longs(a.get(1), t), d(a, 2));
            default -> throw new IllegalArgumentException(name);
        }
    }

    private static Tensor reduce(Tensor t, String name, int dim, boolean keepdim) {
        int[] dims = {dim};
        return switch (name) {
            case "sum" -> t.sum(dims, keepdim);
            case "mean" -> t.mean(dims, keepdim);
            case "amax" -> t.amax(dims, keepdim);
            case "logsumexp" -> t.logsumexp(dims, keepdim);
            case "prod" -> t.prod(dim, keepdim);
            case "norm" -> t.norm(2, dims, keepdim);
            default -> throw new IllegalArgumentException(name);
        };
    }
}
