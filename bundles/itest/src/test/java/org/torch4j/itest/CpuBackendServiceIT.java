package org.torch4j.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.ops4j.pax.exam.CoreOptions.options;

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
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;
import org.torch4j.spi.Backend;
import org.torch4j.spi.BackendRegistry;

/** Boots Felix with the api and the CPU backend: the backend arrives as a DS service and in the registry. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class CpuBackendServiceIT {

    @Inject
    BundleContext context;

    @Configuration
    public Option[] config() {
        return options(
                Bundles.platform(),
                Bundles.project("torch4j.api.jar"),
                Bundles.project("torch4j.backend.cpu.jar"));
    }

    @Test
    public void cpuBackendIsAServiceAndInTheRegistry() throws Exception {
        Backend service = waitForCpuBackend();
        assertEquals("cpu", service.deviceType());
        ServiceReference<Backend> ref = context.getServiceReference(Backend.class);
        assertEquals("cpu", ref.getProperty(Backend.DEVICE_PROPERTY));
        assertEquals("org.torch4j.backend.cpu", ref.getBundle().getSymbolicName());
        assertSame("the api's registry holds the same service object", service, BackendRegistry.find("cpu"));
    }

    @Test
    public void stoppingTheBackendBundleRemovesItFromTheRegistry() throws Exception {
        waitForCpuBackend();
        Bundle backend = bundle("org.torch4j.backend.cpu");
        backend.stop();
        assertNull(context.getServiceReference(Backend.class));
        assertNull(BackendRegistry.find("cpu"));
        try {
            BackendRegistry.require("cpu");
            fail("require should fail without a backend");
        } catch (IllegalStateException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("install and start the bundle org.torch4j.backend.cpu"));
        }
        backend.start();
        assertNotNull(waitForCpuBackend());
    }

    private Backend waitForCpuBackend() throws Exception {
        ServiceTracker<Backend, Backend> tracker = new ServiceTracker<>(context,
                context.createFilter("(&(objectClass=" + Backend.class.getName() + ")(device=cpu))"), null);
        tracker.open();
        try {
            Backend b = tracker.waitForService(10_000);
            assertNotNull("no Backend service with device=cpu within 10 s", b);
            return b;
        } finally {
            tracker.close();
        }
    }

    private Bundle bundle(String symbolicName) {
        for (Bundle b : context.getBundles()) {
            if (symbolicName.equals(b.getSymbolicName())) return b;
        }
        throw new AssertionError("bundle " + symbolicName + " is not installed");
    }
}
