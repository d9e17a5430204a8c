package org.torch4j.vision;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.vision.io.Images;

class ImagesTest {

    private static Tensor gradient(int c, int h, int w) {
        return Torch.arange(c * h * w).mul(7L).remainder(256L).to(DType.UINT8).reshape(c, h, w);
    }

    @Test
    void pngRoundTripsOneTwoThreeAndFourChannelsExactly(@TempDir Path dir) throws IOException {
        for (int c : new int[] {1, 2, 3, 4}) {
            Tensor img = gradient(c, 5, 7);
            Path f = dir.resolve("img" + c + ".png");
            Images.write(img, f);
            Tensor back = Images.read(f);
            assertArrayEquals(new long[] {c, 5, 7}, back.shape());
            assertEquals(DType.UINT8, back.dtype());
            assertTrue(back.equal(img), "channels " + c);
        }
    }

    @Test
    void jpegRoundTripIsClose(@TempDir Path dir) throws IOException {
        // A smooth image survives JPEG at quality 95 within a few levels.
        Tensor x = Torch.arange(32).toFloat();
        Tensor smooth = x.view(1, 1, 32).add(x.view(1, 32, 1)).mul(3.0).expand(3, 32, 32).add(Torch.tensor(new float[] {0, 20, 40}).view(3, 1, 1))
                .to(DType.UINT8);
        Path f = dir.resolve("a.jpg");
        Images.writeJpeg(smooth, f, 95);
        Tensor back = Images.read(f);
        assertArrayEquals(new long[] {3, 32, 32}, back.shape());
        double maxErr = back.toFloat().sub(smooth.toFloat()).abs().max().item();
        assertTrue(maxErr <= 8, "max JPEG error " + maxErr);
        Images.write(smooth.narrow(0, 0, 1), dir.resolve("g.jpeg"));
        assertArrayEquals(new long[] {1, 32, 32}, Images.read(dir.resolve("g.jpeg")).shape());
    }

    @Test
    void decodesTorchvisionsJpegsAsLibjpegDoes() throws Exception {
        var ref = VisionReference.map(VisionReference.load("jpeg.json"));
        for (String name : new String[] {"logo", "gray"}) {
            var e = VisionReference.map(ref.get(name));
            long[] shape = VisionReference.longs(e.get("shape"));
            Tensor expected = Torch.tensor(VisionReference.longs(e.get("pixels")), shape);
            Tensor actual = Images.read(Path.of(ImagesTest.class.getResource("/reference/vision/images/" + name + ".jpg").toURI()));
            assertArrayEquals(shape, actual.shape(), name);
            Tensor diff = actual.toLong().sub(expected).abs();
            long maxDiff = diff.max().itemLong();
            double meanDiff = diff.toDouble().mean().item();
            System.out.printf("%s.jpg: javax.imageio vs torchvision (libjpeg) decoding: max %d, mean %.4f levels%n", name, maxDiff, meanDiff);
            // the JDK's decoder is libjpeg's (IJG) code: identical here; one level of slack for other builds
            assertTrue(maxDiff <= 1 && meanDiff < 0.05, name + ": max " + maxDiff + ", mean " + meanDiff);
        }
    }

    @Test
    void badInputNamesTheProblem(@TempDir Path dir) throws IOException {
        var e = assertThrows(IllegalArgumentException.class, () -> Images.write(Torch.zeros(3, 4, 4), dir.resolve("x.png")));
        assertTrue(e.getMessage().contains("expected a uint8 image tensor, got float32"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Images.write(gradient(1, 4, 4).view(4, 4), dir.resolve("x.png")));
        assertTrue(e.getMessage().contains("[C, H, W], got 2 dimensions"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Images.write(gradient(4, 4, 4), dir.resolve("x.jpg")));
        assertTrue(e.getMessage().contains("should be 1 or 3, got 4"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Images.write(gradient(3, 4, 4), dir.resolve("x.bmpx")));
        assertTrue(e.getMessage().contains("cannot tell the image format"), e.getMessage());
        Path junk = dir.resolve("junk.png");
        Files.write(junk, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        IOException io = assertThrows(IOException.class, () -> Images.read(junk));
        assertTrue(io.getMessage().contains("junk.png: not a PNG or JPEG image"), io.getMessage());
    }
}
