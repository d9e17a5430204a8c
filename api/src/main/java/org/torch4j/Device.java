package org.torch4j;

import java.util.Locale;

/**
 * Where a tensor lives: a device type ({@code "cpu"}, {@code "cuda"}) and, for devices with more
 * than one unit, an index. {@code Device.of("cuda:1")} parses PyTorch's string form.
 *
 * @param type  the device type, lower case
 * @param index the unit, or -1 for "the current one"
 */
public record Device(String type, int index) {

    /** The CPU, {@code torch.device("cpu")}; the default device. */
    public static final Device CPU = new Device("cpu", -1);

    /**
     * Normalises the type to lower case and checks both components.
     *
     * @throws IllegalArgumentException if the lower-cased type is not a letter followed by letters, digits or
     *                                  underscores, or the index is below -1
     */
    public Device {
        type = type.toLowerCase(Locale.ROOT);
        if (!type.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("invalid device type: '" + type + "'");
        }
        if (index < -1) {
            throw new IllegalArgumentException("Device index must be -1 or non-negative, got " + index);
        }
    }

    /** Parses {@code "cpu"}, {@code "cuda"} or {@code "cuda:1"}. */
    public static Device of(String spec) {
        int colon = spec.indexOf(':');
        if (colon < 0) {
            return spec.equalsIgnoreCase("cpu") ? CPU : new Device(spec, -1);
        }
        String type = spec.substring(0, colon);
        String idx = spec.substring(colon + 1);
        try {
            return new Device(type, Integer.parseInt(idx));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Invalid device string: '" + spec + "'", e);
        }
    }

    /** True for the CPU, whatever the index. */
    public boolean isCpu() {
        return type.equals("cpu");
    }

    @Override
    public String toString() {
        return index < 0 ? type : type + ":" + index;
    }
}
