package org.torch4j.nn;

import java.util.Iterator;
import java.util.List;

/** A list of submodules registered as "0", "1", ... ({@code torch.nn.ModuleList}). */
public class ModuleList extends Module implements Iterable<Module> {

    /** A list holding {@code modules}, registered as children "0", "1", ... */
    public ModuleList(Module... modules) {
        for (Module m : modules) add(m);
    }

    /** Appends {@code m} ({@code ModuleList.append}); returns this list. */
    public ModuleList add(Module m) {
        registerModule(Integer.toString(size()), m);
        return this;
    }

    /**
     * The {@code i}-th module ({@code list[i]}); negative counts from the end.
     *
     * @throws IndexOutOfBoundsException if {@code i} is out of range (Java's message, not PyTorch's)
     */
    public Module get(int i) {
        List<Module> c = children();
        if (i < -c.size() || i >= c.size()) throw new IndexOutOfBoundsException("index " + i + " is out of range");
        return c.get(i < 0 ? i + c.size() : i);
    }

    /** The number of modules ({@code len(list)}). */
    public int size() {
        return children().size();
    }

    @Override
    public Iterator<Module> iterator() {
        return children().iterator();
    }
}
