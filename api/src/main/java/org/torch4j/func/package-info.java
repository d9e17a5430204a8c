/**
 * {@code functorch} / {@code torch.func}: composable function transforms ({@link org.torch4j.func.Func}: grad,
 * vjp, jvp, jacrev, jacfwd, hessian, vmap) and modules as functions of their state (make_functional,
 * combine_state_for_ensemble), built on torch4j's reverse-mode autograd and
 * {@link org.torch4j.nn.Stateless#functionalCall}.
 */
@Export
@Version("0.2.0")
package org.torch4j.func;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
