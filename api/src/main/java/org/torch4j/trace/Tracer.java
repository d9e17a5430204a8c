package org.torch4j.trace;

import org.torch4j.spi.Strided;

/**
 * Receives the ops of a forward pass traced on one thread (see {@link Trace#start}).
 *
 * <p>Only top-level ops are reported: while a recorded op runs, the ops it is built from run
 * untraced, so a composite such as {@code aten::layer_norm} arrives once, not as its means and
 * products.
 */
public interface Tracer {

    /**
     * An op ran.
     *
     * @param op     PyTorch's name, e.g. {@code aten::add}, {@code aten::_convolution}; in-place forms end in {@code _}
     * @param args   the op's arguments in order: tensors, {@code null}s, boxed numbers, arrays, strings, lists,
     *               dtypes or modules, as the op's entry point documents them
     * @param result what the op returned: a tensor, an array or list of tensors, or a record of tensors
     */
    void record(String op, Object[] args, Object result);

    /**
     * A kernel outside any recorded op is about to read or write {@code s}. A tracer throws when
     * {@code s} holds a traced value: the computation would be invisible to it and its result would
     * otherwise be baked into the export as a constant.
     */
    void access(Strided s);
}
