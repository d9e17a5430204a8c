package org.torch4j.nn;

import java.util.List;
import org.torch4j.Hook;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.internal.Internals;

/**
 * Spectral normalisation of one parameter ({@code torch.nn.utils.spectral_norm}, PyTorch 1.13): the
 * parameter {@code name} moves to {@code name_orig}, and before every forward a pre-hook sets
 * {@code name = name_orig / sigma}, sigma being the largest singular value of name_orig seen as a matrix
 * (dim {@code dim} first, the rest flattened), estimated as u . (W v). The vectors u and v are the
 * buffers {@code name_u} and {@code name_v}, drawn from N(0, 1) and normalised when applied; in training
 * each forward first refines them by {@code nPowerIterations} steps of power iteration (without
 * recording), in place, as PyTorch does.
 */
final class SpectralNorm implements ForwardPreHook {
    final String name;
    private final int nPowerIterations, dim;
    private final double eps;
    private final Parameter target;
    private Hook handle;

    private SpectralNorm(String name, int nPowerIterations, int dim, double eps, Parameter target) {
        this.name = name;
        this.nPowerIterations = nPowerIterations;
        this.dim = dim;
        this.eps = eps;
        this.target = target;
    }

    static void apply(Module module, String name, int nPowerIterations, double eps, int dim) {
        for (ForwardPreHook h : module.forwardPreHooks()) {
            if (h instanceof SpectralNorm s && s.name.equals(name)) {
                throw new IllegalArgumentException("Cannot register two spectral_norm hooks on the same parameter " + name);
            }
        }
        if (nPowerIterations <= 0) {
            throw new IllegalArgumentException("Expected n_power_iterations to be positive, but got n_power_iterations=" + nPowerIterations);
        }
        Parameter weight = module.ownParameter(name);
        if (weight == null) throw new IllegalArgumentException("'" + name + "'");
        SpectralNorm fn = new SpectralNorm(name, nPowerIterations, dim, eps, weight);
        Tensor u, v;
        try (var noGrad = Torch.noGrad()) {
            Tensor mat = matrix(weight, dim);
            // u first, then v, from the default generator: PyTorch's order
            u = F.normalize(Torch.empty(new long[] {mat.size(0)}, weight.dtype(), weight.device()).normal_(0, 1), 2, 0, eps);
            v = F.normalize(Torch.empty(new long[] {mat.size(1)}, weight.dtype(), weight.device()).normal_(0, 1), 2, 0, eps);
        }
        module.removeParameter(name);
        // PyTorch re-registers the parameter object itself as name_orig; here the module's field keeps the object,
        // which becomes the normalised weight, and name_orig is a new parameter over the same storage
        module.registerParameter(name + "_orig", new Parameter(weight.detach(), weight.requiresGrad()));
        Internals.get().rebind(weight, weight.detach());
        module.registerBuffer(name + "_u", u);
        module.registerBuffer(name + "_v", v);
        fn.handle = module.registerForwardPreHook(fn);
    }

    /** The weight as a matrix: dim {@code dim} first, the other dims flattened (also the parametrization form's). */
    static Tensor matrix(Tensor weight, int dim) {
        Tensor w = weight;
        if (dim != 0) {
            int[] order = new int[w.dim()];
            order[0] = dim;
            for (int d = 0, k = 1; d < w.dim(); d++) if (d != dim) order[k++] = d;
            w = w.permute(order);
        }
        return w.reshape(w.size(0), -1);
    }

    private Tensor compute(Module module, boolean powerIteration) {
        Tensor weight = module.ownParameter(name + "_orig");
        Tensor u = module.buffer(name + "_u"), v = module.buffer(name + "_v");
        Tensor mat = matrix(weight, dim);
        if (powerIteration) {
            try (var noGrad = Torch.noGrad()) {
                for (int k = 0; k < nPowerIterations; k++) {
                    v.copy_(F.normalize(mat.t().mv(u), 2, 0, eps));
                    u.copy_(F.normalize(mat.mv(v), 2, 0, eps));
                }
                // copies, so that the buffers can be refined again in place before this graph's backward
                u = u.clone();
                v = v.clone();
            }
        }
        Tensor sigma = u.dot(mat.mv(v));
        return weight.div(sigma);
    }

    @Override
    public List<Object> apply(Module module, List<Object> args) {
        Internals.get().rebind(target, compute(module, module.isTraining()));
        return null;
    }

    /** Puts {@code name} back as a parameter holding name_orig / sigma (no power iteration), dropping the rest. */
    void remove(Module module) {
        try (var noGrad = Torch.noGrad()) {
            Internals.get().rebind(target, compute(module, false));
        }
        target.requiresGrad_();
        module.removeParameter(name + "_orig");
        module.removeBuffer(name + "_u");
        module.removeBuffer(name + "_v");
        module.registerParameter(name, target);
        handle.remove();
    }

    /** The dim PyTorch takes by default: 1 for transposed convolutions (their weight is [in, out, ...]), else 0. */
    static int defaultDim(Module module) {
        return module instanceof ConvTranspose1d || module instanceof ConvTranspose2d ? 1 : 0;
    }
}
