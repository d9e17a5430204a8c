package org.torch4j.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.torch4j.onnx.internal.OnnxCommand;

/** {@code torch4j onnx test}: options, output lines, exit codes, the coverage file. */
class OnnxCommandTest {

    record Run(int code, String out, String err) {}

    static Run run(String... args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int code = new OnnxCommand().run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void helpListsTheOptions() throws Exception {
        Run r = run("test", "--help");
        assertEquals(0, r.code());
        for (String o : List.of("--rtol", "--atol", "--filter", "--coverage")) assertTrue(r.out().contains(o), r.out());
        assertEquals(2, run("test").code());
        assertEquals(2, run("test", "--bogus", "1", "x").code());
    }

    @Test
    void runsTheFilteredCasesAndWritesCoverage(@TempDir Path tmp) throws Exception {
        Path node = NodeSuiteTest.DATA.resolve("node");
        assumeTrue(Files.isDirectory(node), "libonnx-testdata is not installed");
        Path md = tmp.resolve("coverage.md");
        Run r = run("test", "--filter", "^test_(relu|softmax_axis_0(_expanded)?|strnorm.*|training_dropout)$", "--coverage", md.toString(),
                node.toString());
        assertEquals(1, r.code(), r.out());   // test_training_dropout draws other random numbers
        assertTrue(r.out().contains("test_relu PASS max diff"), r.out());
        assertTrue(r.out().contains("test_softmax_axis_0_expanded PASS"), r.out());
        assertTrue(r.out().contains("test_training_dropout FAIL output 'y'"), r.out());
        assertTrue(r.out().contains("test_strnormalizer_export_monday_empty_output PASS"), r.out());
        assertTrue(r.out().strip().endsWith("9 passed, 1 failed, 0 skipped"), r.out());
        String table = Files.readString(md);
        assertTrue(table.contains("| Softmax | 2 | 2 | 0 |"), table);
        assertTrue(table.contains("| Dropout | 0 | 1 | 0 | test_training_dropout |"), table);
        Run one = run("test", "--rtol", "0", "--atol", "0", node.resolve("test_abs").toString());
        assertEquals(0, one.code(), one.out());
        assertTrue(one.out().contains("1 passed, 0 failed, 0 skipped"), one.out());
    }
}
