package org.torch4j.vision.transforms;

import java.util.Arrays;
import java.util.function.UnaryOperator;
import org.torch4j.DType;
import org.torch4j.Tensor;

/**
 * A uint8 image to float32 in [0, 1] ({@code torchvision.transforms.ToTensor}): [C, H, W] or [H, W]
 * by default (what {@link org.torch4j.vision.io.Images#read} gives), or [H, W, C] arrays, as PIL/NumPy
 * images are laid out, with {@link #fromHwc()}. Floating images pass unchanged.
 */
public final class ToTensor implements UnaryOperator<Tensor> {
    private final boolean hwc;

    /** Takes [C, H, W] (or [H, W]) images. */
    public ToTensor() {
        this(false);
    }

    private ToTensor(boolean hwc) {
        this.hwc = hwc;
    }

    /** Takes [H, W, C] (or [H, W]) images and returns [C, H, W]. */
    public static ToTensor fromHwc() {
        return new ToTensor(true);
    }

    /** The image as float32 [C, H, W] with values divided by 255. */
    @Override
    public Tensor apply(Tensor img) {
        if (img.dim() != 2 && img.dim() != 3) {
            throw new IllegalArgumentException("pic should be 2 or 3 dimensional. Got " + img.dim() + " dimensions " + Arrays.toString(img.shape()));
        }
        Tensor chw = img.dim() == 2 ? img.unsqueeze(0) : hwc ? img.permute(2, 0, 1).contiguous() : img;
        if (chw.isFloatingPoint()) return chw;
        if (chw.dtype() != DType.UINT8) throw new IllegalArgumentException("ToTensor expects a uint8 or floating image, got " + chw.dtype().torchName());
        return Functional.toFloat(chw);
    }
}
