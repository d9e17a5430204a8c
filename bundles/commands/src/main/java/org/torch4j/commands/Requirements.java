package org.torch4j.commands;

import java.io.PrintStream;

/**
 * demo, train and predict need the vision bundle (datasets, image IO) and onnx-io, which this bundle
 * imports optionally so that its other commands work without them. When one is missing, a command
 * fails with a {@link NoClassDefFoundError}; this turns that into a message saying what to install.
 */
final class Requirements {
    private Requirements() {}

    /** The command body. */
    interface Body {
        int run() throws Exception;
    }

    /** Runs {@code body}; a class of a missing bundle becomes a message on {@code err} and status 1. */
    static int withDomainBundles(String command, PrintStream err, Body body) throws Exception {
        try {
            return body.run();
        } catch (NoClassDefFoundError e) {
            String missing = String.valueOf(e.getMessage()).replace('/', '.');
            String bundle = missing.startsWith("org.torch4j.onnx") ? "org.torch4j.onnx (torch4j-onnx-io)"
                    : missing.startsWith("org.torch4j.vision") ? "org.torch4j.vision (torch4j-vision)" : null;
            if (bundle == null) throw e;
            err.println("torch4j " + command + ": needs the bundle " + bundle + ", which is not installed (missing class " + missing + ")");
            return 1;
        }
    }
}
