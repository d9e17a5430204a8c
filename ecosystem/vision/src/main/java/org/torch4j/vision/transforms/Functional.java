package org.torch4j.vision.transforms;

import java.util.Arrays;
import java.util.List;
import org.torch4j.DType;
import org.torch4j.Index;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.F;

/**
 * The functional forms of the transforms ({@code torchvision.transforms.functional}, tensor path) on
 * [..., C, H, W] images, uint8 or floating. Integer images are computed in float32 and rounded back,
 * as torchvision does; errors use torchvision's wording.
 */
public final class Functional {
    private Functional() {}

    // ---- shape helpers -------------------------------------------------------------------------

    static void checkImage(Tensor img) {
        if (img.dim() < 2) throw new IllegalArgumentException("Tensor is not a torch image: expected [..., H, W], got " + Arrays.toString(img.shape()));
    }

    static int channels(Tensor img) {
        return img.dim() == 2 ? 1 : (int) img.size(-3);
    }

    static int height(Tensor img) {
        return (int) img.size(-2);
    }

    static int width(Tensor img) {
        return (int) img.size(-1);
    }

    private static double maxValue(DType dtype) {
        return dtype == DType.UINT8 ? 255 : dtype.isFloatingPoint() ? 1.0 : Double.NaN;
    }

    private static void checkChannels(Tensor img, int... allowed) {
        int c = channels(img);
        for (int a : allowed) if (a == c) return;
        throw new IllegalArgumentException("Input image tensor permitted channel values are " + Arrays.toString(allowed) + ", but found " + c);
    }

    /** Float32 for integer images (to be rounded back by {@link #castBack}), else the image itself. */
    private static Tensor castIn(Tensor img) {
        return img.isFloatingPoint() ? img : img.to(DType.FLOAT32);
    }

    private static Tensor castBack(Tensor result, DType dtype) {
        if (result.dtype() == dtype) return result;
        return dtype.isFloatingPoint() ? result.to(dtype) : result.round().to(dtype);
    }

    /** A float32 copy of the image's values, contiguous. */
    private static float[] floats(Tensor img) {
        return img.contiguous().toFloatArray();
    }

    private static Tensor fromFloats(float[] data, Tensor like, long h, long w) {
        long[] shape = like.shape().clone();
        shape[shape.length - 2] = h;
        shape[shape.length - 1] = w;
        return Torch.tensor(data, shape).to(like.device());
    }

    // ---- conversion and normalisation ------------------------------------------------------------

    /** uint8 to float32 in [0, 1] ({@code convert_image_dtype}); floating images are returned as they are. */
    public static Tensor toFloat(Tensor img) {
        if (img.isFloatingPoint()) return img;
        if (img.dtype() != DType.UINT8) throw new IllegalArgumentException("expected a uint8 or floating image, got " + img.dtype().torchName());
        return img.to(DType.FLOAT32).div(255.0);
    }

    /** {@code (img - mean[c]) / std[c]} per channel of a floating image. */
    public static Tensor normalize(Tensor img, double[] mean, double[] std) {
        if (!img.isFloatingPoint()) throw new IllegalArgumentException("Input tensor should be a float tensor. Got " + img.dtype().torchName() + ".");
        if (img.dim() < 3) {
            throw new IllegalArgumentException("Expected tensor to be a tensor image of size (..., C, H, W). Got tensor.size() = "
                    + Arrays.toString(img.shape()) + ".");
        }
        Tensor m = Torch.tensor(mean, mean.length).to(img), s = Torch.tensor(std, std.length).to(img);
        if (s.eq(0.0).any().itemBool()) {
            throw new IllegalArgumentException("std evaluated to zero after conversion to " + img.dtype().torchName() + ", leading to division by zero.");
        }
        return img.sub(m.view(-1, 1, 1)).div(s.view(-1, 1, 1));
    }

    // ---- geometry ---------------------------------------------------------------------------------

    /** The mirror image along the width ({@code hflip}). */
    public static Tensor hflip(Tensor img) {
        checkImage(img);
        return img.flip(-1);
    }

    /**
     * The output size {@code [h, w]} of {@code resize}: two sizes are taken as they are; one is the
     * smaller edge's (the other keeps the aspect ratio, truncated), capped by {@code maxSize} when given.
     */
    public static int[] resizedSize(int h, int w, int[] size, Integer maxSize) {
        if (size.length == 2) {
            if (maxSize != null) {
                throw new IllegalArgumentException("max_size should only be passed if size specifies the length of the smaller edge, "
                        + "i.e. size should be an int or a sequence of length 1 in torchscript mode.");
            }
            return new int[] {size[0], size[1]};
        }
        if (size.length != 1) throw new IllegalArgumentException("Size must be an int or a 1 or 2 element tuple/list, not a " + size.length + " element tuple/list");
        int shortSide = Math.min(w, h), longSide = Math.max(w, h);
        int newShort = size[0], newLong = (int) ((long) newShort * longSide / (double) shortSide);
        if (maxSize != null) {
            if (maxSize <= newShort) {
                throw new IllegalArgumentException("max_size = " + maxSize + " must be strictly greater than the requested size for the smaller edge size = "
                        + Arrays.toString(size));
            }
            if (newLong > maxSize) {
                newShort = (int) ((long) maxSize * newShort / (double) newLong);
                newLong = maxSize;
            }
        }
        return w <= h ? new int[] {newLong, newShort} : new int[] {newShort, newLong};
    }

