package org.torch4j.vision.io;

import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * PNG and JPEG files to uint8 CHW tensors and back, through {@code javax.imageio}
 * ({@code torchvision.io.read_image} / {@code write_png} / {@code write_jpeg}). Channels are kept as
 * stored (torchvision's {@code ImageReadMode.UNCHANGED}): a grayscale image gives [1, H, W], RGB
 * [3, H, W], grayscale with alpha [2, H, W] and RGBA [4, H, W]; palette images are expanded to RGB(A).
 */
public final class Images {
    private Images() {}

    /** The JPEG quality {@link #write} uses, as torchvision's {@code write_jpeg} and PIL's default. */
    public static final int DEFAULT_JPEG_QUALITY = 75;

    /** Reads a PNG or JPEG file into a uint8 [C, H, W] tensor. */
    public static Tensor read(Path file) throws IOException {
        BufferedImage image;
        try (InputStream in = Files.newInputStream(file); ImageInputStream iis = ImageIO.createImageInputStream(in)) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(iis);
            if (!readers.hasNext()) throw new IOException(file + ": not a PNG or JPEG image (no image reader recognises its header)");
            ImageReader reader = readers.next();
            try {
                reader.setInput(iis, true, true);
                image = reader.read(0);
            } catch (IOException | RuntimeException e) {
                throw new IOException(file + ": cannot decode " + reader.getFormatName() + " image: " + e.getMessage(), e);
            } finally {
                reader.dispose();
            }
        }
        return fromBufferedImage(image);
    }

    /**
     * Converts an image to a uint8 [C, H, W] tensor. Sample values are taken as stored (no colour
     * management), 16-bit samples are scaled to 8 bits as libpng's strip does (the high byte).
     */
    public static Tensor fromBufferedImage(BufferedImage image) {
        int w = image.getWidth(), h = image.getHeight();
        Raster raster = image.getRaster();
        int channels;
        byte[] data;
        if (image.getColorModel() instanceof ComponentColorModel cm && cm.getNumComponents() <= 4
                && raster.getNumBands() == cm.getNumComponents()) {
            channels = raster.getNumBands();
            int bits = cm.getComponentSize(0);
            data = new byte[channels * h * w];
            int[] row = new int[w];
            for (int c = 0; c < channels; c++) {
                for (int y = 0; y < h; y++) {
                    raster.getSamples(0, y, w, 1, c, row);
                    int base = (c * h + y) * w;
                    for (int x = 0; x < w; x++) data[base + x] = (byte) (bits > 8 ? row[x] >>> (bits - 8) : row[x]);
                }
            }
            if (bits < 8) rescaleLowBitDepth(data, raster, bits, channels, h, w);
        } else {
            // Palette, packed-int and other layouts: go through ARGB, keeping alpha only when the image has one.
            boolean alpha = image.getColorModel().hasAlpha();
            boolean gray = image.getColorModel() instanceof IndexColorModel icm && isGrayPalette(icm) && !alpha;
            channels = gray ? 1 : alpha ? 4 : 3;
            data = new byte[channels * h * w];
            int[] argb = new int[w];
            int plane = h * w;
            for (int y = 0; y < h; y++) {
                image.getRGB(0, y, w, 1, argb, 0, w);
                for (int x = 0; x < w; x++) {
                    int p = argb[x], i = y * w + x;
                    if (gray) {
                        data[i] = (byte) p;
                        continue;
                    }
                    data[i] = (byte) (p >> 16);
                    data[plane + i] = (byte) (p >> 8);
                    data[2 * plane + i] = (byte) p;
                    if (alpha) data[3 * plane + i] = (byte) (p >>> 24);
                }
            }
        }
        return Torch.tensor(data, DType.UINT8, channels, h, w);
    }

    /** 1, 2 and 4-bit grayscale samples map to 0..255 as libpng's expansion does (v * 255 / (2^bits - 1)). */
    private static void rescaleLowBitDepth(byte[] data, Raster raster, int bits, int channels, int h, int w) {
        int max = (1 << bits) - 1;
        int[] row = new int[w];
        for (int c = 0; c < channels; c++) {
            for (int y = 0; y < h; y++) {
                raster.getSamples(0, y, w, 1, c, row);
                for (int x = 0; x < w; x++) data[(c * h + y) * w + x] = (byte) (row[x] * 255 / max);
            }
        }
    }

    private static boolean isGrayPalette(IndexColorModel icm) {
        for (int i = 0; i < icm.getMapSize(); i++) {
            int r = icm.getRed(i);
            if (r != icm.getGreen(i) || r != icm.getBlue(i)) return false;
        }
        return true;
    }

    /**
     * Converts a uint8 [C, H, W] tensor (C = 1, 2, 3 or 4) to an image: gray, gray with alpha, RGB or RGBA.
     */
    public static BufferedImage toBufferedImage(Tensor image) {
        checkImage(image, "toBufferedImage");
        int c = (int) image.size(0), h = (int) image.size(1), w = (int) image.size(2);
        int type = switch (c) {
            case 1 -> BufferedImage.TYPE_BYTE_GRAY;
            case 3 -> BufferedImage.TYPE_3BYTE_BGR;
            case 4 -> BufferedImage.TYPE_4BYTE_ABGR;
            default -> -1;
        };
        BufferedImage out;
        if (type >= 0) {
            out = new BufferedImage(w, h, type);
        } else {
            var cs = java.awt.color.ColorSpace.getInstance(java.awt.color.ColorSpace.CS_GRAY);
            var cm = new ComponentColorModel(cs, true, false, java.awt.Transparency.TRANSLUCENT, DataBuffer.TYPE_BYTE);
            out = new BufferedImage(cm, cm.createCompatibleWritableRaster(w, h), false, null);
        }
        WritableRaster raster = out.getRaster();
        int[] values = image.contiguous().toIntArray();
        int[] row = new int[w];
        for (int ch = 0; ch < c; ch++) {
            for (int y = 0; y < h; y++) {
                System.arraycopy(values, (ch * h + y) * w, row, 0, w);
                raster.setSamples(0, y, w, 1, ch, row);
            }
        }
        return out;
    }

    /**
     * Writes a uint8 [C, H, W] tensor as PNG or JPEG, chosen by the file's extension ({@code .png},
     * {@code .jpg}, {@code .jpeg}); JPEG uses quality {@value #DEFAULT_JPEG_QUALITY} and takes 1 or 3 channels.
     */
    public static void write(Tensor image, Path file) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".png")) {
            writePng(image, file);
        } else if (name.endsWith(".jpg") || name.endsWith(".jpeg")) {
            writeJpeg(image, file, DEFAULT_JPEG_QUALITY);
        } else {
            throw new IllegalArgumentException("cannot tell the image format from the file name " + file + " (use .png, .jpg or .jpeg)");
        }
    }

    /** Writes a uint8 [C, H, W] tensor (C = 1, 2, 3 or 4) as a PNG file. */
    public static void writePng(Tensor image, Path file) throws IOException {
        BufferedImage img = toBufferedImage(image);
        if (!ImageIO.write(img, "png", file.toFile())) throw new IOException("no PNG writer available for " + file);
    }

    /** Writes a uint8 [C, H, W] tensor (C = 1 or 3) as a baseline JPEG file with the given quality (1..100). */
    public static void writeJpeg(Tensor image, Path file, int quality) throws IOException {
        checkImage(image, "writeJpeg");
        if (image.size(0) != 1 && image.size(0) != 3) {
            throw new IllegalArgumentException("writeJpeg: the number of channels should be 1 or 3, got " + image.size(0));
        }
        if (quality < 1 || quality > 100) throw new IllegalArgumentException("Image quality should be a positive number between 1 and 100, got " + quality);
        BufferedImage img = toBufferedImage(image);
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(Files.newOutputStream(file))) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality / 100f);
            writer.write(null, new IIOImage(img, null, null), param);
        } finally {
            writer.dispose();
        }
    }

    /**
     * The image as 3-channel RGB, as PIL's {@code convert("RGB")} in torchvision's loaders: grey is
     * repeated, alpha is dropped.
     */
    public static Tensor toRgb(Tensor image) {
        checkImage(image, "toRgb");
        return switch ((int) image.size(0)) {
            case 1, 2 -> image.narrow(0, 0, 1).expand(3, image.size(1), image.size(2)).contiguous();
            case 3 -> image;
            default -> image.narrow(0, 0, 3).contiguous();
        };
    }

    static void checkImage(Tensor image, String what) {
        if (image.dtype() != DType.UINT8) {
            throw new IllegalArgumentException(what + ": expected a uint8 image tensor, got " + image.dtype().torchName());
        }
        if (image.dim() != 3) {
            throw new IllegalArgumentException(what + ": expected an image tensor of shape [C, H, W], got " + image.dim() + " dimensions "
                    + java.util.Arrays.toString(image.shape()));
        }
        long c = image.size(0);
        if (c < 1 || c > 4) throw new IllegalArgumentException(what + ": expected 1 to 4 channels, got " + c);
    }
}
