package org.torch4j.vision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.torch4j.Torch;
import org.torch4j.io.Json;
import org.torch4j.nn.Module;
import org.torch4j.vision.models.Models;
import org.torch4j.vision.models.detection.DetectionModels;
import org.torch4j.vision.models.opticalflow.OpticalFlowModels;

/**
 * Every model of the catalogs ({@link Models}, {@link DetectionModels}, {@link OpticalFlowModels}) prints ({@code toString()}) and names its modules
 * ({@code namedModules()}: names and class names) as torchvision 0.14's {@code repr(model)} and
 * {@code named_modules()} do (tools/gen_vision_reprs.py, reference/vision/reprs.json.gz), and forward hooks on
 * every module of a few models fire as often as torchvision's (one 32x32 image).
 */
class VisionReprTest {

    /** Catalog models that are not torchvision's, so have no reference tree. */
    private static final Map<String, String> NOT_TORCHVISION = Map.of(
            "lenet5", "torch4j's own LeNet-5; torchvision has none");

    /**
     * The larger members of a family, built from the same classes as the member checked in their place: building
     * them all (seeded initialisation of up to 145M parameters each) would take minutes, so the test checks that
     * torchvision's tree of each uses only the module classes of the checked member's tree. With
     * {@code -Dtorch4j.vision.reprs.all=true} they are built and compared in full, as the others (about two minutes).
     */
    private static final Map<String, String> CHECKED_AS = Map.ofEntries(
            Map.entry("resnet34", "resnet18"), Map.entry("resnet101", "resnet50"), Map.entry("resnet152", "resnet50"),
            Map.entry("resnext50_32x4d", "resnet50"), Map.entry("resnext101_32x8d", "resnet50"),
            Map.entry("resnext101_64x4d", "resnet50"), Map.entry("wide_resnet50_2", "resnet50"),
            Map.entry("wide_resnet101_2", "resnet50"),
            Map.entry("vgg11", "vgg11_bn"), Map.entry("vgg13", "vgg11_bn"), Map.entry("vgg13_bn", "vgg11_bn"),
            Map.entry("vgg16", "vgg11_bn"), Map.entry("vgg16_bn", "vgg11_bn"), Map.entry("vgg19", "vgg11_bn"),
            Map.entry("vgg19_bn", "vgg11_bn"),
            Map.entry("vit_b_16", "vit_small"), Map.entry("vit_b_32", "vit_small"),
            Map.entry("densenet161", "densenet121"), Map.entry("densenet169", "densenet121"),
            Map.entry("densenet201", "densenet121"),
            Map.entry("efficientnet_b1", "efficientnet_b0"), Map.entry("efficientnet_b2", "efficientnet_b0"),
            Map.entry("efficientnet_b3", "efficientnet_b0"), Map.entry("efficientnet_b4", "efficientnet_b0"),
            Map.entry("efficientnet_b5", "efficientnet_b0"), Map.entry("efficientnet_b6", "efficientnet_b0"),
            Map.entry("efficientnet_b7", "efficientnet_b0"),
            Map.entry("efficientnet_v2_m", "efficientnet_v2_s"), Map.entry("efficientnet_v2_l", "efficientnet_v2_s"),
            Map.entry("convnext_small", "convnext_tiny"), Map.entry("convnext_base", "convnext_tiny"),
            Map.entry("regnet_y_800mf", "regnet_y_400mf"), Map.entry("regnet_y_1_6gf", "regnet_y_400mf"),
            Map.entry("regnet_y_3_2gf", "regnet_y_400mf"), Map.entry("regnet_y_8gf", "regnet_y_400mf"),
            Map.entry("regnet_y_16gf", "regnet_y_400mf"), Map.entry("regnet_y_32gf", "regnet_y_400mf"),
            Map.entry("regnet_x_800mf", "regnet_x_400mf"), Map.entry("regnet_x_1_6gf", "regnet_x_400mf"),
            Map.entry("regnet_x_3_2gf", "regnet_x_400mf"), Map.entry("regnet_x_8gf", "regnet_x_400mf"),
            Map.entry("regnet_x_16gf", "regnet_x_400mf"), Map.entry("regnet_x_32gf", "regnet_x_400mf"),
            Map.entry("mnasnet0_75", "mnasnet0_5"), Map.entry("mnasnet1_0", "mnasnet0_5"), Map.entry("mnasnet1_3", "mnasnet0_5"),
            Map.entry("shufflenet_v2_x1_0", "shufflenet_v2_x0_5"), Map.entry("squeezenet1_1", "squeezenet1_0"),
            Map.entry("mobilenet_v3_large", "mobilenet_v3_small"),
            Map.entry("swin_s", "swin_t"), Map.entry("swin_b", "swin_t"),
            Map.entry("swin_v2_s", "swin_v2_t"), Map.entry("swin_v2_b", "swin_v2_t"),
            Map.entry("r3d_18", "mc3_18"), Map.entry("mvit_v1_b", "mvit_v2_s"),
            Map.entry("fasterrcnn_mobilenet_v3_large_fpn", "fasterrcnn_mobilenet_v3_large_320_fpn"),
            Map.entry("retinanet_resnet50_fpn", "retinanet_resnet50_fpn_v2"));

