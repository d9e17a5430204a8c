package org.torch4j.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.torch4j.DType;
import org.torch4j.Device;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.spi.Backend;
import org.torch4j.spi.BackendRegistry;
import org.torch4j.spi.Storage;

/**
 * Errors: each op fails with PyTorch's message (the essential part, {@code "expect"} in
 * {@code tensor_errors.json}) and leaves its inputs as they were. Device mismatches need a second
 * device: a stand-in backend for PyTorch's {@code meta} device allocates storage and computes nothing,
 * which is enough, since the check must come before any kernel runs.
 */
class ErrorTest {

    @TestFactory
    Stream<DynamicNode> pytorchReference() {
        return Conformance.errors(op -> true);
    }

    private static final Device META = Device.of("meta");
    private static Backend meta;

    @BeforeAll
    static void registerMetaDevice() {
        meta = (Backend) Proxy.newProxyInstance(Backend.class.getClassLoader(), new Class<?>[] {Backend.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "name" -> "meta (test)";
                    case "deviceType" -> "meta";
                    case "ranking" -> 0;
                    case "describe" -> "meta device stand-in";
                    case "setNumThreads" -> null;
                    case "allocate" -> metaStorage((DType) args[0], (Long) args[1]);
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "meta backend";
                    default -> throw new UnsupportedOperationException("the meta stand-in computes nothing: " + method.getName());
                });
        BackendRegistry.register(meta, Map.of(Backend.DEVICE_PROPERTY, "meta"));
    }

    @AfterAll
    static void unregisterMetaDevice() {
        BackendRegistry.unregister(meta);
    }

    private static Storage metaStorage(DType dtype, long size) {
        return new Storage(dtype, size) {
            @Override
            public Device device() {
                return META;
            }

            @Override
            public String ownerName() {
                return "meta (test)";
            }

            @Override
            public String unusableReason() {
                return null;
            }

            @Override
            protected void free() {}
        };
    }

    /** The ops PyTorch checks devices for, each with a CPU and a meta operand (both with dimensions). */
    @TestFactory
    Stream<DynamicNode> deviceMismatch() {
        String expect = "Expected all tensors to be on the same device, but found at least two devices";
        Map<String, Consumer<Tensor[]>> ops = new java.util.LinkedHashMap<>();
        ops.put("add", t -> t[0].add(t[1]));
        ops.put("add_reversed", t -> t[1].add(t[0]));
        ops.put("mul", t -> t[0].mul(t[1]));
        ops.put("div", t -> t[0].div(t[1]));
        ops.put("eq", t -> t[0].eq(t[1]));
        ops.put("maximum", t -> t[0].maximum(t[1]));
        ops.put("atan2", t -> t[0].atan2(t[1]));
        ops.put("pow", t -> t[0].pow(t[1]));
        ops.put("add_", t -> t[0].add_(t[1]));
        ops.put("mul_", t -> t[0].mul_(t[1]));
        ops.put("where", t -> Torch.where(t[0].gt(0.0), t[0], t[1]));
        ops.put("lerp", t -> t[0].lerp(t[1], 0.5));
        ops.put("addcmul", t -> t[0].addcmul(t[0], t[1], 1.0));
        ops.put("mm", t -> t[0].mm(t[1]));
        ops.put("matmul", t -> t[0].matmul(t[1]));
        ops.put("cat", t -> Torch.cat(List.of(t[0], t[1]), 0));
        return ops.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
            Tensor cpu = Torch.tensor(new float[] {1, 2, 3, 4}, 2, 2);
            Tensor other = Torch.zeros(new long[] {2, 2}, DType.FLOAT32, META);
            RuntimeException ex = assertThrows(RuntimeException.class, () -> e.getValue().accept(new Tensor[] {cpu, other}));
            assertTrue(String.valueOf(ex.getMessage()).contains(expect),
                    e.getKey() + ": expected \"" + expect + "\" but got " + ex);
            assertArrayEquals(new float[] {1, 2, 3, 4}, cpu.toFloatArray(), e.getKey() + " changed its CPU input");
        }));
    }
}
