package org.torch4j.nn;

import org.torch4j.Tensor;

/**
 * A module whose parameters take their shapes from its first input ({@code torch.nn.modules.lazy.LazyModuleMixin}):
 * until the first forward its parameters are uninitialised ({@link Parameter#isUninitialized()}) and its
 * running statistics {@link UninitializedBuffer}s; the first forward infers the input size, materialises
 * them and initialises them as the ordinary module does (drawing the same random numbers in the same
 * order), after which the module prints and behaves as the ordinary module. Loading a state dict into an
 * uninitialised lazy module gives its tensors the loaded shapes.
 */
public interface LazyModule {

    /** Whether any of this module's own parameters or buffers is still uninitialised. */
    boolean hasUninitializedParams();

    /**
     * Infers the input size from {@code input} and materialises and initialises the uninitialised tensors
     * ({@code initialize_parameters}); does nothing when none is left. The first forward calls it.
     */
    void initializeParameters(Tensor input);
}
