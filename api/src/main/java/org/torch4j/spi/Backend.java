package org.torch4j.spi;

/**
 * A compute backend: the small set of primitive kernels that one kind of device implements.
 *
 * <p>Everything above the primitives (composite ops, autograd, views, nn) lives in the api and is
 * written once. Backends are found by {@link BackendRegistry}: inside OSGi they are services with the
 * properties {@value #DEVICE_PROPERTY} and {@code service.ranking}; on a plain classpath they are
 * listed in {@code META-INF/services/org.torch4j.spi.Backend}.
 */
public interface Backend {

    /** The OSGi service property naming the device type a backend serves ({@code cpu}, {@code cuda}). */
    String DEVICE_PROPERTY = "device";

    /** A short name for messages and listings, e.g. {@code "java-cpu"}. */
    String name();

    /** The device type this backend computes on: {@code "cpu"} or {@code "cuda"}. */
    String deviceType();

    /**
     * The rank used outside OSGi to choose between backends for the same device (higher wins),
     * mirroring the {@code service.ranking} property of the OSGi service.
     */
    default int ranking() {
        return 0;
    }

    /** One line describing the backend's state (threads, SIMD, driver), for {@code info} listings. */
    default String describe() {
        return name();
    }
}
