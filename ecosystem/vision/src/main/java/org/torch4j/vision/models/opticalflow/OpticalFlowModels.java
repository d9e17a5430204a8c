package org.torch4j.vision.models.opticalflow;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The optical flow models by torchvision's builder names ({@code raft_large}, {@code raft_small}), freshly
 * initialised. They are listed here rather than in {@link org.torch4j.vision.models.Models}, whose models are
 * created for a number of classes and map one image to one tensor: RAFT has no classes and maps two images to a
 * list of flows.
 */
public final class OpticalFlowModels {
    private OpticalFlowModels() {}

    /** What a name builds, and a line for listings. */
    private record Entry(Supplier<RAFT> builder, String description) {}

    private static final Map<String, Entry> MODELS = new LinkedHashMap<>();

    static {
        MODELS.put("raft_large", new Entry(RAFT::raftLarge, "RAFT (torchvision's raft_large), 5.3M parameters"));
        MODELS.put("raft_small", new Entry(RAFT::raftSmall, "RAFT small (torchvision's raft_small), 1.0M parameters"));
    }

    /** Every name {@link #create} accepts, in a fixed order. */
    public static List<String> names() {
        return List.copyOf(MODELS.keySet());
    }

    /** One line describing the model {@code name}. */
    public static String description(String name) {
        return entry(name).description();
    }

    /**
     * A new model {@code name}, initialised as torchvision's.
     *
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    public static RAFT create(String name) {
        return entry(name).builder().get();
    }

    private static Entry entry(String name) {
        Entry e = MODELS.get(name);
        if (e == null) throw new IllegalArgumentException("unknown optical flow model '" + name + "'; known: " + String.join(", ", MODELS.keySet()));
        return e;
    }
}
