package org.torch4j.onnx.export;

import java.util.HashMap;
import java.util.Map;
import org.torch4j.onnx.export.symbolics.ElementwiseSymbolics;
import org.torch4j.onnx.export.symbolics.LinearSymbolics;
import org.torch4j.onnx.export.symbolics.LossSymbolics;
import org.torch4j.onnx.export.symbolics.NormSymbolics;
import org.torch4j.onnx.export.symbolics.ConvPoolSymbolics;
import org.torch4j.onnx.export.symbolics.DetectionSymbolics;
import org.torch4j.onnx.export.symbolics.RecurrentSymbolics;
import org.torch4j.onnx.export.symbolics.QuantizedSymbolics;
import org.torch4j.onnx.export.symbolics.ReductionSymbolics;
import org.torch4j.onnx.export.symbolics.ShapeSymbolics;
import org.torch4j.onnx.export.symbolics.TableSymbolics;

/** The symbolic function of every exportable op, by PyTorch name; each family registers its own. */
public final class SymbolicTable {
    private final Map<String, Symbolic> table = new HashMap<>();

    /** The table with every family registered. */
    public static SymbolicTable standard() {
        SymbolicTable t = new SymbolicTable();
        ElementwiseSymbolics.register(t);
        ShapeSymbolics.register(t);
        LinearSymbolics.register(t);
        ReductionSymbolics.register(t);
        ConvPoolSymbolics.register(t);
        NormSymbolics.register(t);
        TableSymbolics.register(t);
        RecurrentSymbolics.register(t);
        LossSymbolics.register(t);
        DetectionSymbolics.register(t);
        QuantizedSymbolics.register(t);
        return t;
    }

    /** Registers {@code s} for {@code op}. */
    public void put(String op, Symbolic s) {
        table.put(op, s);
    }

    /** The symbolic of {@code op}, or null when it has no ONNX export. */
    public Symbolic get(String op) {
        return table.get(op);
    }
}