    /** Resizes to exactly {@code [h, w]} with {@code mode}; {@code antialias} applies to bilinear downscaling. */
    public static Tensor resize(Tensor img, int h, int w, InterpolationMode mode, boolean antialias) {
        checkImage(img);
        if (h <= 0 || w <= 0) throw new IllegalArgumentException("Output size should be positive, got [" + h + ", " + w + "]");
        if (antialias && mode != InterpolationMode.BILINEAR) {
            throw new IllegalArgumentException("Antialias option is supported for bilinear and bicubic interpolation modes only");
        }
        int ih = height(img), iw = width(img);
        if (ih == h && iw == w) return img;
        if (DifferentiableResampling.applies(img)) return DifferentiableResampling.resize(img, h, w, mode, antialias);
        DType dtype = img.dtype();
        int planes = (int) (img.numel() / ((long) ih * iw));
        float[] out = Resampling.resize(floats(img), planes, ih, iw, h, w, mode, antialias);
        return castBack(fromFloats(out, img, h, w), dtype);
    }

    /**
     * The {@code [top, top+height) x [left, left+width)} window; parts outside the image are zero
     * ({@code crop}).
     */
    public static Tensor crop(Tensor img, int top, int left, int height, int width) {
        checkImage(img);
        int h = height(img), w = width(img);
        int right = left + width, bottom = top + height;
        if (left < 0 || top < 0 || right > w || bottom > h) {
            Tensor inside = img.slice(-2, Math.max(top, 0), Math.max(Math.min(bottom, h), Math.max(top, 0)), 1)
                    .slice(-1, Math.max(left, 0), Math.max(Math.min(right, w), Math.max(left, 0)), 1);
            return pad(inside, Math.max(-left + Math.min(0, right), 0), Math.max(-top + Math.min(0, bottom), 0), Math.max(right - w, 0),
                    Math.max(bottom - h, 0), 0, "constant");
        }
        return img.slice(-2, top, bottom, 1).slice(-1, left, right, 1);
    }

    /** The central {@code [height, width]} window, zero-padded first when the image is smaller ({@code center_crop}). */
    public static Tensor centerCrop(Tensor img, int height, int width) {
        checkImage(img);
        int h = height(img), w = width(img);
        if (width > w || height > h) {
            img = pad(img, width > w ? (width - w) / 2 : 0, height > h ? (height - h) / 2 : 0, width > w ? (width - w + 1) / 2 : 0,
                    height > h ? (height - h + 1) / 2 : 0, 0, "constant");
            h = height(img);
            w = width(img);
            if (width == w && height == h) return img;
        }
        int top = (int) Math.rint((h - height) / 2.0), left = (int) Math.rint((w - width) / 2.0);   // Python's round: half to even
        return crop(img, top, left, height, width);
    }

    /** {@link #crop} then {@link #resize} ({@code resized_crop}). */
    public static Tensor resizedCrop(Tensor img, int top, int left, int height, int width, int[] size, InterpolationMode mode, boolean antialias) {
        Tensor c = crop(img, top, left, height, width);
        int[] hw = resizedSize(height(c), width(c), size, null);
        return resize(c, hw[0], hw[1], mode, antialias);
    }

    /**
     * torchvision's padding argument: one value for every side, two for (left/right, top/bottom), four
     * for (left, top, right, bottom); returns (left, top, right, bottom).
     */
    public static int[] paddingLtrb(int... padding) {
        return switch (padding.length) {
            case 1 -> new int[] {padding[0], padding[0], padding[0], padding[0]};
            case 2 -> new int[] {padding[0], padding[1], padding[0], padding[1]};
            case 4 -> padding.clone();
            default -> throw new IllegalArgumentException("Padding must be an int or a 1, 2, or 4 element tuple, not a " + padding.length
                    + " element tuple");
        };
    }

    /**
     * Pads the borders: {@code mode} "constant" (with {@code fill}), "edge" (the border pixel),
     * "reflect" (mirror without the border pixel) or "symmetric" (mirror with it) ({@code pad}).
     */
    public static Tensor pad(Tensor img, int left, int top, int right, int bottom, double fill, String mode) {
        checkImage(img);
        return switch (mode) {
            case "constant" -> Torch.pad(img, new long[] {left, right, top, bottom}, "constant", fill);
            case "edge", "reflect" -> {
                if (mode.equals("reflect") && (Math.max(left, right) >= width(img) || Math.max(top, bottom) >= height(img))) {
                    throw new IllegalArgumentException("Padding size should be less than the corresponding input dimension, but got: padding ("
                            + left + ", " + right + ", " + top + ", " + bottom + ") at dimension sizes " + Arrays.toString(img.shape()));
                }
                Tensor x = img.dim() == 2 ? img.unsqueeze(0) : img;
                Tensor r = Torch.pad(castIn(x), new long[] {left, right, top, bottom}, mode.equals("edge") ? "replicate" : "reflect", 0);
                if (img.dim() == 2) r = r.squeeze(0);
                yield r.to(img.dtype());
            }
            case "symmetric" -> padSymmetric(img, left, top, right, bottom);
            default -> throw new IllegalArgumentException("Padding mode should be either constant, edge, reflect or symmetric, got " + mode);
        };
    }

    private static Tensor padSymmetric(Tensor img, int left, int top, int right, int bottom) {
        return img.indexSelect(img.dim() - 2, symmetricIndices(height(img), top, bottom).to(img.device()))
                .indexSelect(img.dim() - 1, symmetricIndices(width(img), left, right).to(img.device()));
    }

