package org.torch4j.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.torch4j.DType;
import org.torch4j.spi.BinaryOp;
import org.torch4j.spi.ReduceOp;
import org.torch4j.spi.ScanOp;
import org.torch4j.spi.ScatterReduce;
import org.torch4j.spi.TernaryOp;
import org.torch4j.spi.UnaryOp;

/**
 * What can be checked of the kernels without a GPU: the op codes the Java side passes (enum
 * ordinals) name the same ops in the CUDA sources, and the bundled PTX defines every kernel the
 * backend launches, with the number of parameters it passes.
 */
class CudaKernelSourceTest {

    private static final Path CUDA = Path.of("src/main/cuda");
    private static final List<DType> FLOATING = List.of(DType.FLOAT32, DType.FLOAT64, DType.FLOAT16, DType.BFLOAT16);
    private static final List<DType> REAL = List.of(DType.FLOAT32, DType.FLOAT64);

    private static List<String> cudaEnum(String file, String name) throws IOException {
        String src = Files.readString(CUDA.resolve(file));
        Matcher m = Pattern.compile("enum " + name + "\\s*\\{([^}]*)\\}").matcher(src);
        assertTrue(m.find(), "enum " + name + " in " + file);
        return Arrays.stream(m.group(1).split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static List<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).toList();
    }

    @Test
    void opCodesMatchTheJavaEnums() throws IOException {
        assertEquals(names(UnaryOp.values()), cudaEnum("elementwise.cu", "UnaryOp"));
        assertEquals(names(BinaryOp.values()), cudaEnum("elementwise.cu", "BinaryOp"));
        // CLAMP is spelt T_CLAMP in CUDA, where UnaryOp's CLAMP shares the scope
        assertEquals(names(TernaryOp.values()), cudaEnum("elementwise.cu", "TernaryOp").stream().map(s -> s.replace("T_CLAMP", "CLAMP")).toList());
        assertEquals(names(ReduceOp.values()), cudaEnum("reduce.cu", "ReduceOp"));
        assertEquals(names(ScanOp.values()), cudaEnum("reduce.cu", "ScanOp"));
        assertEquals(names(ScatterReduce.values()), cudaEnum("index.cu", "ScatterReduce"));
    }

    /** Kernel name to its number of parameters, from a PTX file's {@code .entry} declarations. */
    private static java.util.Map<String, Integer> entries(String module) {
        String ptx = CudaDevice.Ptx.load(module);
        java.util.Map<String, Integer> r = new java.util.HashMap<>();
        Matcher m = Pattern.compile("\\.entry (\\w+)\\(([^)]*)\\)").matcher(ptx);
        while (m.find()) r.put(m.group(1), (int) m.group(2).chars().filter(c -> c == ',').count() + 1);
        return r;
    }

    @Test
    void thePtxDefinesEveryKernelTheBackendLaunchesWithItsParameterCount() {
        // the argument counts CudaBackend passes to each kernel family
        java.util.Map<String, Integer> families = new java.util.LinkedHashMap<>();
        families.put("unary_", 7);
        families.put("unary_pred_", 7);
        families.put("binary_", 9);
        families.put("binary_pred_", 9);
        families.put("binary_scalar_", 11);
        families.put("binary_scalar_pred_", 11);
        families.put("ternary_", 11);
        families.put("where_", 9);
        families.put("fill_", 6);
        families.put("reduce_", 8);
        families.put("argreduce_", 10);
        families.put("scan_", 9);
        families.put("scan_lines_", 9);
        families.put("count_nonzero_", 4);
        families.put("gather_", 10);
        families.put("scatter_", 11);
        families.put("index_", 9);
        families.put("index_put_", 10);
        families.put("sort_", 14);
        families.put("sort_chunks_", 11);
        families.put("sort_merge_", 8);
        families.put("gemm_", 12);
        List<String> missing = new ArrayList<>();
        for (DType t : DType.values()) {
            if (t.isComplex()) continue; // the api gives backends real storage only (docs/complex.md)
            String s = CudaDType.suffix(t);
            for (var f : families.entrySet()) {
                if (f.getKey().equals("gemm_") && t == DType.BOOL) continue;
                String k = f.getKey() + s;
                Integer params = entries(CudaDevice.moduleOf(k)).get(k);
                if (params == null) missing.add(k);
                else assertEquals(f.getValue(), params, k + " parameters");
            }
            for (DType from : DType.values()) {
                if (from.isComplex()) continue;
                String k = "copy_" + s + "_" + CudaDType.suffix(from);
                Integer params = entries(CudaDevice.moduleOf(k)).get(k);
                if (params == null) missing.add(k);
                else assertEquals(5, params, k + " parameters");
            }
        }
        for (String k : List.of("gemm_tc_f16", "gemm_tc_bf16", "gemm_tc_tf32")) {
            Integer params = entries("gemm").get(k);
            if (params == null) missing.add(k);
            else assertEquals(12, params, k + " parameters");
        }
        assertEquals(List.of(), missing);
    }

