package org.torch4j.vision;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.torch4j.Tensor;
import org.torch4j.data.DataLoader;
import org.torch4j.vision.datasets.Cifar;
import org.torch4j.vision.datasets.ImageFolder;
import org.torch4j.vision.datasets.LabeledImage;
import org.torch4j.vision.transforms.CenterCrop;
import org.torch4j.vision.transforms.Compose;
import org.torch4j.vision.transforms.ToTensor;

/** CIFAR binary files and ImageFolder trees written by tools/gen_vision_reference.py (datasets.json). */
class DatasetsTest {

    static Path resource(String name) throws URISyntaxException {
        return Path.of(DatasetsTest.class.getResource("/reference/vision/" + name).toURI());
    }

    static Map<String, Object> ref() {
        return VisionReference.map(VisionReference.load("datasets.json"));
    }

    private static void checkItems(Cifar ds, List<Object> expected, int labelIndex) {
        assertEquals(expected.size(), ds.size());
        for (int i = 0; i < expected.size(); i++) {
            Map<String, Object> e = VisionReference.map(expected.get(i));
            long[] labels = VisionReference.longs(e.get("labels"));
            Tensor raw = ds.images().select(0, i);
            assertEquals(((Number) e.get("sum")).longValue(), raw.toLong().sum().itemLong(), "image " + i);
            long[] px = VisionReference.longs(e.get("pixels"));
            assertEquals(px[0], raw.get(0, 0, 0).itemLong());
            assertEquals(px[1], raw.get(1, 5, 7).itemLong());
            assertEquals(px[2], raw.get(2, 31, 30).itemLong());
            LabeledImage item = ds.get(i);
            assertArrayEquals(new long[] {3, 32, 32}, item.image().shape());
            Tensor asFloat = org.torch4j.vision.transforms.Functional.toFloat(item.image());
            assertEquals(((Number) e.get("mean")).floatValue(), (float) asFloat.mean().item(), 1e-6);
            assertEquals(labels[labelIndex], item.label().itemLong());
            if (labelIndex == 1) assertEquals(labels[0], ds.coarseLabels().get(i).itemLong());
        }
    }

    @Test
    void cifar10ReadsEveryBatchInOrder() throws Exception {
        Map<String, Object> c10 = VisionReference.map(ref().get("cifar10"));
        Cifar train = Cifar.cifar10(resource("cifar"), true);
        checkItems(train, VisionReference.list(c10.get("train")), 0);
        Cifar test = Cifar.cifar10(resource("cifar/cifar-10-batches-bin"), false);
        checkItems(test, VisionReference.list(c10.get("test")), 0);
        assertEquals(Cifar.CIFAR10_CLASSES, test.classes());
        assertNull(test.coarseLabels());
        List<LabeledImage> batches = new ArrayList<>();
        for (LabeledImage b : DataLoader.of(train).batchSize(4).build()) batches.add(b);
        assertEquals(3, batches.size());
        assertArrayEquals(new long[] {4, 3, 32, 32}, batches.get(0).image().shape());
    }

    @Test
    void cifar100HasFineAndCoarseLabels() throws Exception {
        Map<String, Object> c100 = VisionReference.map(ref().get("cifar100"));
        checkItems(Cifar.cifar100(resource("cifar"), true), VisionReference.list(c100.get("train")), 1);
        Cifar test = Cifar.cifar100(resource("cifar"), false, null);
        checkItems(test, VisionReference.list(c100.get("test")), 1);
        assertEquals(org.torch4j.DType.UINT8, test.get(0).image().dtype(), "no transform: the raw image");
    }

    @Test
    void truncatedOrForeignCifarFilesFailNamingTheOffset(@TempDir Path dir) throws Exception {
        byte[] batch = Files.readAllBytes(resource("cifar/cifar-10-batches-bin/test_batch.bin"));
        Files.write(dir.resolve("test_batch.bin"), java.util.Arrays.copyOf(batch, batch.length - 100));
        IOException e = assertThrows(IOException.class, () -> Cifar.cifar10(dir, false));
        assertTrue(e.getMessage().contains("9119 bytes is not a whole number of 3073-byte records (a partial record starts at offset 6146)"),
                e.getMessage());
        batch[3073] = 12;
        Files.write(dir.resolve("test_batch.bin"), batch);
        e = assertThrows(IOException.class, () -> Cifar.cifar10(dir, false));
        assertTrue(e.getMessage().contains("label 12 at offset 3073 is out of range [0, 10)"), e.getMessage());
        e = assertThrows(IOException.class, () -> Cifar.cifar100(dir, true));
        assertTrue(e.getMessage().contains("no train.bin in"), e.getMessage());
    }

    @Test
    void imageFolderOrdersClassesAndFilesAsTorchvision() throws Exception {
        Map<String, Object> f = VisionReference.map(ref().get("imagefolder"));
        Path root = resource("imagefolder");
        ImageFolder ds = new ImageFolder(root);
        assertEquals(VisionReference.list(f.get("classes")), new ArrayList<Object>(ds.classes()));
        List<Object> samples = VisionReference.list(f.get("samples"));
        List<Object> shapes = VisionReference.list(f.get("shapes"));
        assertEquals(samples.size(), ds.size());
        for (int i = 0; i < samples.size(); i++) {
            List<Object> s = VisionReference.list(samples.get(i));
            assertEquals(root.resolve((String) s.get(0)), ds.samples().get(i).path());
            assertEquals(((Number) s.get(1)).intValue(), ds.samples().get(i).label());
            LabeledImage item = ds.get(i);
            assertArrayEquals(VisionReference.longs(shapes.get(i)), item.image().shape(), "RGB as torchvision's loader");
            assertEquals(((Number) s.get(1)).longValue(), item.label().itemLong());
        }
        ImageFolder cropped = new ImageFolder(root, new Compose(new CenterCrop(4), new ToTensor()));
        LabeledImage first = cropped.get(0);
        assertArrayEquals(new long[] {3, 4, 4}, first.image().shape());
        assertEquals(3, cropped.classToIdx().get("dog"));
    }

    @Test
    void imageFolderRejectsEmptyClasses(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("a"));
        Files.writeString(dir.resolve("a/readme.txt"), "x");
        IOException e = assertThrows(IOException.class, () -> new ImageFolder(dir));
        assertTrue(e.getMessage().contains("Found no valid file for the classes a."), e.getMessage());
        e = assertThrows(IOException.class, () -> new ImageFolder(dir.resolve("missing")));
        assertTrue(e.getMessage().contains("is not a directory"), e.getMessage());
    }
}
