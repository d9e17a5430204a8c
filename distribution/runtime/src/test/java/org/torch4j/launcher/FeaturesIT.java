package org.torch4j.launcher;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/** The Karaf feature repository lists exactly bundles the runtime ships, at the built version. */
class FeaturesIT {

    @Test
    void everyFeatureBundleIsOneTheRuntimeShips() throws Exception {
        Path features = RuntimeProcess.HOME.resolve("features.xml");
        assertTrue(Files.exists(features), "features.xml is assembled into the runtime");
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(features.toFile());
        NodeList bundles = doc.getElementsByTagName("bundle");
        List<String> shipped;
        try (var files = Files.list(RuntimeProcess.HOME.resolve("bundle"))) {
            shipped = files.map(p -> p.getFileName().toString()).toList();
        }
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < bundles.getLength(); i++) {
            String[] gav = bundles.item(i).getTextContent().trim().substring("mvn:".length()).split("/");
            assertFalse(gav[2].contains("${"), "unfiltered version in " + bundles.item(i).getTextContent());
            String jar = gav[1] + "-" + gav[2] + ".jar";
            if (!shipped.contains(jar)) missing.add(jar);
        }
        assertTrue(missing.isEmpty(), "features.xml names bundles the runtime does not ship: " + missing);
        assertTrue(bundles.getLength() >= 9);
    }
}
