package org.torch4j.nn;

import java.util.Arrays;
import java.util.List;
import org.torch4j.Hook;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.internal.Internals;

/**
 * Weight normalisation of one parameter ({@code torch.nn.utils.weight_norm}, PyTorch 1.13): the
 * parameter {@code name} is replaced by {@code name_g} (its norm over every dim but {@code dim}) and
 * {@code name_v} (its direction), and a forward pre-hook recomputes {@code name = v * (g / ||v||)} before
 * every forward, so gradients reach g and v. The module's field keeps the same tensor object, which
 * becomes that computation (see {@link Internals#rebind}).
 */
final class WeightNorm implements ForwardPreHook {
    final String name;
    /** The dim kept by the norm; -1 normalises over the whole tensor, as PyTorch's {@code dim=None}. */
    private final int dim;
    private final Parameter target;
    private Hook handle;

    private WeightNorm(String name, int dim, Parameter target) {
        this.name = name;
        this.dim = dim;
        this.target = target;
    }

    static void apply(Module module, String name, int dim) {
        for (ForwardPreHook h : module.forwardPreHooks()) {
            if (h instanceof WeightNorm w && w.name.equals(name)) {
                throw new IllegalArgumentException("Cannot register two weight_norm hooks on the same parameter " + name);
            }
        }
        Parameter weight = module.ownParameter(name);
        if (weight == null) {
            throw new IllegalArgumentException("'" + module.getClass().getSimpleName() + "' object has no attribute '" + name + "'");
        }
        int d = dim < -1 ? dim + weight.dim() : dim;
        WeightNorm fn = new WeightNorm(name, d, weight);
        module.removeParameter(name);
        Tensor g;
        try (var noGrad = Torch.noGrad()) {
            g = normExceptDim(weight, d);
        }
        module.registerParameter(name + "_g", new Parameter(g));
        module.registerParameter(name + "_v", new Parameter(weight.detach()));
        Internals.get().rebind(weight, fn.compute(module));
        fn.handle = module.registerForwardPreHook(fn);
    }

    /** v * (g / ||v||), the norm taken over every dim but the kept one. */
    private Tensor compute(Module module) {
        Tensor g = module.ownParameter(name + "_g"), v = module.ownParameter(name + "_v");
        return v.mul(g.div(normExceptDim(v, dim)));
    }

    /**
     * PyTorch's {@code norm_except_dim(v, 2, dim)}: the 2-norm of each slice along {@code dim}, shaped to
     * broadcast against v (size 1 in every other dim); for dim -1 the norm of the whole tensor.
     */
    static Tensor normExceptDim(Tensor v, int dim) {
        if (dim == -1) return v.norm(2.0);
        long[] keep = new long[v.dim()];
        Arrays.fill(keep, 1);
        keep[dim] = v.size(dim);
        Tensor moved = dim == 0 ? v : v.transpose(0, dim);
        return moved.reshape(v.size(dim), -1).norm(2.0, new int[] {1}, false).reshape(keep);
    }

    @Override
    public List<Object> apply(Module module, List<Object> args) {
        Internals.get().rebind(target, compute(module));
        return null;
    }

    /** Puts {@code name} back as a parameter holding the current v * (g / ||v||), and drops g, v and the hook. */
    void remove(Module module) {
        try (var noGrad = Torch.noGrad()) {
            Internals.get().rebind(target, compute(module));
        }
        target.requiresGrad_();
        module.removeParameter(name + "_g");
        module.removeParameter(name + "_v");
        module.registerParameter(name, target);
        handle.remove();
    }
}
