package org.torch4j.vision.models.detection;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.Module;
import org.torch4j.vision.ops.Boxes;

/**
 * What every detection model shares, two-stage ({@link GeneralizedRCNN}) or one-stage ({@link RetinaNet}, {@link FCOS}):
 * in evaluation {@link #forward(List)} gives each image's detections in its own pixels; in training
 * {@link #forward(List, List)} gives the losses by torchvision's names, whose sum trains the model. {@link #run} is the
 * whole pipeline, as torchvision's scripted models return {@code (losses, detections)}.
 */
public abstract class DetectionModel extends Module {
    /** A model; subclasses register their parts in torchvision's order. */
    protected DetectionModel() {}

    /**
     * The losses (training) and the detections (evaluation) of one call, as torchvision's scripted {@code (losses, detections)}.
     *
     * @param losses the losses by torchvision's names (empty in evaluation)
     * @param detections per image, its detections (empty in training)
     */
    public record Output(Map<String, Tensor> losses, List<Detection> detections) {}

    /**
     * Detects objects (evaluation mode).
     *
     * @param images {@code [3, H, W]} float images in {@code [0, 1]}, of any sizes
     * @return per image, its detections
     * @throws IllegalArgumentException in training mode, where targets are required (torchvision's message)
     */
    public List<Detection> forward(List<Tensor> images) {
        return run(images, null).detections();
    }

    /**
     * The training losses for images and their targets, by torchvision's names; empty in evaluation mode.
     *
     * @param images {@code [3, H, W]} float images in {@code [0, 1]}
     * @param targets one per image
     * @return the losses by torchvision's names
     * @throws IllegalArgumentException for missing or malformed targets, worded as torchvision's
     */
    public Map<String, Tensor> forward(List<Tensor> images, List<Target> targets) {
        return run(images, targets).losses();
    }

    /** {@code model(images, targets)}: {@link #run(List, List)} with the hooks around it. */
    @SuppressWarnings("unchecked")
    public Output call(List<Tensor> images, List<Target> targets) {
        return callWithHooks(a -> run((List<Tensor>) a.get(0), (List<Target>) a.get(1)), images, targets);
    }

    /**
     * The whole pipeline: losses in training, detections in evaluation.
     *
     * @param images {@code [3, H, W]} float images in {@code [0, 1]}
     * @param targets one per image (required in training), or null
     * @return the losses and the detections
     * @throws IllegalArgumentException for missing or malformed targets, worded as torchvision's
     */
    public abstract Output run(List<Tensor> images, List<Target> targets);

    /**
     * torchvision's checks of the targets in training: present, boxes {@code [N, 4]}.
     *
     * @param withShape whether the shape message shows the shape found (all models but RetinaNet's)
     */
    void checkTargets(List<Target> targets, boolean withShape) {
        if (!training) return;
        if (targets == null) throw new IllegalArgumentException("targets should not be none when in training mode");
        for (Target t : targets) {
            Tensor boxes = t.boxes();
            if (boxes.dim() != 2 || boxes.size(-1) != 4) {
                throw new IllegalArgumentException("Expected target boxes to be a tensor of shape [N, 4]"
                        + (withShape ? ", got torch.Size(" + Arrays.toString(boxes.shape()) + ")." : "."));
            }
        }
    }

    /** torchvision's last step of postprocessing: class-wise NMS, then at most {@code limit} detections by decreasing score. */
    static Detection nmsDetection(Tensor boxes, Tensor scores, Tensor labels, double nmsThresh, int limit) {
        Tensor keep = Boxes.batchedNms(boxes, scores, labels, nmsThresh);
        keep = keep.slice(0, 0, limit, 1);   // keep[:limit], without reading the (data-dependent) length
        return new Detection(boxes.indexSelect(0, keep), labels.indexSelect(0, keep), scores.indexSelect(0, keep), null, null, null);
    }

    /** Each image's {@code {height, width}}, checked as torchvision's {@code original_image_sizes}. */
    static List<long[]> originalSizes(List<Tensor> images) {
        List<long[]> originalSizes = new ArrayList<>();
        for (Tensor img : images) {
            if (img.dim() < 2) {
                throw new IllegalArgumentException("expecting the last two dimensions of the Tensor to be H and W instead got "
                        + Arrays.toString(img.shape()));
            }
            originalSizes.add(new long[] {img.size(-2), img.size(-1)});
        }
        return originalSizes;
    }

    /** torchvision's check of the resized targets: every box with positive height and width. */
    static void checkDegenerateBoxes(List<Target> targets) {
        if (targets == null) return;
        for (int i = 0; i < targets.size(); i++) {
            Tensor boxes = targets.get(i).boxes();
            Tensor degenerate = boxes.narrow(1, 2, 2).le(boxes.narrow(1, 0, 2)).any(1, false);
            if (degenerate.any().item() != 0) {
                long bb = Torch.where(degenerate).get(0).toLongArray()[0];
                throw new IllegalArgumentException("All bounding boxes should have positive height and width. Found invalid box "
                        + pyList(boxes.select(0, bb)) + " for target at index " + i + ".");
            }
        }
    }

    /** A 1-d tensor as Python prints {@code tensor.tolist()} of floats: {@code [1.0, 2.5, ...]}. */
    private static String pyList(Tensor t) {
        double[] v = t.toDouble().contiguous().toDoubleArray();
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < v.length; i++) {
            if (i > 0) sb.append(", ");
            sb.append(org.torch4j.vision.ops.PyRepr.of(v[i]));
        }
        return sb.append(']').toString();
    }
}
