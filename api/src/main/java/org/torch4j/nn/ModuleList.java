package org.torch4j.nn;

import java.util.Iterator;
import java.util.List;

/** A list of submodules registered as "0", "1", ... ({@code torch.nn.ModuleList}). */
public class ModuleList extends Module implements Iterable<Module> {

    public ModuleList(Module... modules) {
        for (Module m : modules) add(m);
    }

    public ModuleList add(Module m) {
        registerModule(Integer.toString(size()), m);
        return this;
    }

    public Module get(int i) {
        List<Module> c = children();
        return c.get(i < 0 ? i + c.size() : i);
    }

    public int size() {
        return children().size();
    }

    @Override
    public Iterator<Module> iterator() {
        return children().iterator();
    }
}
