package org.torch4j.backend.cuda;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;

import java.io.PrintWriter;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;
import org.torch4j.Cuda;
import org.torch4j.spi.Backend;
import org.torch4j.spi.BackendRegistry;

/**
 * Runs the CUDA test suite where there is no Maven ({@code gpu-check} on a GPU machine): the tests of
 * this module and the parity suite, after a report of what the machine offers (driver, devices,
 * which GEMM runs). Exits 1 when a test fails; with {@code --require-gpu} (gpu-check passes it where
 * {@code nvidia-smi} sees a GPU), exits 2 at once when CUDA is unavailable, since every GPU test would
 * only be skipped.
 */
public final class DeviceTestRunner {

    private DeviceTestRunner() {}

    public static void main(String[] args) {
        CudaProbe probe = new CudaProbe();
        System.out.println("probe: " + (probe.available() ? "available, " + probe.details() : "unavailable: " + probe.reason()));
        Backend cuda = BackendRegistry.find("cuda");
        System.out.println("backend: " + (cuda == null ? "none (" + Cuda.unavailableReason() + ")" : cuda.describe()));
        if (java.util.Arrays.asList(args).contains("--require-gpu") && !Cuda.isAvailable()) {
            System.out.println("TESTS|not run: a GPU is present but CUDA is unavailable to torch4j: " + Cuda.unavailableReason());
            System.exit(2);
        }
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectPackage("org.torch4j.backend.cuda"), selectClass("org.torch4j.conformance.CudaParityTest"),
                        selectClass("org.torch4j.conformance.CudaApiFuzzTest"),
                        selectClass("org.torch4j.conformance.CudaAutogradProgramsTest"))
                .build();
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        long t0 = System.nanoTime();
        launcher.execute(request, listener);
        TestExecutionSummary s = listener.getSummary();
        PrintWriter out = new PrintWriter(System.out, true);
        s.printFailuresTo(out, 12);
        s.printTo(out);
        System.out.printf("TESTS|found=%d|succeeded=%d|failed=%d|skipped=%d|aborted=%d|seconds=%.1f%n", s.getTestsFoundCount(),
                s.getTestsSucceededCount(), s.getTotalFailureCount(), s.getTestsSkippedCount(), s.getTestsAbortedCount(),
                (System.nanoTime() - t0) / 1e9);
        System.exit(s.getTotalFailureCount() == 0 ? 0 : 1);
    }
}
