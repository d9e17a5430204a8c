package org.torch4j.spi;

/**
 * Tells whether a device type can be used on this machine and, when not, why (no driver, no GPU,
 * a library that does not load). A device backend bundle registers one even when its backend stays
 * inactive, so that listings and errors can say what is missing.
 */
public interface DeviceProbe {

    /** The device type probed, e.g. {@code "cuda"}. */
    String deviceType();

    /** True when the device is usable. */
    boolean available();

    /** Why the device cannot be used ({@code null} when it can), e.g. the driver library that failed to load. */
    String reason();

    /** Details for listings when available (device names, driver version); may be empty. */
    default String details() {
        return "";
    }
}