    /**
     * A text of torchvision's repr that torch4j prints otherwise, and why; the test asserts that torchvision's repr
     * has it, puts torch4j's text in its place, and then wants the whole repr equal.
     */
    private record Difference(String torchvision, String torch4j, String reason) {}

    private static final Difference MVIT_POOL = new Difference(
            "MaxPool3d(kernel_size=[1, 3, 3], stride=[1, 2, 2], padding=[0, 1, 1],",
            "MaxPool3d(kernel_size=(1, 3, 3), stride=(1, 2, 2), padding=(0, 1, 1),",
            "torchvision passes Python lists to the skip connection's nn.MaxPool3d, which prints them as lists;"
                    + " torch4j's MaxPool3d takes long[] and prints them as PyTorch prints tuples");

    /** The differences that remain, by model (mvit_v1_b's applies when it is built in full). */
    private static final Map<String, List<Difference>> KNOWN_DIFFERENCES = Map.of(
            "mvit_v1_b", List.of(MVIT_POOL), "mvit_v2_s", List.of(MVIT_POOL));

    @TestFactory
    Stream<DynamicTest> everyCatalogModelPrintsAndNamesItsModulesAsTorchvision() {
        Map<String, Object> models = VisionReference.map(load().get("models"));
        List<DynamicTest> tests = new ArrayList<>();
        List<String> names = new ArrayList<>(Models.names());
        names.addAll(DetectionModels.names());
        names.addAll(OpticalFlowModels.names());
        for (String name : names) {
            if (NOT_TORCHVISION.containsKey(name)) {
                tests.add(DynamicTest.dynamicTest(name + " (not torchvision's)", () -> assertFalse(models.containsKey(name))));
                continue;
            }
            String checkedAs = Boolean.getBoolean("torch4j.vision.reprs.all") ? null : CHECKED_AS.get(name);
            if (checkedAs != null) {
                tests.add(DynamicTest.dynamicTest(name + " (its classes through " + checkedAs + ")", () -> {
                    assertTrue(models.containsKey(name), name + " missing in reprs.json.gz: rerun tools/gen_vision_reprs.py");
                    Set<String> classes = classes(models.get(name));
                    classes.removeAll(classes(models.get(checkedAs)));
                    assertEquals(Set.of(), classes, name + "'s module classes that " + checkedAs + " lacks");
                }));
                continue;
            }
            tests.add(DynamicTest.dynamicTest(name, () -> {
                assertTrue(models.containsKey(name), name + " missing in reprs.json.gz: rerun tools/gen_vision_reprs.py");
                Map<String, Object> expected = VisionReference.map(models.get(name));
                Module model = build(name);
                String repr = model.toString();
                String modules = modules(model);
                String expectedModules = expectedModules(expected.get("modules"));
                String expectedRepr = (String) expected.get("repr");
                for (Difference d : KNOWN_DIFFERENCES.getOrDefault(name, List.of())) {
                    assertTrue(expectedRepr.contains(d.torchvision()), name + ": torchvision no longer prints " + d.torchvision());
                    expectedRepr = expectedRepr.replace(d.torchvision(), d.torch4j());
                }
                assertEquals(expectedRepr, repr, name + ": toString() against torchvision's repr");
                assertEquals(expectedModules, modules, name + ": namedModules() against torchvision's named_modules()");
            }));
        }
        for (String name : KNOWN_DIFFERENCES.keySet()) assertTrue(models.containsKey(name), name);
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> forwardHooksOnEveryModuleFireAsOftenAsTorchvisions() {
        Map<String, Object> calls = VisionReference.map(load().get("hook_calls"));
        return calls.keySet().stream().sorted().map(name -> DynamicTest.dynamicTest(name, () -> {
            Torch.manualSeed(0);
            Module model = Models.create(name, 1000).eval();
            Map<String, Integer> counted = new TreeMap<>();
            for (Map.Entry<String, Module> e : model.namedModules().entrySet()) {
                counted.put(e.getKey(), 0);
                e.getValue().registerForwardHook((module, args, output) -> {
                    counted.merge(e.getKey(), 1, Integer::sum);
                    return null;
                });
            }
            try (var g = Torch.noGrad()) {
                model.call(Torch.randn(1, 3, 32, 32));
            }
            Map<String, Integer> expected = new TreeMap<>();
            VisionReference.map(calls.get(name)).forEach((k, v) -> expected.put(k, ((Number) v).intValue()));
            assertEquals(expected, counted, name + ": forward hook calls per module against torchvision's");
        }));
    }

    /** The catalog's model {@code name} with torchvision's default number of classes (detection: 91, keypoints: 2). */
    private static Module build(String name) {
        if (DetectionModels.names().contains(name)) return DetectionModels.create(name, name.startsWith("keypointrcnn_") ? 2 : 91);
        if (OpticalFlowModels.names().contains(name)) return OpticalFlowModels.create(name);
        return Models.create(name, defaultClasses(name));
    }

    /** torchvision's default classes: 21 for segmentation, 400 for video, else 1000. */
    private static int defaultClasses(String name) {
        if (name.startsWith("fcn_") || name.startsWith("deeplabv3_") || name.startsWith("lraspp_")) return 21;
        if (name.equals("r3d_18") || name.equals("mc3_18") || name.equals("r2plus1d_18") || name.startsWith("mvit_")
                || name.equals("s3d")) return 400;
        return 1000;
    }

    /**
     * One "name Class" line per module, the root's name empty, as named_modules() lists them; the class is the
     * name the module prints (torch4j's classes print as torchvision's where Java names them otherwise).
     */
    private static String modules(Module model) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, Module> e : model.namedModules().entrySet()) {
            String printed = e.getValue().toString();
            sb.append(e.getKey()).append(' ').append(printed, 0, printed.indexOf('(')).append('\n');
        }
        return sb.toString();
    }

    /** The class names of torchvision's tree of a model. */
    private static Set<String> classes(Object model) {
        Set<String> out = new TreeSet<>();
        for (Object o : VisionReference.list(VisionReference.map(model).get("modules"))) out.add((String) VisionReference.list(o).get(1));
        return out;
    }

    private static String expectedModules(Object modules) {
        StringBuilder sb = new StringBuilder();
        for (Object o : VisionReference.list(modules)) {
            List<Object> pair = VisionReference.list(o);
            sb.append(pair.get(0)).append(' ').append(pair.get(1)).append('\n');
        }
        return sb.toString();
    }

    private static Map<String, Object> reference;

    private static synchronized Map<String, Object> load() {
        if (reference != null) return reference;
        try (InputStream in = VisionReprTest.class.getResourceAsStream("/reference/vision/reprs.json.gz")) {
            if (in == null) throw new IllegalStateException("missing reference/vision/reprs.json.gz (run tools/gen_vision_reprs.py)");
            reference = VisionReference.map(Json.parse(new String(new GZIPInputStream(in).readAllBytes(), StandardCharsets.UTF_8)));
            return reference;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
