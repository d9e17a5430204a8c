package org.torch4j.onnx.export;

/**
 * Where the dynamic (batch) dimension sits in a traced value: dim {@code axis} has size
 * {@code outer * B * inner}, B being the batch size, so that reshapes that fold the batch into other
 * dims ([L, N*H, d] in attention) can still be written with a -1 in its place.
 *
 * @param axis  the dim holding the batch
 * @param outer the factor folded into that dim outside the batch
 * @param inner the factor folded into that dim inside the batch
 */
public record Dyn(int axis, long outer, long inner) {

    /** The batch alone at {@code axis}. */
    public static Dyn at(int axis) {
        return new Dyn(axis, 1, 1);
    }

    /** This with another axis. */
    public Dyn moved(int newAxis) {
        return new Dyn(newAxis, outer, inner);
    }

    /** True when the dim is the batch alone (no folded factors). */
    public boolean pure() {
        return outer == 1 && inner == 1;
    }
}
