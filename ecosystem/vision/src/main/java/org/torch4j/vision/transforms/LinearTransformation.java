package org.torch4j.vision.transforms;

import java.util.Arrays;
import java.util.function.UnaryOperator;
import org.torch4j.Tensor;

/**
 * {@code torchvision.transforms.LinearTransformation}: each image flattened to C*H*W values, the mean vector
 * subtracted and the result multiplied by a square matrix (a ZCA whitening, say), then shaped back.
 */
public final class LinearTransformation implements UnaryOperator<Tensor> {
    private final Tensor matrix, mean;

    /**
     * @param transformationMatrix [D, D] with D = C * H * W
     * @param meanVector [D]
     * @throws IllegalArgumentException for a matrix that is not square, a mean of another length, or different devices
     */
    public LinearTransformation(Tensor transformationMatrix, Tensor meanVector) {
        if (transformationMatrix.dim() != 2 || transformationMatrix.size(0) != transformationMatrix.size(1)) {
            throw new IllegalArgumentException("transformation_matrix should be square. Got " + Arrays.toString(transformationMatrix.shape())
                    + " rectangular matrix.");
        }
        if (meanVector.dim() != 1 || meanVector.size(0) != transformationMatrix.size(0)) {
            throw new IllegalArgumentException("mean_vector should have the same length " + (meanVector.dim() == 1 ? meanVector.size(0) : -1)
                    + " as any one of the dimensions of the transformation_matrix [" + transformationMatrix.size(0) + ", " + transformationMatrix.size(1) + "]");
        }
        if (!transformationMatrix.device().equals(meanVector.device())) {
            throw new IllegalArgumentException("Input tensors should be on the same device. Got " + transformationMatrix.device() + " and "
                    + meanVector.device());
        }
        this.matrix = transformationMatrix;
        this.mean = meanVector;
    }

    @Override
    public Tensor apply(Tensor img) {
        long[] shape = img.shape();
        if (shape.length < 3) throw new IllegalArgumentException("expected an image [..., C, H, W], got " + Arrays.toString(shape));
        long n = shape[shape.length - 3] * shape[shape.length - 2] * shape[shape.length - 1];
        if (n != matrix.size(0)) {
            throw new IllegalArgumentException("Input tensor and transformation matrix have incompatible shape.[" + shape[shape.length - 3] + " x "
                    + shape[shape.length - 2] + " x " + shape[shape.length - 1] + "] != " + matrix.size(0));
        }
        return img.reshape(-1, n).sub(mean).mm(matrix).reshape(shape);
    }
}
