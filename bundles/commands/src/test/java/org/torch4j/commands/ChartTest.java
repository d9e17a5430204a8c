package org.torch4j.commands;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChartTest {
    static final List<Trainer.Epoch> HISTORY = List.of(new Trainer.Epoch(0, Double.NaN, 2.31, 0.10, 0),
            new Trainer.Epoch(1, 0.62, 0.45, 0.84, 30), new Trainer.Epoch(2, 0.40, 0.38, 0.87, 30),
            new Trainer.Epoch(3, 0.33, 0.35, 0.88, 30));

    @Test
    void writesAPngOfTheRightSizeWithAllThreeCurves(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("sub/training.png");
        List<Trainer.LossPoint> points = new java.util.ArrayList<>();
        for (int i = 1; i <= 30; i++) points.add(new Trainer.LossPoint(i / 10.0, 2.0 / (1 + i / 3.0)));
        Chart.write(HISTORY, points, "test chart", file);
        byte[] bytes = Files.readAllBytes(file);
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, Arrays.copyOf(bytes, 8));
        BufferedImage img = ImageIO.read(file.toFile());
        assertEquals(Chart.WIDTH, img.getWidth());
        assertEquals(Chart.HEIGHT, img.getHeight());
        int[] counts = new int[3];
        Color[] colors = {Chart.TRAIN_LOSS, Chart.TEST_LOSS, Chart.ACCURACY};
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                for (int i = 0; i < 3; i++) if ((img.getRGB(x, y) & 0xFFFFFF) == (colors[i].getRGB() & 0xFFFFFF)) counts[i]++;
            }
        }
        for (int i = 0; i < 3; i++) assertTrue(counts[i] > 300, "curve " + i + " has only " + counts[i] + " pixels");
        // no temporary file is left beside the chart
        try (var files = Files.list(file.getParent())) {
            assertEquals(List.of(file), files.toList());
        }
    }

    @Test
    void theAccuracyCurveRisesWhereTheHistorySaysSo() {
        BufferedImage img = Chart.render(HISTORY, "t");
        // epoch 0 (10%) at the left edge of the plot, epoch 3 (88%) at the right: find the green dots' heights
        int left = lowestRow(img, 70, Chart.ACCURACY), right = lowestRow(img, Chart.WIDTH - 70, Chart.ACCURACY);
        assertTrue(left > right + 200, left + " vs " + right);
    }

    private static int lowestRow(BufferedImage img, int x, Color c) {
        for (int y = img.getHeight() - 1; y >= 0; y--) if ((img.getRGB(x, y) & 0xFFFFFF) == (c.getRGB() & 0xFFFFFF)) return y;
        return -1;
    }

    @Test
    void anEmptyHistoryIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Chart.render(List.of(), "t"));
    }

    @Test
    void niceCeilings() {
        assertEquals(2.5, Chart.niceCeiling(2.31), 1e-12);
        assertEquals(0.5, Chart.niceCeiling(0.45), 1e-12);
        assertEquals(1.0, Chart.niceCeiling(1.0), 1e-12);
        assertEquals(0.1, Chart.niceCeiling(0.0), 1e-12);
    }
}
