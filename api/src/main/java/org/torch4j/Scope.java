package org.torch4j;

import java.util.ArrayList;
import java.util.List;

/**
 * A region of code whose tensors are released when it closes: {@code try (var scope = Torch.scope())}.
 * Every tensor created on this thread while the scope is the innermost one belongs to it; closing the
 * scope closes each of them that was not {@linkplain #keep kept}. A kept tensor moves to the enclosing
 * scope (or, at the outermost scope, is left to the garbage collector).
 *
 * <p>Scopes are per thread and nest. Device memory (CUDA) is what they are for: host memory is
 * reclaimed by the garbage collector anyway, but a long loop written naturally should not make the
 * collector do all the work. Tensors stored by the library itself (a parameter's {@code grad},
 * optimizer state, module buffers) are kept automatically.
 */
public final class Scope implements AutoCloseable {

    private static final ThreadLocal<Scope> CURRENT = new ThreadLocal<>();

    private final Scope parent;
    private final Thread owner;
    private final List<Tensor> tensors = new ArrayList<>();
    private boolean closed;

    private Scope(Scope parent) {
        this.parent = parent;
        this.owner = Thread.currentThread();
    }

    static Scope open() {
        Scope s = new Scope(CURRENT.get());
        CURRENT.set(s);
        return s;
    }

    /** Called for every new tensor. */
    static void adopt(Tensor t) {
        Scope s = CURRENT.get();
        if (s != null) {
            s.tensors.add(t);
            t.scope = s;
        }
    }

    /** Moves {@code t} out of whichever scope holds it, into that scope's parent. */
    static void release(Tensor t) {
        Scope s = t.scope;
        if (s == null) return;
        t.scope = s.parent;
        if (s.parent != null) s.parent.tensors.add(t);
    }

    /** Keeps {@code t} alive past this scope; returns it for chaining. */
    public Tensor keep(Tensor t) {
        if (t.scope == this) release(t);
        return t;
    }

    /** The number of tensors this scope still owns. */
    public int size() {
        int n = 0;
        for (Tensor t : tensors) if (t.scope == this && !t.isClosed()) n++;
        return n;
    }

    @Override
    public void close() {
        if (closed) return;
        if (Thread.currentThread() != owner) {
            throw new IllegalStateException("a Scope must be closed on the thread that opened it (" + owner.getName() + ")");
        }
        closed = true;
        if (CURRENT.get() == this) CURRENT.set(parent);
        for (Tensor t : tensors) {
            if (t.scope == this) t.close();
        }
        tensors.clear();
    }
}
