package org.torch4j.commands;

import java.io.PrintStream;
import java.util.List;
import org.torch4j.Torch;
import org.torch4j.platform.Catalog;
import org.torch4j.platform.DatasetProvider;
import org.torch4j.platform.ModelProvider;
import org.torch4j.platform.TransformProvider;
import org.torch4j.spi.BackendRegistry;
import org.torch4j.spi.DeviceProbe;

/** The listings shared by the torch4j subcommands and the Gogo shell commands. */
final class Reports {
    private Reports() {}

    static int backends(PrintStream out) {
        List<BackendRegistry.Entry> entries = BackendRegistry.all();
        out.printf("%-6s  %-8s  %s%n", "device", "ranking", "backend");
        for (BackendRegistry.Entry e : entries) {
            out.printf("%-6s  %-8d  %s%n", e.deviceType(), e.ranking(), e.backend().describe());
        }
        for (DeviceProbe p : BackendRegistry.probes()) {
            boolean served = entries.stream().anyMatch(e -> e.deviceType().equals(p.deviceType()));
            if (!p.available()) out.printf("%-6s  %-8s  unavailable: %s%n", p.deviceType(), "-", p.reason());
            else if (!served) out.printf("%-6s  %-8s  device present (%s) but no backend registered%n", p.deviceType(), "-", p.details());
        }
        return entries.isEmpty() ? 1 : 0;
    }

    static int devices(PrintStream out) {
        out.printf("%-8s  %s%n", "device", "status");
        out.printf("%-8s  %s%n", "cpu", BackendRegistry.find("cpu") != null ? "available, " + Runtime.getRuntime().availableProcessors()
                + " cores" : "no backend installed");
        for (DeviceProbe p : BackendRegistry.probes()) {
            out.printf("%-8s  %s%n", p.deviceType(), p.available()
                    ? (BackendRegistry.find(p.deviceType()) != null ? "available, " : "present, no backend, ") + p.details()
                    : "unavailable: " + p.reason());
        }
        out.println("default device: " + Torch.getDefaultDevice());
        return 0;
    }

    static int models(PrintStream out) {
        List<ModelProvider> models = Catalog.models();
        if (models.isEmpty()) out.println("no models installed (install a domain bundle such as org.torch4j.vision)");
        for (ModelProvider m : models) out.printf("%-20s %-8s %s%n", m.name(), m.domain(), m.description());
        return 0;
    }

    static int datasets(PrintStream out) {
        List<DatasetProvider> ds = Catalog.datasets();
        if (ds.isEmpty()) out.println("no datasets installed (install a domain bundle such as org.torch4j.vision)");
        for (DatasetProvider d : ds) out.printf("%-20s %-8s %s%n", d.name(), d.domain(), d.description());
        List<TransformProvider> ts = Catalog.transforms();
        if (!ts.isEmpty()) {
            out.println();
            out.println("transforms:");
            for (TransformProvider t : ts) out.printf("%-20s %-8s %s%n", t.name(), t.domain(), t.description());
        }
        return 0;
    }

    static int info(PrintStream out) {
        Runtime rt = Runtime.getRuntime();
        Package api = Torch.class.getPackage();
        out.println("torch4j " + (api.getImplementationVersion() != null ? api.getImplementationVersion() : "0.1.0-SNAPSHOT"));
        out.println("java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")");
        out.println("threads " + Torch.getNumThreads() + " of " + rt.availableProcessors() + " cores");
        for (BackendRegistry.Entry e : BackendRegistry.all()) out.println("backend " + e.deviceType() + ": " + e.backend().describe());
        for (DeviceProbe p : BackendRegistry.probes()) {
            out.println("device " + p.deviceType() + ": " + (p.available() ? p.details() : "unavailable: " + p.reason()));
        }
        out.printf("memory %d MB used of %d MB (max %d MB)%n", (rt.totalMemory() - rt.freeMemory()) >> 20, rt.totalMemory() >> 20,
                rt.maxMemory() >> 20);
        out.println("default dtype " + Torch.getDefaultDtype() + ", default device " + Torch.getDefaultDevice());
        return 0;
    }
}
