package org.torch4j.vision;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.vision.io.ImageGrid;
import org.torch4j.vision.io.Images;

/** make_grid and save_image against torchvision.utils (grids.json, images/grid_saved.png). */
class ImageGridTest {

    @Test
    void gridsMatchTorchvision() {
        Map<String, Object> ref = VisionReference.map(VisionReference.load("grids.json"));
        Torch.manualSeed(((Number) ref.get("seed")).longValue());
        Tensor batch = Torch.rand(5, 3, 6, 7);
        Tensor gray = Torch.randn(3, 1, 5, 4);
        for (Object o : VisionReference.list(ref.get("cases"))) {
            Map<String, Object> c = VisionReference.map(o);
            Map<String, Object> a = VisionReference.map(c.get("args"));
            double[] range = null;
            if (a.get("valueRange") != null) {
                List<Object> r = VisionReference.list(a.get("valueRange"));
                range = new double[] {((Number) r.get(0)).doubleValue(), ((Number) r.get(1)).doubleValue()};
            }
            Tensor grid = ImageGrid.makeGrid(c.get("input").equals("batch") ? batch : gray, ((Number) a.get("nrow")).intValue(),
                    ((Number) a.get("padding")).intValue(), Boolean.TRUE.equals(a.get("normalize")), range, Boolean.TRUE.equals(a.get("scaleEach")),
                    a.get("padValue") == null ? 0 : ((Number) a.get("padValue")).doubleValue());
            long[] shape = VisionReference.longs(c.get("shape"));
            assertArrayEquals(shape, grid.shape(), a.toString());
            Tensor expected = Torch.tensor(VisionReference.floats(c.get("output")), shape);
            assertTrue(grid.allclose(expected, 0, 1e-6), a + ": grid differs from torchvision's");
        }
    }

    @Test
    void saveImageWritesTorchvisionsPixels(@TempDir Path dir) throws Exception {
        Torch.manualSeed(3);
        Tensor batch = Torch.rand(5, 3, 6, 7);
        Path out = dir.resolve("grid.png");
        ImageGrid.saveImage(batch, out, 3, 2, false, null, false, 0);
        Tensor expected = Images.read(Path.of(ImageGridTest.class.getResource("/reference/vision/images/grid_saved.png").toURI()));
        Tensor actual = Images.read(out);
        assertArrayEquals(expected.shape(), actual.shape());
        assertTrue(actual.equal(expected), "save_image pixels differ from torchvision's");
    }
}
