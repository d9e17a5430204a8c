package org.torch4j.nn;

/**
 * {@code torch.nn.utils.parametrizations} of PyTorch 1.13: the parametrizations registered through
 * {@link Parametrize}. PyTorch 1.13 has {@code orthogonal} and {@code spectral_norm} here (its
 * {@code weight_norm} is the hook form, {@link Utils#weightNorm}).
 */
public final class Parametrizations {
    private Parametrizations() {}

    /** {@code spectral_norm(module)}: the parameter "weight", one power iteration per training forward, eps 1e-12. */
    public static <M extends Module> M spectralNorm(M module) {
        return spectralNorm(module, "weight", 1, 1e-12, null);
    }

    /**
     * {@code spectral_norm(module, name, n_power_iterations, eps, dim)} in its parametrization form: the parameter
     * {@code name} is divided by its spectral norm, estimated by power iteration (buffers
     * {@code parametrizations.<name>.0._u} and {@code _v}, drawn from the default generator as PyTorch draws them).
     *
     * @param dim the dim of output units; null: 1 for transposed convolutions, else 0
     * @return the module
     */
    public static <M extends Module> M spectralNorm(M module, String name, int nPowerIterations, double eps, Integer dim) {
        Parameter weight = module.ownParameter(name);
        ParametrizationList list = Parametrize.list(module, name);
        org.torch4j.Tensor value = list != null ? Parametrize.get(module, name) : weight;
        if (value == null) throw new IllegalArgumentException("Module '" + module + "' has no parameter or buffer with name '" + name + "'");
        int d = dim != null ? dim : module instanceof ConvTranspose1d || module instanceof ConvTranspose2d || module instanceof ConvTranspose3d ? 1 : 0;
        return Parametrize.registerParametrization(module, name, new SpectralNormParametrization(value, nPowerIterations, d, eps));
    }

    /** {@code orthogonal(module)}: the parameter "weight", the default map, with the trivialization. */
    public static <M extends Module> M orthogonal(M module) {
        return orthogonal(module, "weight", null, true);
    }

    /**
     * {@code orthogonal(module, name, orthogonal_map, use_trivialization)}: the parameter {@code name} (a matrix or a
     * batch of them) constrained to orthonormal columns, or rows when wide.
     *
     * @param orthogonalMap "matrix_exp", "cayley" or "householder"; null: matrix_exp for square matrices, else householder
     * @param useTrivialization whether the result is {@code base @ Q} with an orthogonal buffer {@code base} (the default);
     *                          without it only the matrix exponential and Cayley maps are available here
     * @return the module
     */
    public static <M extends Module> M orthogonal(M module, String name, String orthogonalMap, boolean useTrivialization) {
        org.torch4j.Tensor weight = Parametrize.isParametrized(module, name) ? Parametrize.get(module, name) : module.ownParameter(name);
        if (weight == null) throw new IllegalArgumentException("Module '" + module + "' has no parameter or buffer with name '" + name + "'");
        if (weight.dim() < 2) {
            throw new IllegalArgumentException("Expected a matrix or batch of matrices. Got a tensor of " + weight.dim() + " dimensions.");
        }
        String map = orthogonalMap != null ? orthogonalMap : weight.size(-2) == weight.size(-1) ? "matrix_exp" : "householder";
        OrthogonalParametrization.Map m = switch (map) {
            case "matrix_exp" -> OrthogonalParametrization.Map.MATRIX_EXP;
            case "cayley" -> OrthogonalParametrization.Map.CAYLEY;
            case "householder" -> OrthogonalParametrization.Map.HOUSEHOLDER;
            default -> throw new IllegalArgumentException("orthogonal_map has to be one of \"matrix_exp\", \"cayley\", \"householder\". Got: "
                    + map);
        };
        return Parametrize.registerParametrization(module, name, new OrthogonalParametrization(weight, m, useTrivialization), true);
    }
}
