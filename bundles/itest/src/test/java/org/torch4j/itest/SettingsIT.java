package org.torch4j.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.options;

import java.util.Dictionary;
import java.util.Hashtable;
import java.util.function.BooleanSupplier;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;
import org.osgi.service.cm.ConfigurationAdmin;
import org.torch4j.Device;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/** Config Admin (PID org.torch4j) changes threads and the default device while the runtime runs. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class SettingsIT {

    @Inject
    ConfigurationAdmin configAdmin;

    @Configuration
    public Option[] config() {
        return options(Bundles.platform(), Bundles.project("torch4j.api.jar"), Bundles.project("torch4j.backend.cpu.jar"));
    }

    @Test
    public void changesApplyWithoutARestart() throws Exception {
        org.osgi.service.cm.Configuration config = configAdmin.getConfiguration("org.torch4j", "?");
        Dictionary<String, Object> props = new Hashtable<>();
        props.put("threads", "1");
        config.update(props);
        await(() -> Torch.getNumThreads() == 1, "threads=1 applied");
        Tensor a = Torch.arange(1_000_000).to(org.torch4j.DType.FLOAT64);
        assertEquals(499999500000.0, a.sum().item(), 1e6);

        props.put("threads", "2");
        props.put("device", "cpu");
        config.update(props);
        await(() -> Torch.getNumThreads() == 2, "threads=2 applied");
        assertEquals(Device.CPU, Torch.getDefaultDevice());
        assertEquals(499999500000.0, a.sum().item(), 1e6);

        props.put("device", "cuda");
        config.update(props);
        await(() -> Torch.getDefaultDevice().type().equals("cuda"), "device=cuda applied");
        config.delete();
        await(() -> Torch.getDefaultDevice().equals(Device.CPU), "deleting the configuration restores the cpu default");
        System.out.println("Config Admin: threads 1 -> 2 and device cpu -> cuda -> cpu applied live");
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) Thread.sleep(20);
        assertTrue(what + " within 10 s", condition.getAsBoolean());
    }
}
