package org.torch4j.vision.datasets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.data.ClassFolders;
import org.torch4j.data.Dataset;
import org.torch4j.vision.io.Images;

/**
 * Images in one subfolder per class ({@code torchvision.datasets.ImageFolder}): classes are the
 * subfolder names sorted as torchvision sorts them (by code point), labels their positions; each class
 * folder is walked recursively, folders in path order and files by name, as torchvision's sorted
 * {@code os.walk} ({@link ClassFolders}). Files ending in .png, .jpg, .jpeg, .bmp, .tif or .tiff (any case) are read, and
 * converted to RGB as torchvision's loader does; images are decoded on access, then transformed.
 */
public final class ImageFolder implements Dataset<LabeledImage> {
    /** The extensions read (lower case). */
    public static final Set<String> EXTENSIONS = Set.of(".png", ".jpg", ".jpeg", ".bmp", ".tif", ".tiff");

    private final ClassFolders folders;
    private final UnaryOperator<Tensor> transform;

    /** The images under {@code root} as uint8 RGB [3, H, W] tensors (no transform). */
    public ImageFolder(Path root) throws IOException {
        this(root, null);
    }

    /**
     * The images under {@code root}, each passed through {@code transform} (null for none).
     *
     * @throws IOException when {@code root} is not a folder, has no class folder, or a class has no image
     */
    public ImageFolder(Path root, UnaryOperator<Tensor> transform) throws IOException {
        this.folders = ClassFolders.scan(root, EXTENSIONS);
        this.transform = transform == null ? UnaryOperator.identity() : transform;
    }

    /** The folder the dataset was read from. */
    public Path root() {
        return folders.root();
    }

    /** The class names, sorted; a label is a position in this list. */
    public List<String> classes() {
        return folders.classes();
    }

    /** Each class name's label ({@code class_to_idx}). */
    public Map<String, Integer> classToIdx() {
        return folders.classToIdx();
    }

    /** Every (file, label), in dataset order. */
    public List<ClassFolders.Sample> samples() {
        return folders.samples();
    }

    /** The image at {@code index}, read as RGB uint8 [3, H, W] and transformed, with its label. */
    @Override
    public LabeledImage get(long index) {
        List<ClassFolders.Sample> samples = folders.samples();
        if (index < 0 || index >= samples.size()) throw new IndexOutOfBoundsException("index " + index + " is out of range for a dataset of " + samples.size());
        ClassFolders.Sample e = samples.get((int) index);
        Tensor img;
        try {
            img = Images.toRgb(Images.read(e.path()));
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return new LabeledImage(transform.apply(img), Torch.scalarTensor((long) e.label()));
    }

    /** The number of images. */
    @Override
    public long size() {
        return folders.samples().size();
    }
}
