package org.torch4j.tensorboard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import org.junit.jupiter.api.Test;

/**
 * {@link Gif} read back by ImageIO's GIF decoder (frames large enough for the LZW table to fill and restart, palettes
 * of 2 and 256 colours, the 3-3-2 palette beyond), and {@link PyJson} against Python's {@code json.dumps} and
 * {@code repr}.
 */
class GifAndJsonTest {

    @Test
    void gifsDecodeToTheirPixels() throws IOException {
        Random r = new Random(1);
        for (int colours : new int[] {2, 256}) {
            int[] palette = new int[colours];
            for (int i = 0; i < colours; i++) palette[i] = r.nextInt(1 << 24);
            byte[][] frames = new byte[3][];
            for (int f = 0; f < frames.length; f++) {
                frames[f] = new byte[90 * 70 * 3];
                for (int p = 0; p < 90 * 70; p++) {
                    // runs of one colour and noise: the table fills (12-bit codes) and is cleared
                    int c = palette[p % 97 < 40 ? (p / 97) % colours : r.nextInt(colours)];
                    frames[f][3 * p] = (byte) (c >> 16);
                    frames[f][3 * p + 1] = (byte) (c >> 8);
                    frames[f][3 * p + 2] = (byte) c;
                }
            }
            List<BufferedImage> decoded = decode(Gif.encode(frames, 90, 70, 25));
            assertEquals(frames.length, decoded.size());
            for (int f = 0; f < frames.length; f++) {
                for (int p = 0; p < 90 * 70; p++) {
                    int want = (frames[f][3 * p] & 0xFF) << 16 | (frames[f][3 * p + 1] & 0xFF) << 8 | (frames[f][3 * p + 2] & 0xFF);
                    assertEquals(want, decoded.get(f).getRGB(p % 70, p / 70) & 0xFFFFFF, colours + " colours, frame " + f + " pixel " + p);
                }
            }
        }
    }

    @Test
    void moreThan256ColoursRoundToTheUniformPalette() throws IOException {
        byte[] frame = new byte[32 * 32 * 3];
        for (int p = 0; p < 32 * 32; p++) {
            frame[3 * p] = (byte) (p % 32 * 8);
            frame[3 * p + 1] = (byte) (p / 32 * 8);
            frame[3 * p + 2] = (byte) (p * 37);
        }
        BufferedImage im = decode(Gif.encode(new byte[][] {frame}, 32, 32, 10)).get(0);
        for (int p = 0; p < 32 * 32; p++) {
            int rgb = im.getRGB(p % 32, p / 32);
            int[] levels = {7, 7, 3};
            for (int k = 0; k < 3; k++) {
                int v = frame[3 * p + k] & 0xFF;
                int want = Math.round(Math.round(v * levels[k] / 255f) * 255f / levels[k]);
                assertEquals(want, rgb >> (16 - 8 * k) & 0xFF, "pixel " + p + " channel " + k);
            }
        }
    }

    private static List<BufferedImage> decode(byte[] gif) throws IOException {
        ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
        reader.setInput(ImageIO.createImageInputStream(new ByteArrayInputStream(gif)));
        List<BufferedImage> frames = new java.util.ArrayList<>();
        for (int i = 0; i < reader.getNumImages(true); i++) frames.add(reader.read(i));
        return frames;
    }

    @Test
    void jsonIsPythonsSortedDumps() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("z", 1);
        c.put("y", Double.NaN);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("c", c);
        m.put("b", java.util.Arrays.asList(1, 2.5, null, true));
        m.put("a", "\u00e9\u007f\"\n");
        assertEquals("{\"a\": \"\\u00e9\\u007f\\\"\\n\", \"b\": [1, 2.5, null, true], \"c\": {\"y\": NaN, \"z\": 1}}", PyJson.dumps(m));
        double[] values = {1e-05, 0.0001, 1e16, 1e15, 123456789.123, -2.5e-10, 0.1, Double.MAX_VALUE, Double.MIN_VALUE, 75.0, -0.0, 1.0 / 3,
            12345678901234567.0};
        String[] python = {"1e-05", "0.0001", "1e+16", "1000000000000000.0", "123456789.123", "-2.5e-10", "0.1", "1.7976931348623157e+308",
            "5e-324", "75.0", "-0.0", "0.3333333333333333", "1.2345678901234568e+16"};
        for (int i = 0; i < values.length; i++) assertEquals(python[i], PyJson.repr(values[i]));
    }
}
