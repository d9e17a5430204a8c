package org.torch4j.serving.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.torch4j.serving.ModelFolder;
import org.torch4j.serving.ModelRegistry;

/**
 * Watches a folder for model {@code *.cfg} files ({@link ModelFolder}) when a configuration of PID
 * {@value #PID} names it ({@code folder}): "drop a file to deploy a model" for OSGi runtimes without
 * Felix FileInstall (Karaf has it, and reads the same files from {@code etc/} as factory configurations).
 */
@Component(service = {}, configurationPid = FolderComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
public final class FolderComponent {

    /** The configuration PID. */
    public static final String PID = "org.torch4j.serving.folder";

    @Reference
    private ModelRegistry registry;

    private ModelFolder folder;

    @Activate
    void activate(Map<String, Object> properties) throws IOException {
        Object dir = properties.get("folder");
        if (dir == null) throw new IllegalArgumentException(PID + ": the property 'folder' is required");
        folder = ModelFolder.watch(Path.of(dir.toString().strip()), registry, line -> System.out.println("torch4j serving: " + line));
    }

    @Deactivate
    void deactivate() throws IOException {
        folder.close();
    }
}
