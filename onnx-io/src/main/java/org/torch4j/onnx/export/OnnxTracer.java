package org.torch4j.onnx.export;

import org.torch4j.Tensor;
import org.torch4j.onnx.OnnxException;
import org.torch4j.spi.Strided;
import org.torch4j.trace.Tracer;

/**
 * Builds an ONNX graph from the ops of one traced forward pass. An op whose arguments are all
 * constants (not model inputs, parameters or results of exported ops) is left to run: its result is
 * a constant, written as an initializer where it is used. Any other op needs a symbolic function;
 * one without, or a kernel touching input-derived data outside a recorded op, is an error naming it.
 */
public final class OnnxTracer implements Tracer {
    private final GraphBuilder g;
    private final SymbolicTable table;

    public OnnxTracer(GraphBuilder g, SymbolicTable table) {
        this.g = g;
        this.table = table;
    }

    @Override
    public void record(String op, Object[] args, Object result) {
        boolean graph = false, derived = false;
        for (Object a : args) {
            for (Tensor t : GraphBuilder.tensorsOf(a)) {
                graph |= g.isGraphValue(t);
                derived |= g.fromInputs(t);
            }
        }
        if (!graph && !derived) return;
        Symbolic s = table.get(op);
        if (s == null) throw new OnnxException(op + " has no ONNX export (in this exporter); it was applied to a traced value");
        g.opFromInputs(derived);
        s.emit(new Call(op, args, result), g);
    }

    @Override
    public void access(Strided s) {
        if (!g.fromInputs(s.storage())) return;
        String where = StackWalker.getInstance().walk(frames -> {
            // the outermost Tensor/Torch/F call of the run of api frames below the caller
            String found = null;
            for (StackWalker.StackFrame f : (Iterable<StackWalker.StackFrame>) frames::iterator) {
                String cls = f.getClassName();
                boolean api = cls.equals("org.torch4j.Tensor") || cls.equals("org.torch4j.Torch") || cls.equals("org.torch4j.nn.F");
                boolean core = cls.startsWith("org.torch4j.") && cls.indexOf('.', "org.torch4j.".length()) < 0
                        || cls.startsWith("org.torch4j.trace.") || cls.startsWith("org.torch4j.onnx.export.");
                if (api) found = cls.substring(cls.lastIndexOf('.') + 1) + "." + f.getMethodName();
                else if (!core) break;
            }
            return found;
        });
        String op = where == null ? "an operation" : "aten::" + snake(where.substring(where.indexOf('.') + 1)) + " (" + where + ")";
        throw new OnnxException(op + " has no ONNX export: it read a value computed from the traced inputs outside any op "
                + "the exporter records, so its result cannot be written into the graph (and is never baked in as a constant)");
    }

    private static String snake(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase();
    }

}