    /** Kernel name to the byte sizes of its parameters, from a PTX file's {@code .entry} declarations. */
    private static java.util.Map<String, List<Integer>> parameterSizes(String module) {
        String ptx = CudaDevice.Ptx.load(module);
        java.util.Map<String, List<Integer>> r = new java.util.HashMap<>();
        Matcher m = Pattern.compile("\\.entry (\\w+)\\(([^)]*)\\)").matcher(ptx);
        Pattern param = Pattern.compile("\\.param (?:\\.align \\d+ \\.b8 \\w+\\[(\\d+)\\]|\\.[usbf](\\d+) \\w+)");
        while (m.find()) {
            List<Integer> sizes = new ArrayList<>();
            Matcher p = param.matcher(m.group(2));
            while (p.find()) sizes.add(p.group(1) != null ? Integer.parseInt(p.group(1)) : Integer.parseInt(p.group(2)) / 8);
            r.put(m.group(1), sizes);
        }
        return r;
    }

    /**
     * The driver copies each kernel argument with the size the PTX declares, so an int passed where the
     * kernel takes a long long (or a struct of another size) reads garbage without any error. The sizes
     * of what CudaBackend passes: Integer 4; Long, Double and Ptr 8; Par (double[4]) 32; Geo (long[10]) 80;
     * Lay (long[9]) 72; Mat (long[4]) 32; Idx (long[89]) 712.
     */
    @Test
    void everyKernelTakesTheArgumentSizesTheBackendPasses() {
        int i = 4, l = 8, par = 32, geo = 80, lay = 72, mat = 32, idx = 712;
        java.util.Map<String, List<Integer>> families = new java.util.LinkedHashMap<>();
        families.put("unary_", List.of(i, par, geo, lay, lay, l, l));
        families.put("unary_pred_", List.of(i, par, geo, lay, lay, l, l));
        families.put("binary_", List.of(i, par, geo, lay, lay, lay, l, l, l));
        families.put("binary_pred_", List.of(i, par, geo, lay, lay, lay, l, l, l));
        families.put("binary_scalar_", List.of(i, par, geo, lay, lay, l, l, l, l, i, i));
        families.put("binary_scalar_pred_", List.of(i, par, geo, lay, lay, l, l, l, l, i, i));
        families.put("ternary_", List.of(i, par, geo, lay, lay, lay, lay, l, l, l, l));
        families.put("where_", List.of(geo, lay, lay, lay, lay, l, l, l, l));
        families.put("fill_", List.of(geo, lay, l, l, l, i));
        families.put("reduce_", List.of(i, geo, lay, lay, geo, lay, l, l));
        families.put("argreduce_", List.of(i, geo, lay, lay, lay, l, l, l, l, l));
        families.put("scan_", List.of(i, geo, lay, lay, l, l, l, l, l));
        families.put("scan_lines_", List.of(i, geo, lay, lay, l, l, l, l, l));
        families.put("count_nonzero_", List.of(geo, lay, l, l));
        families.put("gather_", List.of(geo, lay, lay, lay, i, l, l, l, l, l));
        families.put("scatter_", List.of(i, geo, lay, lay, lay, i, l, l, l, l, l));
        families.put("index_", List.of(geo, lay, lay, i, i, idx, l, l, l));
        families.put("index_put_", List.of(geo, lay, lay, i, i, idx, i, l, l, l));
        families.put("index_nonzero", List.of(geo, l, l, l, l, l));
        families.put("sort_", List.of(geo, lay, lay, lay, l, l, l, l, i, i, i, l, l, l));
        families.put("sort_chunks_", List.of(l, l, l, l, i, i, i, l, l, l, l));
        families.put("sort_merge_", List.of(l, l, l, i, l, l, l, l));
        families.put("gemm_", List.of(l, l, l, l, mat, mat, mat, l, l, l, l, l));
        families.put("gemm_tc_", List.of(l, l, l, l, mat, mat, mat, l, l, l, l, l));
        families.put("copy_", List.of(geo, lay, lay, l, l));
        int checked = 0;
        for (String module : List.of("elementwise", "copy", "reduce", "index", "sort", "gemm")) {
            for (var e : parameterSizes(module).entrySet()) {
                // the longest family prefix names the kernel's family (index_put_ before index_)
                String family = families.keySet().stream().filter(e.getKey()::startsWith).max(java.util.Comparator.comparingInt(String::length))
                        .orElseThrow(() -> new AssertionError("a kernel of no known family: " + e.getKey()));
                assertEquals(families.get(family), e.getValue(), e.getKey() + " parameter sizes");
                checked++;
            }
        }
        assertEquals(10 * 9 + 10 * 5 + (10 * 4 + 1) + 10 * 3 + 9 + 3 + 100, checked, "kernels checked");
        assertEquals(Geometry.geo(new long[0]).length * 8, geo);
        assertEquals(Geometry.lay(0, new long[0]).length * 8, lay);
    }

