package org.torch4j.nn;

import java.util.List;
import org.torch4j.Hook;
import org.torch4j.Tensor;
import org.torch4j.internal.Internals;

/**
 * The parametrizations of one tensor of a module ({@code torch.nn.utils.parametrize.ParametrizationList}):
 * the unconstrained {@code original} parameter and the parametrizations applied to it in order, registered
 * under the module's {@code parametrizations.<name>}. It owns the module's forward pre-hook that makes the
 * module's tensor object stand for the parametrized value before each forward.
 */
public final class ParametrizationList extends ModuleList {
    /** The module's own tensor object (its field), which stands for the parametrized value. */
    final Parameter target;
    private Hook hook;
    /** Set while {@link Stateless#functionalCall} gives the parametrized tensor a value of its own. */
    private boolean suspended;

    ParametrizationList(Parameter original, Module first, Parameter target) {
        super(first);
        registerParameter("original", original);
        this.target = target;
    }

    /** The unconstrained tensor the parametrizations start from ({@code original}). */
    public Parameter original() {
        return ownParameter("original");
    }

    /** The parametrized value: each parametrization applied in order, with its hooks, to the original. */
    public Tensor value() {
        Tensor x = original();
        for (Module m : this) x = m.call(x);
        return x;
    }

    /**
     * Sets the original so that the parametrized value becomes {@code value}: the right inverses applied in
     * reverse order, without recording gradients ({@code ParametrizationList.right_inverse}).
     */
    public void rightInverse(Tensor value) {
        List<Module> chain = children();
        try (var g = org.torch4j.Torch.noGrad()) {
            for (int i = chain.size() - 1; i >= 0; i--) {
                if (!(chain.get(i) instanceof RightInverse r)) {
                    throw new IllegalArgumentException("parametrization " + chain.get(i).getClass().getSimpleName()
                            + " does not implement right_inverse.");
                }
                value = r.rightInverse(value);
            }
            if (value.dtype() != original().dtype()) {
                throw new IllegalArgumentException("The tensor returned by `right_inverse` has dtype " + value.dtype()
                        + " while `original` has dtype " + original().dtype());
            }
            original().setData(value);
        }
    }

    /** Makes the module's tensor object stand for the parametrized value (cached within {@link Parametrize#cached}). */
    void bind() {
        Internals.get().rebind(target, Parametrize.evaluate(this));
    }

    void attach(Module owner) {
        hook = owner.registerForwardPreHook((module, args) -> {
            if (!suspended) bind();
            return null;
        });
    }

    /**
     * Turns the pre-hook's rebinding off (PyTorch 1.13: a value given for the parametrized name replaces it) or on;
     * returns whether it was off, for nested calls to put back.
     */
    boolean suspend(boolean suspend) {
        boolean was = suspended;
        suspended = suspend;
        return was;
    }

    void detach() {
        hook.remove();
    }
}
