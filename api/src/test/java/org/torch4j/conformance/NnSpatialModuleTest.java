package org.torch4j.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.Executable;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.F;
import org.torch4j.nn.Module;

/**
 * The reprs and state_dict keys of the spatial modules' other constructor forms, and PyTorch's error
 * (type and wording) for the bad inputs of the spatial functions and modules
 * ({@code reference/nn/spatial_modules.json}, written by {@code tools/gen_nn_spatial_reference.py}).
 */
class NnSpatialModuleTest {

    private static Module module(String key) {
        throw new IllegalArgumentException("unknown module " + key);
    }

    private static Tensor z(long... shape) {
        return Torch.zeros(shape);
    }

    private static Tensor z64(long... shape) {
        return Torch.zeros(shape, DType.FLOAT64);
    }

    private static Executable error(String key) {
        return switch (key) {
            case "grid_sample_mode" -> () -> F.gridSample(z(1, 1, 3, 3), z(1, 2, 2, 2), "foo", "zeros", false);
            case "grid_sample_padding" -> () -> F.gridSample(z(1, 1, 3, 3), z(1, 2, 2, 2), "bilinear", "foo", false);
            case "grid_sample_dtype" -> () -> F.gridSample(z(1, 1, 3, 3), z64(1, 2, 2, 2));
            case "grid_sample_batch" -> () -> F.gridSample(z(1, 1, 3, 3), z(2, 2, 2, 2));
            case "grid_sample_last_dim" -> () -> F.gridSample(z(1, 1, 3, 3), z(1, 2, 2, 3));
            case "grid_sample_grid_rank" -> () -> F.gridSample(z(1, 1, 3, 3), z(1, 2, 2));
            case "grid_sample_3d_input" -> () -> F.gridSample(z(1, 1, 3), z(1, 2, 1));
            case "grid_sample_6d_input" -> () -> F.gridSample(z(1, 1, 3, 3, 3, 3), z(1, 2, 2, 2, 2, 4));
            case "grid_sample_5d_last_dim" -> () -> F.gridSample(z(1, 1, 3, 3, 3), z(1, 2, 2, 2));
            case "grid_sample_bicubic_5d" -> () -> F.gridSample(z(1, 1, 3, 3, 3), z(1, 2, 2, 2, 3), "bicubic", "zeros", false);
            case "grid_sample_empty" -> () -> F.gridSample(z(1, 1, 0, 3), z(1, 2, 2, 2));
            case "grid_sample_long" -> () -> F.gridSample(z(1, 1, 3, 3).toLong(), z(1, 2, 2, 2).toLong());
            case "affine_grid_3d_theta" -> () -> F.affineGrid(z(1, 2, 3), 1, 1, 3, 3, 3);
            case "affine_grid_2d_theta" -> () -> F.affineGrid(z(1, 3, 4), 1, 1, 3, 3);
            case "affine_grid_theta_rank" -> () -> F.affineGrid(z(2, 3), 1, 1, 3, 3);
            case "affine_grid_size" -> () -> F.affineGrid(z(1, 2, 3), 1, 1, 3);
            case "affine_grid_long" -> () -> F.affineGrid(z(1, 2, 3).toLong(), 1, 1, 3, 3);
            case "affine_grid_batch" -> () -> F.affineGrid(z(1, 2, 3), 2, 1, 3, 3);
            case "affine_grid_batch_3d" -> () -> F.affineGrid(z(3, 3, 4), 2, 1, 3, 3, 2);
            case "affine_grid_empty" -> () -> F.affineGrid(z(1, 2, 3), 1, 1, 0, 3);
            default -> throw new IllegalArgumentException("unknown error case " + key);
        };
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> file() {
        return (Map<String, Object>) Reference.load("nn/spatial_modules.json");
    }

    @TestFactory
    @SuppressWarnings("unchecked")
    Stream<DynamicTest> reprsAndKeys() {
        Map<String, Object> modules = (Map<String, Object>) file().get("modules");
        return modules.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
            Map<String, Object> exp = (Map<String, Object>) e.getValue();
            Module m = module(e.getKey());
            assertEquals(exp.get("repr"), m.toString(), "repr");
            assertEquals(exp.get("keys"), new ArrayList<>(m.stateDict().keySet()), "state_dict keys");
        }));
    }

    /** PyTorch's IndexError is an IndexOutOfBoundsException, its other errors IllegalArgumentException. */
    @TestFactory
    @SuppressWarnings("unchecked")
    Stream<DynamicTest> errors() {
        Map<String, Object> errors = (Map<String, Object>) file().get("errors");
        return errors.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
            Map<String, Object> exp = (Map<String, Object>) e.getValue();
            Class<? extends RuntimeException> type = "IndexError".equals(exp.get("type"))
                    ? IndexOutOfBoundsException.class : IllegalArgumentException.class;
            RuntimeException thrown = assertThrows(type, error(e.getKey()));
            assertEquals(exp.get("message"), thrown.getMessage(), "message");
        }));
    }
}