    private static Tensor symmetricIndices(int n, int before, int after) {
        long[] idx = new long[before + n + after];
        for (int i = 0; i < idx.length; i++) {
            int j = i - before;
            // mirror including the edge pixel: -1 -> 0, -2 -> 1, n -> n-1, ...
            while (j < 0 || j >= n) j = j < 0 ? -j - 1 : 2 * n - j - 1;
            idx[i] = j;
        }
        return Torch.tensor(idx, idx.length);
    }

    /**
     * Rotates by {@code angle} degrees counter-clockwise about {@code center} (pixel coordinates, null
     * for the image centre), with {@code expand} growing the output to hold the whole rotated image;
     * uncovered pixels take {@code fill} (one value, or one per channel; null: zero padding, which bilinear
     * sampling blends in without torchvision's coverage mask) ({@code rotate}).
     */
    public static Tensor rotate(Tensor img, double angle, InterpolationMode mode, boolean expand, double[] center, double[] fill) {
        checkImage(img);
        int h = height(img), w = width(img);
        double[] centerF = {0.0, 0.0};
        if (center != null) centerF = new double[] {center[0] - w * 0.5, center[1] - h * 0.5};
        double[] m = inverseAffineMatrix(centerF, -angle, new double[] {0, 0}, 1.0, new double[] {0, 0});
        int ow = w, oh = h;
        if (expand) {
            int[] size = affineOutputSize(m, w, h);
            ow = size[0];
            oh = size[1];
        }
        return resample(img, m, oh, ow, mode, fill);
    }

    /** torchvision's {@code _get_inverse_affine_matrix}: the map from output to input pixel coordinates. */
    static double[] inverseAffineMatrix(double[] center, double angle, double[] translate, double scale, double[] shear) {
        double rot = Math.toRadians(angle), sx = Math.toRadians(shear[0]), sy = Math.toRadians(shear[1]);
        double cx = center[0], cy = center[1], tx = translate[0], ty = translate[1];
        double a = Math.cos(rot - sy) / Math.cos(sy);
        double b = -Math.cos(rot - sy) * Math.tan(sx) / Math.cos(sy) - Math.sin(rot);
        double c = Math.sin(rot - sy) / Math.cos(sy);
        double d = -Math.sin(rot - sy) * Math.tan(sx) / Math.cos(sy) + Math.cos(rot);
        double[] m = {d / scale, -b / scale, 0.0, -c / scale, a / scale, 0.0};
        m[2] += m[0] * (-cx - tx) + m[1] * (-cy - ty);
        m[5] += m[3] * (-cx - tx) + m[4] * (-cy - ty);
        m[2] += cx; // only the centre: the translation is already inverted above (torchvision's C * RSS^-1 * C^-1 * T^-1)
        m[5] += cy;
        return m;
    }

    /** torchvision's {@code _compute_affine_output_size} (in float32, truncated to 1e-4): {w, h}. */
    static int[] affineOutputSize(double[] m, int w, int h) {
        float[][] pts = {{-0.5f * w, -0.5f * h}, {-0.5f * w, 0.5f * h}, {0.5f * w, 0.5f * h}, {0.5f * w, -0.5f * h}};
        float[] min = {Float.POSITIVE_INFINITY, Float.POSITIVE_INFINITY}, max = {Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY};
        for (float[] p : pts) {
            for (int k = 0; k < 2; k++) {
                float v = p[0] * (float) m[3 * k] + p[1] * (float) m[3 * k + 1] + (float) m[3 * k + 2];
                min[k] = Math.min(min[k], v);
                max[k] = Math.max(max[k], v);
            }
        }
        int[] size = new int[2];
        float[] half = {w * 0.5f, h * 0.5f};
        for (int k = 0; k < 2; k++) {
            float tol = 1e-4f;
            float cmax = (float) Math.ceil((float) ((long) ((max[k] + half[k]) / tol)) * tol);
            float cmin = (float) Math.floor((float) ((long) ((min[k] + half[k]) / tol)) * tol);
            size[k] = (int) (cmax - cmin);
        }
        return size;
    }

    // ---- colour ---------------------------------------------------------------------------------

    /** {@code (ratio * a + (1 - ratio) * b)} clamped to the dtype's range, in a's dtype ({@code _blend}). */
    static Tensor blend(Tensor a, Tensor b, double ratio) {
        double bound = maxValue(a.dtype());
        return a.mul(ratio).add(b.mul(1.0 - ratio)).clamp(0.0, bound).to(a.dtype());
    }

    /** ITU-R 601-2 luma {@code 0.2989 r + 0.587 g + 0.114 b}, in the image's dtype, as [..., 1, H, W]. */
    public static Tensor rgbToGrayscale(Tensor img) {
        checkChannels(img, 1, 3);
        if (channels(img) == 1) return img;
        List<Tensor> rgb = img.unbind(img.dim() - 3);
        Tensor l = rgb.get(0).mul(0.2989).add(rgb.get(1).mul(0.587)).add(rgb.get(2).mul(0.114)).to(img.dtype());
        return l.unsqueeze(img.dim() - 3);
    }

    /** Multiplies by {@code factor} (0 black, 1 unchanged) ({@code adjust_brightness}). */
    public static Tensor adjustBrightness(Tensor img, double factor) {
        if (factor < 0) throw new IllegalArgumentException("brightness_factor (" + factor + ") is not non-negative.");
        checkChannels(img, 1, 3);
        return blend(img, Torch.zerosLike(img), factor);
    }

