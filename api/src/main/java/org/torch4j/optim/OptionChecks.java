package org.torch4j.optim;

/**
 * The argument checks the optimizers share, worded as PyTorch 1.13's {@code ValueError}s. They are
 * written {@code !(0.0 <= v)} as PyTorch's {@code not 0.0 <= v}, so that NaN is refused too.
 */
final class OptionChecks {
    private OptionChecks() {}

    /** {@code Invalid <what>: <v>} unless {@code v >= 0} ({@code what}: "learning rate", "epsilon value", ...). */
    static void nonNegative(double v, String what) {
        if (!(0.0 <= v)) throw new IllegalArgumentException("Invalid " + what + ": " + Py.repr(v));
    }

    /** Adam's check of {@code betas[index]}: {@code 0 <= beta < 1}. */
    static void beta(double v, int index) {
        if (!(0.0 <= v && v < 1.0)) throw new IllegalArgumentException("Invalid beta parameter at index " + index + ": " + Py.repr(v));
    }

    /** The checks of Adam and its relatives (Adamax, NAdam, RAdam), in PyTorch's order. */
    static void adamLike(double lr, double eps, double beta1, double beta2, double weightDecay) {
        nonNegative(lr, "learning rate");
        nonNegative(eps, "epsilon value");
        beta(beta1, 0);
        beta(beta2, 1);
        nonNegative(weightDecay, "weight_decay value");
    }

    /**
     * Refuses a complex parameter, for the optimizers whose PyTorch 1.13 form has no complex support
     * (NAdam, RAdam run complex arithmetic on the gradient there, squaring it instead of its modulus).
     */
    static void realOnly(String optimizer, ParamGroup group) {
        for (var p : group.params()) {
            if (p.isComplex()) {
                throw new IllegalArgumentException(optimizer + " does not support complex parameters (PyTorch 1.13's "
                        + optimizer + " squares a complex gradient instead of taking its modulus)");
            }
        }
    }
}
