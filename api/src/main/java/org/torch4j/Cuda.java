package org.torch4j;

import org.torch4j.spi.Backend;
import org.torch4j.spi.BackendRegistry;
import org.torch4j.spi.DeviceProbe;
import org.torch4j.spi.DeviceRuntime;

/**
 * {@code torch.cuda}: whether CUDA can be used, synchronisation and memory statistics. Works
 * whether or not the CUDA backend is installed: without it (or without a GPU) {@link #isAvailable}
 * is false, {@link #unavailableReason} says why, the statistics are 0 and {@link #synchronize} fails
 * with that reason. Device indices: -1 (or the no-argument forms) mean the current device, 0.
 */
public final class Cuda {

    private static volatile boolean allowTf32;
    private static volatile boolean allowConvTf32 = true;

    private Cuda() {}

    /** The CUDA backend's runtime, or null when none is registered. */
    private static DeviceRuntime runtime() {
        Backend b = BackendRegistry.find("cuda");
        return b instanceof DeviceRuntime r ? r : null;
    }

    private static DeviceRuntime require() {
        DeviceRuntime r = runtime();
        if (r == null || r.deviceCount() == 0) throw new IllegalStateException(unavailableReason());
        return r;
    }

    /** True when a CUDA backend is installed and sees at least one device ({@code torch.cuda.is_available}). */
    public static boolean isAvailable() {
        DeviceRuntime r = runtime();
        return r != null && r.deviceCount() > 0;
    }

    /** Why CUDA cannot be used ({@code null} when it can): a missing bundle, driver or device. */
    public static String unavailableReason() {
        if (isAvailable()) return null;
        for (DeviceProbe p : BackendRegistry.probes()) {
            if (p.deviceType().equals("cuda") && !p.available()) return "CUDA is not available: " + p.reason();
        }
        return BackendRegistry.missingMessage("cuda");
    }

    /** The number of CUDA devices (0 when unavailable). */
    public static int deviceCount() {
        DeviceRuntime r = runtime();
        return r == null ? 0 : r.deviceCount();
    }

    /** Waits for all queued work on the current device. */
    public static void synchronize() {
        synchronize(0);
    }

    /** Waits for all queued work on {@code device}. */
    public static void synchronize(int device) {
        require().synchronize(index(device));
    }

    /** Bytes held by tensors on the current device ({@code torch.cuda.memory_allocated}). */
    public static long memoryAllocated() {
        return memoryAllocated(0);
    }

    /**
     * Bytes held by tensors on {@code device} ({@code torch.cuda.memory_allocated(device)}); -1 means device 0.
     * 0 when no CUDA backend is installed.
     */
    public static long memoryAllocated(int device) {
        DeviceRuntime r = runtime();
        return r == null ? 0 : r.memoryAllocated(index(device));
    }

    /** The peak of {@link #memoryAllocated} ({@code torch.cuda.max_memory_allocated}). */
    public static long maxMemoryAllocated() {
        return maxMemoryAllocated(0);
    }

    /**
     * The peak of {@link #memoryAllocated(int)} on {@code device} since the start or the last
     * {@link #resetPeakMemoryStats()}; -1 means device 0, and 0 comes back without a CUDA backend.
     */
    public static long maxMemoryAllocated(int device) {
        DeviceRuntime r = runtime();
        return r == null ? 0 : r.maxMemoryAllocated(index(device));
    }

    /** Bytes held from the driver, in use or cached ({@code torch.cuda.memory_reserved}). */
    public static long memoryReserved() {
        return memoryReserved(0);
    }

    /**
     * Bytes held from the driver on {@code device}, in use or cached ({@code torch.cuda.memory_reserved(device)});
     * -1 means device 0, and 0 comes back without a CUDA backend.
     */
    public static long memoryReserved(int device) {
        DeviceRuntime r = runtime();
        return r == null ? 0 : r.memoryReserved(index(device));
    }

    /** Restarts the peak statistics ({@code torch.cuda.reset_peak_memory_stats}). */
    public static void resetPeakMemoryStats() {
        DeviceRuntime r = runtime();
        if (r != null) r.resetPeakMemoryStats(0);
    }

    /** Returns cached, unused device memory to the driver ({@code torch.cuda.empty_cache}). */
    public static void emptyCache() {
        DeviceRuntime r = runtime();
        if (r != null) r.emptyCache();
    }

    /**
     * Lets float32 matrix products on CUDA use TF32 tensor cores
     * ({@code torch.backends.cuda.matmul.allow_tf32}); off by default, as in PyTorch.
     */
    public static void setAllowTf32(boolean allow) {
        allowTf32 = allow;
        DeviceRuntime r = runtime();
        if (r != null) r.setAllowTf32(allow);
    }

    /** Whether float32 matrix products may use TF32. */
    public static boolean allowTf32() {
        DeviceRuntime r = runtime();
        return r == null ? allowTf32 : r.allowTf32();
    }

    /**
     * Lets float32 convolutions on CUDA (forward, input and weight gradients) use TF32 tensor cores:
     * {@code torch.backends.cudnn.allow_tf32}, <b>on by default, as in PyTorch</b>, where matrix products
     * are off ({@link #setAllowTf32}). TF32 rounds the operands to 10 mantissa bits and accumulates in
     * float32 (relative errors near 1e-3); pass false where float32 results must match the CPU's.
     */
    public static void setAllowConvTf32(boolean allow) {
        allowConvTf32 = allow;
        DeviceRuntime r = runtime();
        if (r != null) r.setAllowConvTf32(allow);
    }

    /** Whether float32 convolutions may use TF32 (true unless turned off). */
    public static boolean allowConvTf32() {
        DeviceRuntime r = runtime();
        return r == null ? allowConvTf32 : r.allowConvTf32();
    }

    private static int index(int device) {
        if (device < -1) throw new IllegalArgumentException("Device index must be -1 or non-negative, got " + device);
        return Math.max(device, 0);
    }
}