    /** Blends with the mean grey level (0 flat grey, 1 unchanged) ({@code adjust_contrast}). */
    public static Tensor adjustContrast(Tensor img, double factor) {
        if (factor < 0) throw new IllegalArgumentException("contrast_factor (" + factor + ") is not non-negative.");
        checkChannels(img, 3, 1);
        DType dtype = img.isFloatingPoint() ? img.dtype() : DType.FLOAT32;
        Tensor grey = channels(img) == 3 ? rgbToGrayscale(img) : img;
        int n = img.dim();
        Tensor mean = grey.to(dtype).mean(new int[] {n - 3, n - 2, n - 1}, true);
        return blend(img, mean, factor);
    }

    /** Blends with the grey image (0 grey, 1 unchanged) ({@code adjust_saturation}). */
    public static Tensor adjustSaturation(Tensor img, double factor) {
        if (factor < 0) throw new IllegalArgumentException("saturation_factor (" + factor + ") is not non-negative.");
        checkChannels(img, 1, 3);
        if (channels(img) == 1) return img;
        return blend(img, rgbToGrayscale(img), factor);
    }

    /** Shifts the hue by {@code factor} turns, in [-0.5, 0.5], through HSV ({@code adjust_hue}). */
    public static Tensor adjustHue(Tensor img, double factor) {
        if (!(factor >= -0.5 && factor <= 0.5)) throw new IllegalArgumentException("hue_factor (" + factor + ") is not in [-0.5, 0.5].");
        checkChannels(img, 1, 3);
        if (channels(img) == 1) return img;
        DType dtype = img.dtype();
        Tensor x = dtype == DType.UINT8 ? img.to(DType.FLOAT32).div(255.0) : img;
        int cd = x.dim() - 3;
        List<Tensor> hsv = rgbToHsv(x).unbind(cd);
        Tensor h = hsv.get(0).add(factor).remainder(1.0);
        Tensor rgb = hsvToRgb(h, hsv.get(1), hsv.get(2), cd);
        return dtype == DType.UINT8 ? rgb.mul(255.0).to(dtype) : rgb;
    }

    /** torchvision's {@code _rgb2hsv}, op for op. */
    static Tensor rgbToHsv(Tensor img) {
        int cd = img.dim() - 3;
        List<Tensor> ch = img.unbind(cd);
        Tensor r = ch.get(0), g = ch.get(1), b = ch.get(2);
        // max/min along the channels with their indices, as torchvision: a tie's gradient goes to one channel (amax splits it)
        Tensor maxc = img.max(cd).values(), minc = img.min(cd).values();
        Tensor eqc = maxc.eq(minc);
        Tensor cr = maxc.sub(minc);
        Tensor ones = Torch.onesLike(maxc);
        Tensor s = cr.div(Torch.where(eqc, ones, maxc));
        Tensor crDivisor = Torch.where(eqc, ones, cr);
        Tensor rc = maxc.sub(r).div(crDivisor), gc = maxc.sub(g).div(crDivisor), bc = maxc.sub(b).div(crDivisor);
        Tensor hr = maxc.eq(r).mul(bc.sub(gc));
        Tensor hg = maxc.eq(g).logicalAnd(maxc.ne(r)).mul(rc.add(2.0).sub(bc));
        Tensor hb = maxc.ne(g).logicalAnd(maxc.ne(r)).mul(gc.add(4.0).sub(rc));
        Tensor h = hr.add(hg).add(hb);
        h = h.div(6.0).add(1.0).fmod(1.0);
        return Torch.stack(List.of(h, s, maxc), cd);
    }

    /** torchvision's {@code _hsv2rgb}: the sector's selection written as where() instead of a 0/1 einsum. */
    static Tensor hsvToRgb(Tensor h, Tensor s, Tensor v, int cd) {
        Tensor i = h.mul(6.0).floor();
        Tensor f = h.mul(6.0).sub(i);
        Tensor sector = i.to(DType.INT32).remainder(6L);
        Tensor p = v.mul(s.rsub(1.0)).clamp(0.0, 1.0);
        Tensor q = v.mul(s.mul(f).rsub(1.0)).clamp(0.0, 1.0);
        Tensor t = v.mul(s.mul(f.rsub(1.0)).rsub(1.0)).clamp(0.0, 1.0);
        Tensor[][] table = {{v, q, p, p, t, v}, {t, v, v, q, p, p}, {p, p, t, v, v, q}};
        Tensor[] out = new Tensor[3];
        for (int c = 0; c < 3; c++) {
            Tensor acc = Torch.zerosLike(v);
            for (int k = 0; k < 6; k++) acc = Torch.where(sector.eq((double) k), table[c][k], acc);
            out[c] = acc;
        }
        return Torch.stack(List.of(out), cd);
    }

    // ---- filtering --------------------------------------------------------------------------------

    /** The normalised 1-d Gaussian of {@code size} taps ({@code _get_gaussian_kernel1d}), float32. */
    static Tensor gaussianKernel1d(int size, double sigma) {
        double half = (size - 1) * 0.5;
        Tensor x = Torch.linspace(-half, half, size);
        Tensor pdf = x.div(sigma).pow(2.0).mul(-0.5).exp();
        return pdf.div(pdf.sum());
    }

