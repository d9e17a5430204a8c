package org.torch4j.nn;

import java.util.List;
import org.torch4j.Tensor;

/** Modules applied in order ({@code torch.nn.Sequential}); children are named "0", "1", ... */
public class Sequential extends Module {

    /** A container applying {@code modules} in the given order, registered as children "0", "1", ... */
    public Sequential(Module... modules) {
        for (int i = 0; i < modules.length; i++) registerModule(Integer.toString(i), modules[i]);
    }

    /** The same as {@link #Sequential(Module...)}. */
    public static Sequential of(Module... modules) {
        return new Sequential(modules);
    }

    /** Appends a module; returns this. */
    public Sequential add(Module m) {
        registerModule(Integer.toString(size()), m);
        return this;
    }

    /**
     * The {@code i}-th module ({@code seq[i]}); negative counts from the end.
     *
     * @param i the index
     * @return the module
     * @throws IndexOutOfBoundsException if {@code i} is out of range, as PyTorch words it
     */
    public Module get(int i) {
        List<Module> c = children();
        if (i < -c.size() || i >= c.size()) throw new IndexOutOfBoundsException("index " + i + " is out of range");
        return c.get(i < 0 ? i + c.size() : i);
    }

    /** The number of modules ({@code len(seq)}). */
    public int size() {
        return children().size();
    }

    @Override
    public Tensor forward(Tensor input) {
        Tensor x = input;
        for (Module m : children()) x = m.call(x);
        return x;
    }
}
