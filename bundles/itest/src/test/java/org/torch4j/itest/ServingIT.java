package org.torch4j.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.mavenBundle;
import static org.ops4j.pax.exam.CoreOptions.options;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;
import java.util.concurrent.Callable;
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
import org.osgi.service.cm.ConfigurationAdmin;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.Linear;
import org.torch4j.nn.Module;
import org.torch4j.nn.ReLU;
import org.torch4j.nn.Sequential;
import org.torch4j.onnx.Onnx;
import org.torch4j.serving.ModelRegistry;
import org.torch4j.serving.TensorJson;

/**
 * The serving bundle in Felix: it resolves (importing com.sun.net.httpserver from the system bundle, as
 * the runtime's launcher exports it), a Config Admin factory configuration deploys an ONNX model, a
 * configuration of org.torch4j.serving.http opens the endpoint, and an HTTP request gets the prediction.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
@SuppressWarnings("try") // the no-grad guards are used only for their scope
public class ServingIT {

    @Inject
    BundleContext context;

    @Inject
    ConfigurationAdmin configAdmin;

    @Configuration
    public Option[] config() {
        return options(Bundles.platform(),
                frameworkProperty("org.osgi.framework.system.packages.extra").value("com.sun.net.httpserver"),
                Bundles.project("torch4j.api.jar"), Bundles.project("torch4j.backend.cpu.jar"),
                mavenBundle("com.google.protobuf", "protobuf-java", System.getProperty("protobuf.version")),
                Bundles.project("torch4j.onnx.jar"), Bundles.project("torch4j.serving.jar"));
    }

    @Test
    public void aFactoryConfigurationDeploysAModelThatAnswersOverHttp() throws Exception {
        Bundle serving = java.util.Arrays.stream(context.getBundles())
                .filter(b -> "org.torch4j.serving".equals(b.getSymbolicName())).findFirst().orElseThrow();
        assertEquals("the serving bundle resolves and starts", Bundle.ACTIVE, serving.getState());

        Torch.manualSeed(0);
        Module mlp = Sequential.of(new Linear(4, 8), new ReLU(), new Linear(8, 2));
        mlp.eval();
        Path dir = Files.createTempDirectory("serving-it");
        Path file = dir.resolve("mlp.onnx");
        Onnx.export(mlp, Torch.randn(1, 4), file);

        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        org.osgi.service.cm.Configuration http = configAdmin.getConfiguration("org.torch4j.serving.http", "?");
        Dictionary<String, Object> hp = new Hashtable<>();
        hp.put("port", String.valueOf(port));
        http.update(hp);
        org.osgi.service.cm.Configuration model = configAdmin.createFactoryConfiguration("org.torch4j.serving.model", "?");
        Dictionary<String, Object> mp = new Hashtable<>();
        mp.put("name", "mlp");
        mp.put("path", file.toString());
        mp.put("batchSize", "4");
        model.update(mp);

        ModelRegistry registry = context.getService(context.getServiceReference(ModelRegistry.class));
        await(() -> registry.find("mlp").isPresent(), "the configuration deployed 'mlp'");
        assertEquals(4, registry.find("mlp").orElseThrow().maxBatchSize());

        HttpClient client = HttpClient.newHttpClient();
        URI base = URI.create("http://127.0.0.1:" + port + "/");
        await(() -> {
            try {
                return client.send(HttpRequest.newBuilder(base.resolve("ping")).build(), HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
            } catch (java.io.IOException e) {
                return false;
            }
        }, "the endpoint listens on port " + port);

        Tensor x = Torch.randn(3, 4);
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(base.resolve("predictions/mlp"))
                .POST(HttpRequest.BodyPublishers.ofString(TensorJson.encode(Map.of("input", x), "inputs"))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(r.body(), 200, r.statusCode());
        Tensor y = TensorJson.decode(r.body(), "outputs").get("output");
        Tensor expected;
        try (var g = Torch.noGrad()) {
            expected = mlp.forward(x);
        }
        assertTrue(r.body(), y.allclose(expected, 1e-5, 1e-6));
        System.out.println("Config Admin deployed mlp.onnx; POST /predictions/mlp answered " + y);

        model.delete();
        await(() -> registry.find("mlp").isEmpty(), "deleting the configuration unloads the model");
        HttpResponse<String> gone = client.send(HttpRequest.newBuilder(base.resolve("predictions/mlp"))
                .POST(HttpRequest.BodyPublishers.ofString(TensorJson.encode(Map.of("input", x), "inputs"))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(404, gone.statusCode());
        http.delete();
    }

    @Test
    public void aFileDroppedIntoTheWatchedFolderDeploysAModel() throws Exception {
        Torch.manualSeed(1);
        Module linear = new Linear(4, 3);
        Path dir = Files.createTempDirectory("serving-folder-it");
        Onnx.export(linear, Torch.randn(1, 4), dir.resolve("lin.onnx"));
        org.osgi.service.cm.Configuration folder = configAdmin.getConfiguration("org.torch4j.serving.folder", "?");
        Dictionary<String, Object> fp = new Hashtable<>();
        fp.put("folder", dir.toString());
        folder.update(fp);
        ModelRegistry registry = context.getService(context.getServiceReference(ModelRegistry.class));
        // no need to wait for the watch to start: files already there when it starts deploy too
        Files.writeString(dir.resolve("lin.cfg"), "path=lin.onnx\nversion=3\n");
        await(() -> registry.find("lin", "3").isPresent(), "the dropped lin.cfg deployed lin version 3");
        Tensor x = Torch.randn(2, 4);
        Tensor expected;
        try (var g = Torch.noGrad()) {
            expected = linear.forward(x);
        }
        assertTrue(registry.find("lin").orElseThrow().predict(x).allclose(expected, 1e-5, 1e-6));
        Files.delete(dir.resolve("lin.cfg"));
        await(() -> registry.find("lin").isEmpty(), "deleting lin.cfg unloaded the model");
        folder.delete();
    }

    private static void await(Callable<Boolean> condition, String what) throws Exception {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!condition.call() && System.nanoTime() < deadline) Thread.sleep(25);
        assertTrue(what + " within 20 s", condition.call());
    }
}