    /**
     * Blurs with a Gaussian of {@code kx} x {@code ky} taps (odd, positive) and standard deviations
     * {@code sigmaX}, {@code sigmaY}, reflecting at the borders ({@code gaussian_blur}).
     */
    public static Tensor gaussianBlur(Tensor img, int kx, int ky, double sigmaX, double sigmaY) {
        checkImage(img);
        if (kx <= 0 || ky <= 0 || kx % 2 == 0 || ky % 2 == 0) {
            throw new IllegalArgumentException("kernel_size value should be an odd and positive number, got [" + kx + ", " + ky + "]");
        }
        if (sigmaX <= 0 || sigmaY <= 0) throw new IllegalArgumentException("sigma should have positive values, got [" + sigmaX + ", " + sigmaY + "]");
        DType dtype = img.dtype();
        DType kd = img.isFloatingPoint() ? dtype : DType.FLOAT32;
        Tensor kernel = gaussianKernel1d(ky, sigmaY).to(kd).view(ky, 1).mm(gaussianKernel1d(kx, sigmaX).to(kd).view(1, kx)).to(img.device());
        boolean squeeze = img.dim() == 3;
        Tensor x = castIn(img.dim() == 2 ? img.unsqueeze(0).unsqueeze(0) : squeeze ? img.unsqueeze(0) : img);
        long c = x.size(1);
        kernel = kernel.expand(c, 1, ky, kx);
        x = Torch.pad(x, new long[] {kx / 2, kx / 2, ky / 2, ky / 2}, "reflect", 0);
        Tensor y = F.conv2d(x, kernel.contiguous(), null, new long[] {1, 1}, new long[] {0, 0}, new long[] {1, 1}, c);
        if (img.dim() == 2) y = y.squeeze(0).squeeze(0);
        else if (squeeze) y = y.squeeze(0);
        return castBack(y, dtype);
    }

    // ---- more geometry ---------------------------------------------------------------------------

    /** The image upside down ({@code vflip}). */
    public static Tensor vflip(Tensor img) {
        checkImage(img);
        return img.flip(-2);
    }

    /**
     * An affine map about the image centre ({@code center}: a pixel [x, y] instead, or null): rotation by
     * {@code angle} degrees clockwise, translation by {@code translate} pixels, scaling, and shear by
     * {@code shear} = [x, y] degrees; uncovered pixels take {@code fill} (null: zero padding, as {@link #rotate}) ({@code affine}).
     *
     * @throws IllegalArgumentException for a non-positive scale, or a translate or shear not of two values
     */
    public static Tensor affine(Tensor img, double angle, double[] translate, double scale, double[] shear, InterpolationMode mode,
            double[] fill, double[] center) {
        checkImage(img);
        if (translate.length != 2) throw new IllegalArgumentException("Argument translate should be a sequence of length 2");
        if (scale <= 0.0) throw new IllegalArgumentException("Argument scale should be positive");
        if (shear.length == 1) shear = new double[] {shear[0], shear[0]};
        if (shear.length != 2) throw new IllegalArgumentException("Shear should be a sequence containing two values. Got " + Arrays.toString(shear));
        int h = height(img), w = width(img);
        double[] centerF = center == null ? new double[] {0.0, 0.0} : new double[] {center[0] - w * 0.5, center[1] - h * 0.5};
        double[] m = inverseAffineMatrix(centerF, angle, translate, scale, shear);
        return resample(img, m, h, w, mode, fill);
    }

    /** The image sampled through the output-to-input map {@code m} into an {@code oh} x {@code ow} grid, uncovered pixels {@code fill}. */
    private static Tensor resample(Tensor img, double[] m, int oh, int ow, InterpolationMode mode, double[] fill) {
        return resampleGrid(img, Resampling.affineGrid(height(img), width(img), oh, ow, m, img.dtype() == DType.FLOAT64), oh, ow, mode, fill);
    }

    /** The image sampled at the normalised grid points ({@code gx}, {@code gy}, one per pixel), uncovered pixels {@code fill}. */
    private static Tensor resampleGrid(Tensor img, float[] gx, float[] gy, InterpolationMode mode, double[] fill) {
        return resampleGrid(img, widen(gx), widen(gy), height(img), width(img), mode, fill);
    }

    private static double[] widen(float[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) d[i] = v[i];
        return d;
    }

    /** As above into an {@code oh} x {@code ow} output. */
    private static Tensor resampleGrid(Tensor img, double[][] grid, int oh, int ow, InterpolationMode mode, double[] fill) {
        return resampleGrid(img, grid[0], grid[1], oh, ow, mode, fill);
    }

    /** As above, the grid's coordinates in two arrays. */
    private static Tensor resampleGrid(Tensor img, double[] gx, double[] gy, int oh, int ow, InterpolationMode mode, double[] fill) {
        if (DifferentiableResampling.applies(img)) {
            return DifferentiableResampling.gridSample(img, gx, gy, oh, ow, mode == InterpolationMode.NEAREST, fillPerChannel(img, fill));
        }
        int c = channels(img), h = height(img), w = width(img);
        int planes = (int) (img.numel() / ((long) h * w));
        float[] out = Resampling.sample(floats(img), planes, c, h, w, oh, ow, gx, gy, mode == InterpolationMode.NEAREST, fillPerChannel(img, fill));
        return fromSampled(out, img, oh, ow);
    }

    /** One fill value per channel, or null for torchvision's {@code fill=None} (zero padding without the coverage mask). */
    private static float[] fillPerChannel(Tensor img, double[] fill) {
        if (fill == null) return null;
        int c = channels(img);
        if (fill.length != 1 && fill.length != c) {
            throw new IllegalArgumentException("The number of elements in 'fill' cannot broadcast to match the number of channels of the image ("
                    + fill.length + " != " + c + ")");
        }
        float[] fillC = new float[c];
        for (int i = 0; i < c; i++) fillC[i] = (float) fill[fill.length == 1 ? 0 : i];
        return fillC;
    }

    private static Tensor fromSampled(float[] out, Tensor img, int oh, int ow) {
        return castBack(fromFloats(out, img, oh, ow), img.dtype());
    }