    /**
     * The kernels of fused.cu that FusedOps launches (CudaDevice.moduleOf finds them in fused.ptx), one
     * per floating dtype, with the argument sizes FusedOps passes: rows, n, group, log and addresses for the
     * softmax pair; n, the threshold (a double) and addresses; planes, the Win struct (long[18]) and addresses;
     * and the layer-norm, group-norm and batch-norm kernels.
     */
    @Test
    void theFusedPtxDefinesEveryKernelFusedOpsLaunchesWithItsArgumentSizes() {
        int i = 4, l = 8, d = 8, win = 144;
        java.util.Map<String, List<Integer>> families = new java.util.LinkedHashMap<>();
        families.put("softmax_", List.of(l, l, i, i, l, l));
        families.put("softmax_backward_", List.of(l, l, i, i, l, l, l));
        families.put("threshold_backward_", List.of(l, d, l, l, l));
        families.put("gelu_backward_", List.of(l, l, l, l));
        families.put("im2col_", List.of(l, win, l, l));
        families.put("im2col_rows_", List.of(l, l, win, l, l));
        families.put("col2im_", List.of(l, win, l, l));
        families.put("max_pool_", List.of(l, win, l, l, l));
        // layer norm: (rows, n, group[, eps]), then addresses
        families.put("layer_norm_", List.of(l, l, i, d, l, l, l, l, l, l));
        families.put("layer_norm_backward_", List.of(l, l, i, l, l, l, l, l, l));
        families.put("layer_norm_param_grad_", List.of(l, l, l, l, l, l, l, l));
        // group norm: layer norm's arguments, then the plane size and the groups; its parameter gradients (n, c, p, groups)
        families.put("group_norm_", List.of(l, l, i, d, l, l, l, l, l, l, l, l));
        families.put("group_norm_backward_", List.of(l, l, i, l, l, l, l, l, l, l, l));
        families.put("group_norm_param_grad_", List.of(l, l, l, l, l, l, l, l, l, l));
        // batch norm: (n, c, p, slabs, len[, eps]), then addresses
        families.put("batch_norm_stats_", List.of(l, l, l, l, l, l, l));
        families.put("batch_norm_apply_", List.of(l, l, l, l, l, d, l, l, l, l, l, l, l));
        families.put("batch_norm_backward_sums_", List.of(l, l, l, l, l, l, l, l, l));
        families.put("batch_norm_backward_apply_", List.of(l, l, l, l, l, l, l, l, l, l, l, l, l, l));
        java.util.Map<String, List<Integer>> ptx = parameterSizes("fused");
        List<String> missing = new ArrayList<>();
        for (DType t : List.of(DType.FLOAT32, DType.FLOAT64, DType.FLOAT16, DType.BFLOAT16)) {
            for (var f : families.entrySet()) {
                String k = f.getKey() + CudaDType.suffix(t);
                assertEquals("fused", CudaDevice.moduleOf(k), k);
                if (!ptx.containsKey(k)) missing.add(k);
                else assertEquals(f.getValue(), ptx.get(k), k + " parameter sizes");
            }
        }
        assertEquals(List.of(), missing);
        assertEquals(4 * families.size(), ptx.size(), "kernels in fused.ptx: " + ptx.keySet());
        assertEquals(win, FusedOps.win(new long[] {2, 5, 7}, new long[] {3, 3}, new long[] {1, 1}, new long[] {1, 1},
                new long[] {1, 1}, new long[] {5, 7}).length * 8);
    }

