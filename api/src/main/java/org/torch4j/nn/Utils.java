package org.torch4j.nn;

import java.util.ArrayList;
import java.util.List;
import org.torch4j.Device;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * {@code torch.nn.utils}: reparametrisations of a module's parameter by a forward pre-hook
 * ({@link #weightNorm}, {@link #spectralNorm}) and the flattening of parameters into one vector and
 * back. (Gradient clipping is {@link ClipGrad}; packed sequences are {@link PackedSequence}.)
 *
 * <p>As in PyTorch, a reparametrised parameter leaves the module's parameters (the new ones take its
 * place in {@link Module#parameters()} and the state dict), so apply these before building an
 * optimizer. The module's field (e.g. {@code linear.weight}) stays the same object and holds the
 * recomputed weight after each call. One difference from PyTorch follows: a graph that a call built and
 * that has not been differentiated yet reads that object, so change g and v (or name_orig) only after
 * its backward, as a training step does; PyTorch's older graph would keep the older weight.
 */
public final class Utils {
    private Utils() {}

    /** {@code weight_norm(module)}: the parameter "weight", normalised per slice of dim 0. */
    public static <M extends Module> M weightNorm(M module) {
        return weightNorm(module, "weight", 0);
    }

    /**
     * {@code weight_norm(module, name, dim)}: replaces parameter {@code name} by {@code name_g} (the norm of
     * each slice along {@code dim}) and {@code name_v} (the tensor itself), recomputing
     * {@code name = name_v * (name_g / ||name_v||)} before every forward.
     *
     * @param dim the dim whose slices are normalised separately; null (or -1, as PyTorch) for the whole tensor
     * @return module
     * @throws IllegalArgumentException when the module has no parameter {@code name}, or it is already normalised
     */
    public static <M extends Module> M weightNorm(M module, String name, Integer dim) {
        WeightNorm.apply(module, name, dim == null ? -1 : dim);
        return module;
    }

    /** {@code remove_weight_norm(module)} for the parameter "weight". */
    public static <M extends Module> M removeWeightNorm(M module) {
        return removeWeightNorm(module, "weight");
    }

    /**
     * {@code remove_weight_norm(module, name)}: makes {@code name} a parameter again, holding its current value.
     *
     * @throws IllegalArgumentException when {@code name} is not weight-normalised
     */
    public static <M extends Module> M removeWeightNorm(M module, String name) {
        for (ForwardPreHook h : module.forwardPreHooks()) {
            if (h instanceof WeightNorm w && w.name.equals(name)) {
                w.remove(module);
                return module;
            }
        }
        throw new IllegalArgumentException("weight_norm of '" + name + "' not found in " + module);
    }

    /** {@code spectral_norm(module)}: the parameter "weight", one power iteration per training forward, eps 1e-12. */
    public static <M extends Module> M spectralNorm(M module) {
        return spectralNorm(module, "weight", 1, 1e-12, null);
    }

    /**
     * {@code spectral_norm(module, name, n_power_iterations, eps, dim)}: moves parameter {@code name} to
     * {@code name_orig} and divides it by its largest singular value before every forward, estimated by
     * power iteration with the buffers {@code name_u} and {@code name_v} (drawn now from the default
     * generator, in PyTorch's order, and refined in place by each forward in training mode).
     *
     * @param dim the dim that becomes the rows of the matrix; null for PyTorch's default (1 for a transposed
     *     convolution, else 0)
     * @return module
     * @throws IllegalArgumentException for nPowerIterations below 1, a missing parameter, or a second spectral norm of it
     */
    public static <M extends Module> M spectralNorm(M module, String name, int nPowerIterations, double eps, Integer dim) {
        SpectralNorm.apply(module, name, nPowerIterations, eps, dim == null ? SpectralNorm.defaultDim(module) : dim);
        return module;
    }

    /** {@code remove_spectral_norm(module)} for the parameter "weight". */
    public static <M extends Module> M removeSpectralNorm(M module) {
        return removeSpectralNorm(module, "weight");
    }

    /**
     * {@code remove_spectral_norm(module, name)}: makes {@code name} a parameter again, holding
     * name_orig / sigma with the current u and v (no further power iteration).
     *
     * @throws IllegalArgumentException when {@code name} is not spectrally normalised
     */
    public static <M extends Module> M removeSpectralNorm(M module, String name) {
        for (ForwardPreHook h : module.forwardPreHooks()) {
            if (h instanceof SpectralNorm s && s.name.equals(name)) {
                s.remove(module);
                return module;
            }
        }
        throw new IllegalArgumentException("spectral_norm of '" + name + "' not found in " + module);
    }

    /**
     * {@code parameters_to_vector}: every tensor flattened and concatenated, in order (a new tensor,
     * recorded, of the promoted dtype).
     *
     * @throws IllegalArgumentException when the tensors are on different devices
     */
    public static Tensor parametersToVector(Iterable<? extends Tensor> parameters) {
        List<Tensor> flat = new ArrayList<>();
        Device device = null;
        for (Tensor p : parameters) {
            if (device != null && !device.equals(p.device())) {
                throw new IllegalArgumentException("Found two parameters on different devices, this is currently not supported.");
            }
            device = p.device();
            flat.add(p.reshape(-1));
        }
        return Torch.cat(flat, 0);
    }

    /**
     * {@code vector_to_parameters}: each parameter in turn takes the next {@code numel} values of
     * {@code vec} ({@code param.data = ...}: a view of vec, as PyTorch, not a copy).
     *
     * @param vec a 1-d tensor holding at least as many values as the parameters together
     * @throws IllegalArgumentException when the parameters are on different devices
     */
    public static void vectorToParameters(Tensor vec, Iterable<Parameter> parameters) {
        long at = 0;
        Device device = null;
        for (Parameter p : parameters) {
            if (device != null && !device.equals(p.device())) {
                throw new IllegalArgumentException("Found two parameters on different devices, this is currently not supported.");
            }
            device = p.device();
            long n = p.numel();
            p.setData(vec.narrow(0, at, n).view(p.shape()));
            at += n;
        }
    }
}