    /**
     * The perspective map taking the four {@code startpoints} [x, y] to {@code endpoints} ({@code perspective}):
     * its 8 coefficients solved by least squares in float32 as torchvision does, the image sampled through the
     * inverse map; uncovered pixels take {@code fill} (null: zero padding). The solve's last bits can differ from
     * LAPACK's, so with nearest sampling a pixel exactly between two source pixels may take the other one.
     *
     * @throws IllegalArgumentException unless both lists hold four points
     */
    public static Tensor perspective(Tensor img, int[][] startpoints, int[][] endpoints, InterpolationMode mode, double[] fill) {
        checkImage(img);
        float[] k = perspectiveCoeffs(startpoints, endpoints);
        int oh = height(img), ow = width(img);
        if (img.dtype() == DType.FLOAT64) return resampleGrid(img, perspectiveGrid(k, oh, ow), oh, ow, mode, fill);
        float[] xs = Torch.linspace(0.5, ow - 0.5, ow).toFloatArray(), ys = Torch.linspace(0.5, oh - 0.5, oh).toFloatArray();
        float sx = 0.5f * ow, sy = 0.5f * oh;
        float[] gx = new float[oh * ow], gy = new float[oh * ow];
        for (int y = 0; y < oh; y++) {
            for (int x = 0; x < ow; x++) {
                float px = xs[x], py = ys[y];
                float den = px * k[6] + py * k[7] + 1f;
                gx[y * ow + x] = (px * (k[0] / sx) + py * (k[1] / sx) + k[2] / sx) / den - 1f;
                gy[y * ow + x] = (px * (k[3] / sy) + py * (k[4] / sy) + k[5] / sy) / den - 1f;
            }
        }
        return resampleGrid(img, gx, gy, mode, fill);
    }

    /**
     * torchvision's {@code _perspective_grid} for a float64 image: the float32 coefficients, the grid in double (pixel
     * centres, the two {@code bmm}s, their quotient).
     */
    private static double[][] perspectiveGrid(float[] k, int oh, int ow) {
        double sx = 0.5 * ow, sy = 0.5 * oh;
        double[] gx = new double[oh * ow], gy = new double[oh * ow];
        for (int y = 0; y < oh; y++) {
            for (int x = 0; x < ow; x++) {
                double px = x + 0.5, py = y + 0.5, den = px * k[6] + py * k[7] + 1.0;
                gx[y * ow + x] = (px * (k[0] / sx) + py * (k[1] / sx) + k[2] / sx) / den - 1.0;
                gy[y * ow + x] = (px * (k[3] / sy) + py * (k[4] / sy) + k[5] / sy) / den - 1.0;
            }
        }
        return new double[][] {gx, gy};
    }

    /** torchvision's {@code _get_perspective_coeffs}: the 8 coefficients mapping endpoints back to startpoints, in float32. */
    static float[] perspectiveCoeffs(int[][] startpoints, int[][] endpoints) {
        if (startpoints.length != 4 || endpoints.length != 4) {
            throw new IllegalArgumentException("Please provide only four points for each of startpoints and endpoints, got " + startpoints.length
                    + " and " + endpoints.length);
        }
        float[] a = new float[8 * 8], b = new float[8];
        for (int i = 0; i < 4; i++) {
            float x1 = endpoints[i][0], y1 = endpoints[i][1], x2 = startpoints[i][0], y2 = startpoints[i][1];
            System.arraycopy(new float[] {x1, y1, 1, 0, 0, 0, -x2 * x1, -x2 * y1}, 0, a, 16 * i, 8);
            System.arraycopy(new float[] {0, 0, 0, x1, y1, 1, -y2 * x1, -y2 * y1}, 0, a, 16 * i + 8, 8);
            b[2 * i] = x2;
            b[2 * i + 1] = y2;
        }
        return org.torch4j.linalg.Linalg.lstsq(Torch.tensor(a, 8, 8), Torch.tensor(b, 8, 1)).solution().reshape(8).toFloatArray();
    }