    /**
     * attention.cu's three kernels per floating dtype (CudaDevice.moduleOf finds them in attention.ptx) with what
     * FusedOps.attentionHead passes first (b, l, s, e, ev as long, the scale as double, causal as int, the mask's
     * address and three strides) and then the addresses: five for the forward, eight for each backward kernel.
     */
    @Test
    void theAttentionPtxDefinesEveryKernelFusedOpsLaunchesWithItsArgumentSizes() {
        int i = 4, l = 8, d = 8;
        List<Integer> head = List.of(l, l, l, l, l, d, i, l, l, l, l);
        java.util.Map<String, List<Integer>> kernels = new java.util.HashMap<>();
        java.util.Map.of("attention_", 5, "attention_dq_", 8, "attention_dkv_", 8).forEach((prefix, addresses) -> {
            List<Integer> sizes = new ArrayList<>(head);
            for (int a = 0; a < addresses; a++) sizes.add(l);
            kernels.put(prefix, sizes);
        });
        // and the tiled kernels (heads of 32 and 64 features), with the warp kernels' arguments, for the dtypes computing in float
        java.util.Map<String, List<Integer>> expected = new java.util.TreeMap<>();
        for (DType t : FLOATING) {
            kernels.forEach((prefix, sizes) -> expected.put(prefix + CudaDType.suffix(t), sizes));
            if (t == DType.FLOAT64) continue;
            for (String f : List.of("32_", "64_")) {
                expected.put("attention_tiled" + f + CudaDType.suffix(t), kernels.get("attention_"));
                expected.put("attention_dq_tiled" + f + CudaDType.suffix(t), kernels.get("attention_dq_"));
                expected.put("attention_dkv_tiled" + f + CudaDType.suffix(t), kernels.get("attention_dkv_"));
            }
        }
        for (String k : expected.keySet()) assertEquals("attention", CudaDevice.moduleOf(k), k);
        assertEquals(expected, new java.util.TreeMap<>(parameterSizes("attention")));
    }

    /**
     * complex.cu's kernels per dtype (CudaDevice.moduleOf finds them in complex.ptx) with the argument sizes CudaFft and
     * ComplexKernels pass: longs and addresses 8 bytes, flags 4, the Plan struct 33 longs, Geo 10 longs, Lay 9.
     */
    @Test
    void theComplexPtxDefinesEveryKernelTheFftAndComplexHooksLaunchWithItsArgumentSizes() {
        int i = 4, l = 8, plan = 33 * 8, geo = 10 * 8, lay = 9 * 8;
        java.util.Map<String, List<Integer>> kernels = java.util.Map.ofEntries(
                java.util.Map.entry("fft_roots_", List.of(l, l)),
                java.util.Map.entry("fft_lines_", List.of(l, l, plan, i, l, l, l, l)),
                java.util.Map.entry("fft_pass_", List.of(l, l, l, l, i, l, l, l, l)),
                java.util.Map.entry("fft_r2c_split_", List.of(l, l, l, l, l)),
                java.util.Map.entry("fft_c2r_merge_", List.of(l, l, l, l, l)),
                java.util.Map.entry("fft_c2r_expand_", List.of(l, l, l, l)),
                java.util.Map.entry("fft_chirp_", List.of(l, l)),
                java.util.Map.entry("fft_bluestein_kernel_", List.of(l, l, l, l)),
                java.util.Map.entry("fft_bluestein_in_", List.of(l, l, l, i, l, l, l)),
                java.util.Map.entry("fft_pointwise_", List.of(l, l, l, l)),
                java.util.Map.entry("fft_bluestein_out_", List.of(l, l, l, i, l, l, l)),
                java.util.Map.entry("complex_mul_", List.of(geo, lay, lay, lay, i, l, l, l)),
                java.util.Map.entry("complex_abs_", List.of(geo, lay, lay, l, l)));
        assertModuleKernels("complex", REAL, kernels);
    }

    /** recurrent.cu's six kernels per floating dtype with the argument sizes RecurrentOps passes (rows, H, a relu flag, addresses). */
    @Test
    void theRecurrentPtxDefinesEveryKernelRecurrentOpsLaunchesWithItsArgumentSizes() {
        int i = 4, l = 8;
        java.util.Map<String, List<Integer>> kernels = java.util.Map.of(
                "rnn_lstm_", List.of(l, l, l, l, l, l, l, l, l),
                "rnn_gru_", List.of(l, l, l, l, l, l, l, l),
                "rnn_elman_", List.of(l, l, i, l, l, l, l),
                "rnn_lstm_backward_", List.of(l, l, l, l, l, l, l),
                "rnn_gru_backward_", List.of(l, l, l, l, l, l, l, l),
                "rnn_elman_backward_", List.of(l, l, i, l, l, l));
        assertModuleKernels("recurrent", FLOATING, kernels);
    }

