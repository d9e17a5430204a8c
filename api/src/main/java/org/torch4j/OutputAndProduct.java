package org.torch4j;

/**
 * The result of the single-tensor forms of {@link AutogradFunctional#vjp}, {@code jvp}, {@code vhp} and
 * {@code hvp}: the function's output and the product PyTorch returns beside it ({@code (func_output, vjp)}).
 *
 * @param output the function's output at the inputs
 * @param product the vector-Jacobian, Jacobian-vector, vector-Hessian or Hessian-vector product
 */
public record OutputAndProduct(Tensor output, Tensor product) {}