    /**
     * The image sampled at the identity grid plus {@code displacement} [1, H, W, 2] (x and y offsets in normalised
     * coordinates) ({@code elastic_transform}); uncovered pixels take {@code fill} (null: zero padding).
     *
     * @throws IllegalArgumentException if the displacement is not [1, H, W, 2]
     */
    public static Tensor elasticTransform(Tensor img, Tensor displacement, InterpolationMode mode, double[] fill) {
        checkImage(img);
        int h = height(img), w = width(img);
        if (!Arrays.equals(displacement.shape(), new long[] {1, h, w, 2})) {
            throw new IllegalArgumentException("Argument displacement shape should be [1, " + h + ", " + w + ", 2], but given "
                    + Arrays.toString(displacement.shape()));
        }
        float[] d = displacement.to(DType.FLOAT32).contiguous().toFloatArray();
        float[] xs = Torch.linspace((-w + 1.0) / w, (w - 1.0) / w, w).toFloatArray(), ys = Torch.linspace((-h + 1.0) / h, (h - 1.0) / h, h).toFloatArray();
        float[] gx = new float[h * w], gy = new float[h * w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int o = y * w + x;
                gx[o] = xs[x] + d[2 * o];
                gy[o] = ys[y] + d[2 * o + 1];
            }
        }
        return resampleGrid(img, gx, gy, mode, fill);
    }

    /**
     * The four corners and the centre, each {@code height} x {@code width} ({@code five_crop}): top-left,
     * top-right, bottom-left, bottom-right, centre.
     *
     * @throws IllegalArgumentException if the crop is larger than the image
     */
    public static List<Tensor> fiveCrop(Tensor img, int height, int width) {
        int h = height(img), w = width(img);
        if (height > h || width > w) {
            throw new IllegalArgumentException("Requested crop size (" + height + ", " + width + ") is bigger than input size (" + h + ", " + w + ")");
        }
        return List.of(crop(img, 0, 0, height, width), crop(img, 0, w - width, height, width), crop(img, h - height, 0, height, width),
                crop(img, h - height, w - width, height, width), centerCrop(img, height, width));
    }

    /** {@link #fiveCrop} of the image and of its mirror image (upside down with {@code vertical}) ({@code ten_crop}). */
    public static List<Tensor> tenCrop(Tensor img, int height, int width, boolean vertical) {
        List<Tensor> out = new java.util.ArrayList<>(fiveCrop(img, height, width));
        out.addAll(fiveCrop(vertical ? vflip(img) : hflip(img), height, width));
        return out;
    }

    /**
     * {@code img} with the {@code h} x {@code w} rectangle at row {@code i}, column {@code j} set to {@code v}
     * (broadcast: a value per pixel, per channel [C, 1, 1], or one), on a copy unless {@code inplace} ({@code erase}).
     */
    public static Tensor erase(Tensor img, int i, int j, int h, int w, Tensor v, boolean inplace) {
        checkImage(img);
        // a dense copy: autograd takes no in-place write into a view of a strided (transposed) copy
        Tensor out = inplace ? img : img.isContiguous() ? img.clone() : img.contiguous();
        Index[] idx = new Index[img.dim()];
        Arrays.fill(idx, Index.ALL);
        idx[img.dim() - 2] = Index.slice((long) i, (long) i + h);
        idx[img.dim() - 1] = Index.slice((long) j, (long) j + w);
        out.indexPut_(idx, v.to(img.dtype()));
        return out;
    }

    // ---- more colour -----------------------------------------------------------------------------

    private static void checkAtLeast3d(Tensor img) {
        if (img.dim() < 3) throw new IllegalArgumentException("Input image tensor should have at least 3 dimensions, but found " + img.dim());
    }

    /** Each value's complement: 255 - v for uint8, 1 - v for floating images ({@code invert}). */
    public static Tensor invert(Tensor img) {
        checkAtLeast3d(img);
        checkChannels(img, 1, 3);
        return img.rsub(maxValue(img.dtype())).to(img.dtype());
    }

    /** uint8 values with only their {@code bits} highest bits kept ({@code posterize}). */
    public static Tensor posterize(Tensor img, int bits) {
        checkAtLeast3d(img);
        if (img.dtype() != DType.UINT8) throw new IllegalArgumentException("Only torch.uint8 image tensors are supported, but found " + img.dtype().torchName());
        checkChannels(img, 1, 3);
        if (bits < 0 || bits > 8) throw new IllegalArgumentException("bits must be in [0, 8], got " + bits);
        long mask = (-(1L << (8 - bits))) & 0xff;
        return img.bitwiseAnd(Torch.scalarTensor(mask).to(DType.UINT8));
    }

    /** Values at or above {@code threshold} inverted ({@code solarize}). */
    public static Tensor solarize(Tensor img, double threshold) {
        checkAtLeast3d(img);
        checkChannels(img, 1, 3);
        if (threshold > maxValue(img.dtype())) throw new IllegalArgumentException("Threshold should be less than bound of img.");
        return Torch.where(img.ge(threshold), invert(img), img);
    }

    /**
     * Blends with a smoothed copy (factor 0: smoothed, 1: unchanged, above 1: sharpened); the smoothing is
     * PIL's 3x3 kernel (5 in the middle, 1 around, over 13) on the interior, the border kept ({@code adjust_sharpness}).
     */
    public static Tensor adjustSharpness(Tensor img, double factor) {
        if (factor < 0) throw new IllegalArgumentException("sharpness_factor (" + factor + ") is not non-negative.");
        checkImage(img);
        checkChannels(img, 1, 3);
        if (width(img) <= 2 || height(img) <= 2) return img;
        return blend(img, blurredDegenerate(img), factor);
    }

    private static Tensor blurredDegenerate(Tensor img) {
        DType kd = img.isFloatingPoint() ? img.dtype() : DType.FLOAT32;
        Tensor kernel = Torch.ones(new long[] {3, 3}, kd, img.device());
        kernel.index(Index.at(1), Index.at(1)).fill_(5.0);
        kernel = kernel.div(kernel.sum());
        boolean squeeze = img.dim() == 3;
        Tensor x = castIn(img.dim() == 2 ? img.unsqueeze(0).unsqueeze(0) : squeeze ? img.unsqueeze(0) : img);
        long c = x.size(1);
        Tensor y = F.conv2d(x, kernel.expand(c, 1, 3, 3).contiguous(), null, new long[] {1, 1}, new long[] {0, 0}, new long[] {1, 1}, c);
        if (img.dim() == 2) y = y.squeeze(0).squeeze(0);
        else if (squeeze) y = y.squeeze(0);
        // the interior takes the smoothed values, the border keeps the image's
        return erase(img, 1, 1, height(img) - 2, width(img) - 2, castBack(y, img.dtype()), false);
    }

    /** Each channel stretched so its darkest value is 0 and its brightest the maximum ({@code autocontrast}). */
    public static Tensor autocontrast(Tensor img) {
        checkAtLeast3d(img);
        checkChannels(img, 1, 3);
        double bound = maxValue(img.dtype());
        DType dtype = img.isFloatingPoint() ? img.dtype() : DType.FLOAT32;
        Tensor minimum = img.amin(new int[] {-2, -1}, true).to(dtype);
        Tensor maximum = img.amax(new int[] {-2, -1}, true).to(dtype);
        Tensor scale = maximum.sub(minimum).reciprocal().mul(bound); // Python's bound / t is t.reciprocal() * bound
        Tensor flat = scale.isfinite().logicalNot(); // a constant channel stays as it is
        minimum = minimum.maskedFill(flat, 0.0);
        scale = scale.maskedFill(flat, 1.0);
        return img.sub(minimum).mul(scale).clamp(0.0, bound).to(img.dtype());
    }

    /**
     * Histogram equalisation of each channel of a uint8 image [C, H, W] or [N, C, H, W], PIL's rule: a lookup
     * table from the cumulative histogram in steps of (pixels less the last value's) / 255 ({@code equalize}).
     */
    public static Tensor equalize(Tensor img) {
        if (img.dim() < 3 || img.dim() > 4) throw new IllegalArgumentException("Input image tensor should have 3 or 4 dimensions, but found " + img.dim());
        if (img.dtype() != DType.UINT8) throw new IllegalArgumentException("Only torch.uint8 image tensors are supported, but found " + img.dtype().torchName());
        checkChannels(img, 1, 3);
        int hw = height(img) * width(img);
        long[] values = img.contiguous().toLongArray();
        for (int plane = 0; plane * hw < values.length; plane++) {
            long[] hist = new long[256];
            for (int k = plane * hw; k < (plane + 1) * hw; k++) hist[(int) values[k]]++;
            long nonzeroButLast = 0, last = 0;
            for (int b = 0; b < 256; b++) {
                if (hist[b] != 0) {
                    nonzeroButLast += last;
                    last = hist[b];
                }
            }
            long step = nonzeroButLast / 255;
            if (step == 0) continue;
            long[] lut = new long[256];
            long cum = 0;
            for (int b = 0; b < 256; b++) { // lut shifted right by one: lut[b] from the counts below b
                lut[b] = Math.min(255, (cum + step / 2) / step);
                cum += hist[b];
            }
            for (int k = plane * hw; k < (plane + 1) * hw; k++) values[k] = lut[(int) values[k]];
        }
        return Torch.tensor(values, img.shape()).to(img.device()).to(DType.UINT8);
    }

    /**
     * {@code gain * v^gamma} on values scaled to [0, 1], clipped, in the image's dtype ({@code adjust_gamma}).
     */
    public static Tensor adjustGamma(Tensor img, double gamma, double gain) {
        checkChannels(img, 1, 3);
        if (gamma < 0) throw new IllegalArgumentException("Gamma should be a non-negative real number");
        Tensor result = img.isFloatingPoint() ? img : convertImageDtype(img, DType.FLOAT32);
        result = result.pow(gamma).mul(gain).clamp(0.0, 1.0);
        return convertImageDtype(result, img.dtype());
    }

    /**
     * Converts between image dtypes, rescaling values ({@code convert_image_dtype}): integers to floating divide by
     * the integer maximum; floating to integers multiply by (maximum + 1 - 0.001) and truncate; between integers
     * by the ratio of the ranges.
     *
     * @throws IllegalArgumentException for float32 to int32/int64 and float64 to int64 (torchvision's "cannot be
     *     performed safely")
     */
    public static Tensor convertImageDtype(Tensor img, DType dtype) {
        if (img.dtype() == dtype) return img;
        if (img.isFloatingPoint()) {
            if (dtype.isFloatingPoint()) return img.to(dtype);
            if ((img.dtype() == DType.FLOAT32 && (dtype == DType.INT32 || dtype == DType.INT64)) || (img.dtype() == DType.FLOAT64 && dtype == DType.INT64)) {
                throw new IllegalArgumentException("The cast from " + img.dtype() + " to " + dtype + " cannot be performed safely.");
            }
            return img.mul(integerMax(dtype) + 1.0 - 1e-3).to(dtype);
        }
        double inMax = integerMax(img.dtype());
        if (dtype.isFloatingPoint()) return img.to(dtype).div(inMax);
        double outMax = integerMax(dtype);
        if (inMax > outMax) return img.div((long) ((inMax + 1) / (outMax + 1)), "floor").to(dtype);
        return img.to(dtype).mul((long) ((outMax + 1) / (inMax + 1)));
    }

    private static double integerMax(DType dtype) {
        return switch (dtype) {
            case UINT8 -> 255;
            case INT8 -> 127;
            case INT16 -> 32767;
            case INT32 -> 2147483647;
            case INT64 -> 9223372036854775807.0;
            default -> throw new IllegalArgumentException("not an image dtype: " + dtype.torchName());
        };
    }

    /** {@code rgb_to_grayscale(img, num_output_channels)}: the luma, repeated over 3 channels when asked. */
    public static Tensor rgbToGrayscale(Tensor img, int numOutputChannels) {
        if (numOutputChannels != 1 && numOutputChannels != 3) throw new IllegalArgumentException("num_output_channels should be either 1 or 3");
        Tensor l = rgbToGrayscale(img);
        return numOutputChannels == 3 ? l.expand(l.dim() == 2 ? new long[] {3, l.size(0), l.size(1)} : expandedChannels(l, 3)) : l;
    }

    private static long[] expandedChannels(Tensor l, long c) {
        long[] shape = l.shape().clone();
        shape[shape.length - 3] = c;
        return shape;
    }
}
