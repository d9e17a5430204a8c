package org.torch4j.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** docs/embedding.md's host application compiles and runs as the document says. */
class EmbeddingDocIT {

    @Test
    void theDocumentedHostCompilesAndRuns(@TempDir Path dir) throws Exception {
        String doc = Files.readString(Path.of(System.getProperty("torch4j.docs", "../../docs")).resolve("embedding.md"));
        Matcher m = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(doc);
        assertTrue(m.find(), "no java block in docs/embedding.md");
        Path source = dir.resolve("EmbeddedHost.java");
        Files.writeString(source, m.group(1));
        Path home = RuntimeProcess.HOME;
        Path api = Files.list(home.resolve("bundle")).filter(p -> p.getFileName().toString().startsWith("torch4j-api")).findFirst().orElseThrow();
        String cp = api + java.io.File.pathSeparator + home.resolve("lib/org.apache.felix.framework.jar");
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int rc = javac.run(null, null, null, "-cp", cp, "-d", dir.toString(), source.toString());
        assertEquals(0, rc, "the documented example does not compile");
        List<String> cmd = new ArrayList<>();
        cmd.add(RuntimeProcess.java());
        cmd.addAll(RuntimeProcess.flags());
        cmd.add("-cp");
        cmd.add(dir + java.io.File.pathSeparator + cp);
        cmd.add("EmbeddedHost");
        cmd.add(home.resolve("bundle").toString());
        RuntimeProcess.Result r = RuntimeProcess.run(cmd, null, dir);
        assertEquals(0, r.status(), r.out());
        assertTrue(r.out().contains("backend: java-cpu"), r.out());
        assertTrue(r.out().contains("tensor([[ 5., 14.],\n        [14., 50.]])"), r.out());
    }
}
