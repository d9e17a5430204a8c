package org.torch4j;

import java.util.List;

/**
 * The public face of an autograd graph node ({@code tensor.grad_fn} in PyTorch): the op that made a
 * tensor, named as PyTorch names its backward nodes ({@code MulBackward0}, {@code AccumulateGrad}).
 */
public interface GradFn {

    /** PyTorch's class name of the node, e.g. {@code "AddBackward0"}. */
    String name();

    /** The nodes this one passes gradients to, one per input (null where an input needs none). */
    List<GradFn> nextFunctions();
}
