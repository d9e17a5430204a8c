package org.torch4j.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.ops4j.pax.exam.CoreOptions.options;

import java.io.FileInputStream;
import java.io.InputStream;
import java.lang.ref.WeakReference;
import java.lang.reflect.Method;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.util.tracker.ServiceTracker;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.distributions.Normal;
import org.torch4j.linalg.Linalg;
import org.torch4j.nn.F;
import org.torch4j.nn.Linear;
import org.torch4j.optim.SGD;
import org.torch4j.platform.Catalog;
import org.torch4j.platform.ModelProvider;
import org.torch4j.spi.Backend;
import org.torch4j.spi.BackendRegistry;
import org.torch4j.spi.DeviceProbe;

/** The platform in a real Felix: computation, hot swap of the CPU backend, CUDA without a GPU, plug-in bundles. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class PlatformIT {

    @Inject
    BundleContext context;

    @Configuration
    public Option[] config() {
        return options(Bundles.platform(), Bundles.project("torch4j.api.jar"), Bundles.project("torch4j.backend.cpu.jar"),
                Bundles.project("torch4j.commands.jar"));
    }

    @Test
    public void computesAndTrainsInsideOsgi() throws Exception {
        waitForCpu();
        assertEquals(6.0, Torch.ones(3).mul(2.0).sum().item(), 0);
        Torch.manualSeed(0);
        Tensor x = Torch.randn(32, 4), y = x.sum(new int[] {1}, true);
        Linear model = new Linear(4, 1);
        SGD opt = new SGD(model.parameters(), 0.1);
        double before = F.mseLoss(model.forward(x), y).item();
        Tensor loss = F.mseLoss(model.forward(x), y);
        opt.zeroGrad();
        loss.backward();
        opt.step();
        double after = F.mseLoss(model.forward(x), y).item();
        assertTrue("one SGD step lowers the loss: " + before + " -> " + after, after < before);
        // the api bundle's other exported packages resolve and compute here too
        Tensor a = Torch.tensor(new double[] {4, 1, 2, 3}, 2, 2);
        assertEquals(0.6, Linalg.solve(a, Torch.tensor(new double[] {1, 2}, 2)).get(1).item(), 1e-12);
        assertEquals(-0.5 * Math.log(2 * Math.PI), new Normal(0.0, 1.0).logProb(Torch.zeros(1)).item(), 1e-6);
    }

    @Test
    public void tensorsOutliveAStoppedUpdatedAndRestartedCpuBackend() throws Exception {
        waitForCpu();
        Tensor t = Torch.arange(6).toFloat().reshape(2, 3);
        Tensor view = t.t();
        Bundle backend = bundle("org.torch4j.backend.cpu");
        backend.stop();
        assertNull(BackendRegistry.find("cpu"));
        try {
            t.add(1.0);
            fail("no backend: the op must fail");
        } catch (IllegalStateException e) {
            assertTrue(e.getMessage(), e.getMessage().startsWith("No backend for device type 'cpu' is available"));
        }
        try (InputStream rebuilt = new FileInputStream(new java.io.File(new URI(Bundles.location("torch4j.backend.cpu.jar"))))) {
            backend.update(rebuilt);
        }
        refresh();
        backend.start();
        waitForCpu();
        assertEquals(List.of(1f, 2f, 3f, 4f, 5f, 6f).toString(), floats(t.add(1.0)).toString());
        assertEquals(List.of(0f, 3f, 1f, 4f, 2f, 5f).toString(), floats(view.contiguous()).toString());
    }

    @Test
    public void installingAndUninstallingTheBackend50TimesLeaksNoClassLoaders() throws Exception {
        waitForCpu();
        String location = Bundles.location("torch4j.backend.cpu.jar");
        bundle("org.torch4j.backend.cpu").uninstall();
        refresh();
        List<WeakReference<ClassLoader>> loaders = new ArrayList<>();
        Runtime rt = Runtime.getRuntime();
        long heapBefore = usedHeapAfterGc();
        for (int i = 0; i < 50; i++) {
            Bundle b = context.installBundle(location);
            b.start();
            Backend cpu = waitForCpu();
            loaders.add(new WeakReference<>(cpu.getClass().getClassLoader()));
            assertEquals(10.0, Torch.arange(5).toFloat().sum().item(), 0);
            b.stop();
            b.uninstall();
            refresh();
        }
        int alive = 0;
        for (int round = 0; round < 10 && (alive = countAlive(loaders)) > 1; round++) {
            System.gc();
            Thread.sleep(100);
        }
        long heapAfter = usedHeapAfterGc();
        System.out.printf("50 install/uninstall cycles: %d of 50 backend class loaders still reachable; heap after GC %d KB -> %d KB%n",
                alive, heapBefore >> 10, heapAfter >> 10);
        assertTrue("class loaders leak: " + alive + " of 50 still reachable", alive <= 1);
        assertTrue("heap grew by " + ((heapAfter - heapBefore) >> 20) + " MB", heapAfter - heapBefore < (32L << 20));
        assertNotNull(rt);
    }

    @Test
    public void inferenceOnEightThreadsSurvivesBackendUpdates() throws Exception {
        waitForCpu();
        Tensor w = Torch.arange(16).toFloat().reshape(4, 4).div(10.0);
        Tensor x = Torch.ones(8, 4);
        double expected = x.matmul(w).relu().sum().item();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger ok = new AtomicInteger(), documented = new AtomicInteger();
        ConcurrentLinkedQueue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
        CountDownLatch done = new CountDownLatch(8);
        for (int i = 0; i < 8; i++) {
            Thread t = new Thread(() -> {
                try {
                    while (!stop.get()) {
                        try {
                            double v = x.matmul(w).relu().sum().item();
                            if (v != expected) unexpected.add(new AssertionError("wrong value " + v + " != " + expected));
                            ok.incrementAndGet();
                        } catch (IllegalStateException e) {
                            if (e.getMessage() != null && e.getMessage().startsWith("No backend for device type 'cpu' is available")) {
                                documented.incrementAndGet();
                            } else {
                                unexpected.add(e);
                            }
                        } catch (Throwable e) {
                            unexpected.add(e);
                        }
                    }
                } finally {
                    done.countDown();
                }
            }, "inference-" + i);
            t.setDaemon(true);
            t.start();
        }
        Bundle backend = bundle("org.torch4j.backend.cpu");
        for (int u = 0; u < 5; u++) {
            Thread.sleep(200);
            try (InputStream rebuilt = new FileInputStream(new java.io.File(new URI(Bundles.location("torch4j.backend.cpu.jar"))))) {
                backend.update(rebuilt);
            }
            waitForCpu();
        }
        Thread.sleep(200);
        stop.set(true);
        assertTrue("inference threads did not finish: deadlock?", done.await(60, TimeUnit.SECONDS));
        System.out.printf("8 threads during 5 backend updates: %d calls succeeded, %d raised the documented error%n", ok.get(),
                documented.get());
        if (!unexpected.isEmpty()) {
            AssertionError e = new AssertionError(unexpected.size() + " unexpected failures, first: " + unexpected.peek());
            e.initCause(unexpected.peek());
            throw e;
        }
        assertTrue(ok.get() > 0);
        refresh();
    }

    @Test
    public void cudaBundleWithoutAGpuStaysInactiveAndSaysWhy() throws Exception {
        waitForCpu();
        Bundle jcuda = context.installBundle(Bundles.location("torch4j.jcuda.jar"));
        Bundle cuda = context.installBundle(Bundles.location("torch4j.backend.cuda.jar"));
        jcuda.start();
        cuda.start();
        assertEquals(Bundle.ACTIVE, cuda.getState());
        ServiceTracker<DeviceProbe, DeviceProbe> probes = new ServiceTracker<>(context, DeviceProbe.class, null);
        probes.open();
        try {
            DeviceProbe probe = probes.waitForService(10_000);
            assertNotNull("the CUDA bundle registers its probe", probe);
            if (probe.available()) return; // a machine with a GPU: nothing more to check here
            assertFalse(probe.available());
            assertNull("no cuda backend without a driver", BackendRegistry.find("cuda"));
            try {
                Torch.device("cuda");
                fail("Torch.device(\"cuda\") must fail without a driver");
            } catch (IllegalStateException e) {
                assertTrue(e.getMessage(), e.getMessage().startsWith("No backend for device type 'cuda' is available: no usable NVIDIA driver"));
            }
            String listing = shell("backends");
            assertTrue(listing, listing.contains("cuda    -         unavailable: no usable NVIDIA driver"));
            assertEquals(6.0, Torch.ones(3).mul(2.0).sum().item(), 0);
        } finally {
            probes.close();
        }
    }

    @Test
    public void visionBundleContributesModelsUntilUninstalled() throws Exception {
        waitForCpu();
        Bundle vision = context.installBundle(Bundles.location("torch4j.vision.jar"));
        vision.start();
        ServiceTracker<ModelProvider, ModelProvider> models = new ServiceTracker<>(context, ModelProvider.class, null);
        models.open();
        try {
            assertNotNull(models.waitForService(10_000));
            assertTrue(Catalog.model("lenet5").isPresent());
            assertTrue(shell("models"), shell("models").contains("lenet5"));
            assertEquals(10, Catalog.model("lenet5").get().create(Map.of()).forward(Torch.zeros(1, 1, 28, 28)).size(1));
            vision.uninstall();
            assertFalse(Catalog.model("lenet5").isPresent());
            assertFalse(shell("models").contains("lenet5"));
        } finally {
            models.close();
        }
    }

    @Test
    public void onnxRuntimeLoadsItsNativesInsideFelix() throws Exception {
        java.nio.file.Path model = java.nio.file.Path.of("/usr/share/libonnx-testdata/data/node/test_abs/model.onnx");
        org.junit.Assume.assumeTrue("libonnx-testdata is not installed", java.nio.file.Files.exists(model));
        Bundle ort = context.installBundle(Bundles.location("torch4j.onnxruntime.jar"));
        ort.start();
        // the probe imports ai.onnxruntime from the wrapper: the classes come from the bundle, the natives
        // from its Bundle-NativeCode
        Class<?> env = ort.loadClass("ai.onnxruntime.OrtEnvironment");
        assertEquals(ort, org.osgi.framework.FrameworkUtil.getBundle(env));
        ai.onnxruntime.OrtEnvironment e = ai.onnxruntime.OrtEnvironment.getEnvironment();
        try (ai.onnxruntime.OrtSession s = e.createSession(model.toString(), new ai.onnxruntime.OrtSession.SessionOptions())) {
            float[] in = new float[60];
            for (int i = 0; i < in.length; i++) in[i] = i % 2 == 0 ? -i : i;
            try (ai.onnxruntime.OnnxTensor x = ai.onnxruntime.OnnxTensor.createTensor(e, java.nio.FloatBuffer.wrap(in), new long[] {3, 4, 5});
                 ai.onnxruntime.OrtSession.Result r = s.run(Map.of("x", x))) {
                float[][][] y = (float[][][]) r.get(0).getValue();
                assertEquals(58f, y[2][3][3], 0);
                assertEquals(59f, y[2][3][4], 0);
            }
        }
    }

    /** Calls a torch4j Gogo command the way Gogo does: a method of the service with the command's name. */
    private String shell(String function) throws Exception {
        ServiceReference<?>[] refs = context.getServiceReferences((String) null, "(osgi.command.scope=torch4j)");
        assertNotNull("the torch4j shell commands are registered", refs);
        Object commands = context.getService(refs[0]);
        Method m = commands.getClass().getMethod(function);
        return (String) m.invoke(commands);
    }

    private Backend waitForCpu() throws Exception {
        ServiceTracker<Backend, Backend> tracker = new ServiceTracker<>(context,
                context.createFilter("(&(objectClass=" + Backend.class.getName() + ")(device=cpu))"), null);
        tracker.open();
        try {
            Backend b = tracker.waitForService(10_000);
            assertNotNull("no cpu backend within 10 s", b);
            for (int i = 0; i < 100 && BackendRegistry.find("cpu") == null; i++) Thread.sleep(10);
            return b;
        } finally {
            tracker.close();
        }
    }

    private void refresh() throws InterruptedException {
        CountDownLatch refreshed = new CountDownLatch(1);
        context.getBundle(0).adapt(FrameworkWiring.class).refreshBundles(null, e -> {
            if (e.getType() == FrameworkEvent.PACKAGES_REFRESHED) refreshed.countDown();
        });
        assertTrue("refresh did not finish", refreshed.await(30, TimeUnit.SECONDS));
    }

    private Bundle bundle(String symbolicName) {
        for (Bundle b : context.getBundles()) if (symbolicName.equals(b.getSymbolicName())) return b;
        throw new AssertionError("bundle " + symbolicName + " is not installed");
    }

    private static int countAlive(List<WeakReference<ClassLoader>> refs) {
        int n = 0;
        for (WeakReference<ClassLoader> r : refs) if (r.get() != null) n++;
        return n;
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
        }
        return rt.totalMemory() - rt.freeMemory();
    }

    private static List<Float> floats(Tensor t) {
        List<Float> l = new ArrayList<>();
        for (float f : t.toFloatArray()) l.add(f);
        return l;
    }
}