    /** sparse.cu's two kernels per dtype with what SparseOps passes: nnz, the row width, five addresses. */
    @Test
    void theSparsePtxDefinesBothProductKernelsWithTheirArgumentSizes() {
        List<Integer> sizes = List.of(8, 8, 8, 8, 8, 8, 8);
        assertModuleKernels("sparse", REAL, java.util.Map.of("sparse_rows_product_", sizes, "sparse_sampled_dot_", sizes));
    }

    /** grid.cu's kernels per dtype: the sizes struct (7 longs) or five longs, three int flags, the addresses. */
    @Test
    void theGridPtxDefinesBothKernelsWithTheArgumentSizesGridSampleOpsPasses() {
        assertModuleKernels("grid", REAL, java.util.Map.of("grid_sample_", List.of(56, 4, 4, 4, 8, 8, 8),
                "grid_sample_backward_", List.of(8, 8, 8, 8, 8, 4, 4, 4, 8, 8, 8, 8, 8)));
    }

    /**
     * {@code module}'s PTX defines each kernel of {@code kernels} (by name prefix) once per dtype, CudaDevice.moduleOf
     * finds it there, its parameters have the sizes given, and the module defines no other kernel.
     */
    private static void assertModuleKernels(String module, List<DType> dtypes, java.util.Map<String, List<Integer>> kernels) {
        java.util.Map<String, List<Integer>> ptx = parameterSizes(module);
        for (DType t : dtypes) {
            for (var f : kernels.entrySet()) {
                String k = f.getKey() + CudaDType.suffix(t);
                assertEquals(module, CudaDevice.moduleOf(k), k);
                assertEquals(f.getValue(), ptx.get(k), k + " parameter sizes");
            }
        }
        assertEquals(dtypes.size() * kernels.size(), ptx.size(), "kernels in " + module + ".ptx: " + ptx.keySet());
    }

    /** Fewer than three spatial dims are padded in front with a size-1 dim and a window of 1. */
    @Test
    void windowsOfFewerDimsArePaddedInFront() {
        long[] w = FusedOps.win(new long[] {4, 3, 10, 12}, new long[] {2, 3}, new long[] {2, 1}, new long[] {0, 1},
                new long[] {1, 2}, new long[] {5, 10});
        assertArrayEquals(new long[] {1, 10, 12, 1, 2, 3, 1, 2, 1, 0, 0, 1, 1, 1, 2, 1, 5, 10}, w);
        long[] w1 = FusedOps.win(new long[] {3, 9}, new long[] {4}, new long[] {3}, new long[] {2}, new long[] {1}, new long[] {4});
        assertArrayEquals(new long[] {1, 1, 9, 1, 1, 4, 1, 1, 3, 0, 0, 2, 1, 1, 1, 1, 1, 4}, w1);
    }

    @Test
    void everyKernelSourceHasItsPtxAndEveryPtxTargetsCompute80() throws IOException {
        Set<String> sources;
        try (var files = Files.list(CUDA)) {
            sources = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".cu")).map(n -> n.substring(0, n.length() - 3))
                    .collect(Collectors.toSet());
        }
        assertEquals(Set.of("elementwise", "copy", "reduce", "index", "sort", "gemm", "fused", "attention", "complex", "recurrent", "sparse", "grid"), sources);
        for (String s : sources) {
            String ptx = CudaDevice.Ptx.load(s);
            assertTrue(ptx.startsWith("// torch4j-source-sha256: "), s);
            assertTrue(ptx.contains("\n.target sm_80\n"), s + " targets sm_80 (compute_80), which H100/H200 drivers JIT-compile");
        }
    }

    @Test
    void lowersThePtxIsaVersionForOlderDrivers() {
        String ptx = "//\n.version 9.0\n.target sm_80\n";
        assertEquals("//\n.version 8.4\n.target sm_80\n", CudaDevice.Ptx.withIsaVersion(ptx, 12040));
        // CUDA 12.6 brought no new ISA: 8.5 (8.6 came with 12.7, 8.7 with 12.8, 8.8 with 12.9)
        assertEquals("//\n.version 8.5\n.target sm_80\n", CudaDevice.Ptx.withIsaVersion(ptx, 12060));
        assertEquals("//\n.version 8.7\n.target sm_80\n", CudaDevice.Ptx.withIsaVersion(ptx, 12080));
        assertEquals("//\n.version 8.8\n.target sm_80\n", CudaDevice.Ptx.withIsaVersion(ptx, 12090));
        assertEquals("//\n.version 7.8\n.target sm_80\n", CudaDevice.Ptx.withIsaVersion(ptx, 11080));
        assertEquals("//\n.version 9.0\n.target sm_80\n", CudaDevice.Ptx.withIsaVersion(ptx, 13000));
    }
}
