package org.torch4j.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Bad command lines end with status 2, a message naming the problem, and the usage. */
class CommandArgsTest {

    private static void usageError(Run r, String command, String message) {
        assertEquals(2, r.status(), r.err());
        assertTrue(r.err().contains("torch4j " + command + ": " + message), r.err());
        assertTrue(r.err().contains("Usage: torch4j " + command), r.err());
        assertEquals("", r.out());
    }

    @Test
    void trainNeedsAModelAndOneDataSource() throws Exception {
        usageError(Run.of(new TrainCommand(), "--dataset", "fashion-mnist"), "train", "option --model is required");
        usageError(Run.of(new TrainCommand(), "--model", "fashion-cnn"), "train", "give exactly one of --dataset NAME and --data DIR");
        usageError(Run.of(new TrainCommand(), "--model", "fashion-cnn", "--dataset", "fashion-mnist", "--data", "/tmp"), "train",
                "give exactly one of --dataset NAME and --data DIR");
    }

    @Test
    void trainNamesWhatIsInstalledWhenAModelOrDatasetIsUnknown() throws Exception {
        Run r = Run.of(new TrainCommand(), "--model", "no-such-model", "--dataset", "fashion-mnist");
        usageError(r, "train", "no model named 'no-such-model' is installed; installed: ");
        assertTrue(r.err().contains("fashion-cnn") && r.err().contains("lenet5"), r.err());
        r = Run.of(new TrainCommand(), "--model", "lenet5", "--dataset", "imagenet");
        usageError(r, "train", "no dataset named 'imagenet' is installed; installed: ");
        assertTrue(r.err().contains("fashion-mnist"), r.err());
    }

    @Test
    void numbersAndChoicesAreChecked() throws Exception {
        usageError(Run.of(new TrainCommand(), "--model", "lenet5", "--dataset", "mnist", "--epochs", "two"), "train",
                "option --epochs expects an integer, got 'two'");
        usageError(Run.of(new TrainCommand(), "--model", "lenet5", "--dataset", "mnist", "--batch-size", "0"), "train",
                "option --batch-size must be between 1 and 1048576, got 0");
        usageError(Run.of(new TrainCommand(), "--model", "lenet5", "--dataset", "mnist", "--lr", "-0.1"), "train",
                "option --lr must be a positive number, got -0.1");
        usageError(Run.of(new TrainCommand(), "--model", "lenet5", "--dataset", "mnist", "--device", "tpu"), "train",
                "option --device must be one of cpu, cuda, got 'tpu'");
        usageError(Run.of(new TrainCommand(), "--model", "lenet5", "--dataset", "mnist", "--optimizer", "lion"), "train",
                "option --optimizer must be one of adam, sgd, got 'lion'");
        usageError(Run.of(new TrainCommand(), "--model", "lenet5", "--dataset", "mnist", "--epochs"), "train",
                "option --epochs needs a value");
        usageError(Run.of(new DemoCommand(), "--epochs", "1", "--epochs", "2"), "demo", "option --epochs is given twice");
    }

    @Test
    void unknownOptionsAndStrayArgumentsAreRefused() throws Exception {
        usageError(Run.of(new DemoCommand(), "--fast"), "demo", "unknown option '--fast'");
        usageError(Run.of(new DemoCommand(), "-x"), "demo", "unknown option '-x'");
        usageError(Run.of(new DemoCommand(), "extra"), "demo", "unexpected argument 'extra'");
        usageError(Run.of(new DemoCommand(), "--subset", "--data", "/tmp"), "demo", "give either --data DIR or --subset, not both");
        usageError(Run.of(new DemoCommand(), "--subset=yes"), "demo", "option --subset takes no value");
        usageError(Run.of(new DemoCommand(), "--data", "/no/such/folder"), "demo", "--data /no/such/folder: no such folder");
    }

    @Test
    void aDeviceWithoutABackendIsAUsageError() throws Exception {
        Run r = Run.of(new DemoCommand(), "--subset", "--device", "cuda");
        usageError(r, "demo", "option --device cuda: ");
    }

    @Test
    void predictChecksItsFiles() throws Exception {
        usageError(Run.of(new PredictCommand(), "a.png"), "predict", "option --model is required");
        usageError(Run.of(new PredictCommand(), "--model", "m.safetensors"), "predict", "give at least one IMAGE");
        usageError(Run.of(new PredictCommand(), "--model", "/no/such.safetensors", "x.png"), "predict",
                "--model /no/such.safetensors: no such file");
        usageError(Run.of(new PredictCommand(), "--model", "/no/such.safetensors", "--top", "0", "x.png"), "predict",
                "option --top must be between 1 and 1048576, got 0");
    }

    @Test
    void helpGoesToStandardOutput() throws Exception {
        for (var c : new org.torch4j.platform.Command[] {new DemoCommand(), new TrainCommand(), new PredictCommand()}) {
            Run r = Run.of(c, "--help");
            assertEquals(0, r.status());
            assertTrue(r.out().startsWith("Usage: torch4j "), r.out());
            assertEquals("", r.err());
        }
    }
}
