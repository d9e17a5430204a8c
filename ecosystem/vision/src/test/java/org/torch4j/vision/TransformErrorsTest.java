package org.torch4j.vision;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.vision.transforms.ColorJitter;
import org.torch4j.vision.transforms.Functional;
import org.torch4j.vision.transforms.GaussianBlur;
import org.torch4j.vision.transforms.InterpolationMode;
import org.torch4j.vision.transforms.Normalize;
import org.torch4j.vision.transforms.RandomCrop;
import org.torch4j.vision.transforms.Resize;
import org.torch4j.vision.transforms.ToTensor;

/** Bad arguments and inputs fail with torchvision's messages; layouts convert as documented. */
class TransformErrorsTest {

    private static void fails(String message, Executable e) {
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class, e);
        assertTrue(x.getMessage().contains(message), x.getMessage());
    }

    @Test
    void badInputsNameTheProblem() {
        Tensor rgb = Torch.randint(0, 256, 3, 8, 10).to(DType.UINT8);
        fails("Input tensor should be a float tensor. Got uint8.", () -> new Normalize(new double[] {0.5}, new double[] {0.5}).apply(rgb));
        fails("std evaluated to zero after conversion to float32", () -> new Normalize(new double[] {0.5}, new double[] {0}).apply(Torch.rand(3, 2, 2)));
        fails("Required crop size (9, 11) is larger than input image size (8, 10)", () -> new RandomCrop(9, 11, null, false, 0, "constant").apply(rgb));
        fails("Padding mode should be either constant, edge, reflect or symmetric, got wrap", () -> new RandomCrop(4, 4, null, false, 0, "wrap"));
        fails("Antialias option is supported for bilinear and bicubic interpolation modes only",
                () -> new Resize(new int[] {4}, InterpolationMode.NEAREST, null, true));
        fails("max_size = 5 must be strictly greater than the requested size for the smaller edge size = [6]",
                () -> new Resize(new int[] {6}, InterpolationMode.BILINEAR, 5, false).apply(rgb));
        fails("Kernel size value should be an odd and positive number.", () -> new GaussianBlur(4));
        fails("hue values should be between (-0.5, 0.5)", () -> new ColorJitter(0, 0, 0, 0.6));
        fails("hue_factor (0.7) is not in [-0.5, 0.5].", () -> Functional.adjustHue(rgb, 0.7));
        fails("Input image tensor permitted channel values are [1, 3], but found 4",
                () -> Functional.adjustBrightness(Torch.rand(4, 3, 3), 0.5));
        fails("Padding size should be less than the corresponding input dimension", () -> Functional.pad(rgb, 10, 0, 10, 0, 0, "reflect"));
        fails("The number of elements in 'fill' cannot broadcast to match the number of channels of the image (2 != 3)",
                () -> Functional.rotate(rgb, 10, InterpolationMode.NEAREST, false, null, new double[] {1, 2}));
        fails("pic should be 2 or 3 dimensional. Got 4 dimensions", () -> new ToTensor().apply(Torch.rand(1, 3, 2, 2)));
        fails("The cast from torch.float32 to torch.int32 cannot be performed safely.",
                () -> Functional.convertImageDtype(Torch.rand(3, 2, 2), DType.INT32));
    }

    @Test
    void toTensorTakesChwHwcAndGrey() {
        Tensor chw = Torch.randint(0, 256, 3, 4, 5).to(DType.UINT8);
        Tensor hwc = chw.permute(1, 2, 0).contiguous();
        Tensor a = new ToTensor().apply(chw), b = ToTensor.fromHwc().apply(hwc);
        assertTrue(a.equal(b));
        assertTrue(a.equal(chw.toFloat().div(255.0)));
        assertArrayEquals(new long[] {1, 4, 5}, new ToTensor().apply(chw.select(0, 0)).shape());
    }

    @Test
    void batchedImagesTransformAsEachImage() {
        Tensor batch = Torch.rand(2, 3, 9, 7);
        Tensor r = Functional.resize(batch, 5, 4, InterpolationMode.BILINEAR, true);
        assertArrayEquals(new long[] {2, 3, 5, 4}, r.shape());
        assertTrue(r.select(0, 1).allclose(Functional.resize(batch.select(0, 1), 5, 4, InterpolationMode.BILINEAR, true), 0, 1e-7));
        Tensor g = Functional.gaussianBlur(batch, 3, 5, 1.0, 2.0);
        assertTrue(g.select(0, 0).allclose(Functional.gaussianBlur(batch.select(0, 0), 3, 5, 1.0, 2.0), 0, 1e-6));
    }
}
