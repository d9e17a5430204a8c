package org.torch4j.distributions;

import java.util.Arrays;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * Reshapes the rightmost {@code inShape} dims of a tensor to {@code outShape} ({@code torch.distributions.transforms.ReshapeTransform}):
 * a bijection with log-Jacobian 0, whose events are the two shapes.
 */
public final class ReshapeTransform implements Transform {
    private final long[] inShape;
    private final long[] outShape;

    /**
     * The map from events of {@code inShape} to events of {@code outShape}.
     *
     * @throws IllegalArgumentException with PyTorch's message when the shapes hold different numbers of elements
     */
    public ReshapeTransform(long[] inShape, long[] outShape) {
        if (Arrays.stream(inShape).reduce(1, (a, b) -> a * b) != Arrays.stream(outShape).reduce(1, (a, b) -> a * b)) {
            throw new IllegalArgumentException("in_shape, out_shape have different numbers of elements");
        }
        this.inShape = inShape.clone();
        this.outShape = outShape.clone();
    }

    private static long[] replaceTail(long[] shape, int tail, long[] with) {
        return Util.concat(batchShape(shape, tail), with);
    }

    /** shape without its last {@code tail} dims, which an input of this transform must have. */
    private static long[] batchShape(long[] shape, int tail) {
        if (shape.length < tail) {
            throw new IllegalArgumentException("ReshapeTransform expects an input of at least " + tail + " dims, got shape " + Arrays.toString(shape));
        }
        return Arrays.copyOf(shape, shape.length - tail);
    }

    @Override
    public Tensor forward(Tensor x) {
        return x.reshape(replaceTail(x.shape(), inShape.length, outShape));
    }

    @Override
    public Tensor inverse(Tensor y) {
        return y.reshape(replaceTail(y.shape(), outShape.length, inShape));
    }

    /** Zeros of x's batch shape: reshaping preserves volume. */
    @Override
    public Tensor logAbsDetJacobian(Tensor x, Tensor y) {
        return x.newZeros(batchShape(x.shape(), inShape.length));
    }

    @Override
    public Constraint domain() {
        return Constraint.independent(Constraint.REAL, inShape.length);
    }

    @Override
    public Constraint codomain() {
        return Constraint.independent(Constraint.REAL, outShape.length);
    }

    @Override
    public long[] forwardShape(long[] shape) {
        return reshaped(shape, inShape, outShape);
    }

    @Override
    public long[] inverseShape(long[] shape) {
        return reshaped(shape, outShape, inShape);
    }

    /** {@code shape} with its tail {@code from} replaced by {@code to}, with PyTorch's messages. */
    private static long[] reshaped(long[] shape, long[] from, long[] to) {
        if (shape.length < from.length) throw new IllegalArgumentException("Too few dimensions on input");
        long[] tail = Arrays.copyOfRange(shape, shape.length - from.length, shape.length);
        if (!Arrays.equals(tail, from)) {
            throw new IllegalArgumentException("Shape mismatch: expected " + Util.size(tail) + " but got " + Util.size(from));
        }
        return replaceTail(shape, from.length, to);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReshapeTransform r && Arrays.equals(inShape, r.inShape) && Arrays.equals(outShape, r.outShape);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(inShape) + Arrays.hashCode(outShape);
    }

    /** {@code ReshapeTransform()}, PyTorch's repr. */
    @Override
    public String toString() {
        return "ReshapeTransform()";
    }
}
