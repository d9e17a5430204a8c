package org.torch4j.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The gate that keeps the public API documented: every public or protected element of an exported
 * package of the whole product has a Javadoc comment ({@link PublicApiDocs} says the rules). On failure
 * it lists each one as {@code path:line member}; run it alone with
 * {@code mvn -B -pl api test -Dtest=PublicApiDocsTest}.
 */
class PublicApiDocsTest {

    /** The api module's directory: surefire's {@code basedir}, else the working directory. */
    private static final Path API = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();

    private static final Path FIXTURE = API.resolve("src/test/resources/docs/fixture");

    @Test
    void everyExportedElementOfTheProductIsDocumented() {
        Path root = API.getParent();
        List<Path> sources = PublicApiDocs.sourceRoots(root);
        assertTrue(sources.contains(root.resolve("api/src/main/java")), "no api sources under " + root);
        List<String> missing = PublicApiDocs.undocumented(root, sources);
        assertTrue(missing.isEmpty(), missing.size() + " public-API elements without Javadoc:\n"
                + String.join("\n", missing));
    }

    @Test
    void findsWhatDoclintWouldFindInTheFixture() {
        List<String> missing = PublicApiDocs.undocumented(FIXTURE, List.of(FIXTURE.resolve("src/main/java")));
        String dir = "src/main/java/demo/";
        assertEquals(List.of(
                dir + "api/Point.java:8 record component demo.api.Point.y (no @param)",
                dir + "api/Point.java:10 field demo.api.Point.ORIGIN",
                dir + "api/Sample.java:9 field demo.api.Sample.undocumentedField",
                dir + "api/Sample.java:13 constructor demo.api.Sample()",
                dir + "api/Sample.java:20 method demo.api.Sample.undocumented(int, String)",
                dir + "api/Sample.java:31 method demo.api.Sample.undocumentedProtected()",
                dir + "api/Sample.java:37 enum demo.api.Sample.Mode",
                dir + "api/Sample.java:40 field demo.api.Sample.Mode.OFF",
                dir + "api/Sample.java:45 method demo.api.Sample.Callback.implicitlyPublic()",
                dir + "api/Sample.java:60 default constructor demo.api.Sample.ProtectedNested() (declare it, with a comment)",
                dir + "api/Sample.java:61 method demo.api.Sample.ProtectedNested.undocumentedInProtected()",
                dir + "bare/package-info.java:1 package demo.bare"), missing);
    }
}
