package org.torch4j.audio.models;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.audio.AudioReference;
import org.torch4j.io.PyTorchCheckpoint;

/**
 * What the model tests share: models.json (tools/gen_audio_models_reference.py), tts.json
 * (tools/gen_audio_tts_reference.py) and their checkpoints.
 */
final class ModelsReference {
    private ModelsReference() {}

    static final Map<String, Object> DATA = AudioReference.load("models.json");

    /** A section of models.json by its path of keys, e.g. ("wav2vec2", "small"). */
    static Map<String, Object> section(String... keys) {
        Map<String, Object> m = DATA;
        for (String k : keys) m = AudioReference.map(m.get(k));
        return m;
    }

    /** A section of tts.json (Tacotron2, HDemucs) by its path of keys. */
    static Map<String, Object> tts(String... keys) {
        Map<String, Object> m = Tts.DATA;
        for (String k : keys) m = AudioReference.map(m.get(k));
        return m;
    }

    /** tts.json, read on first use. */
    private static final class Tts {
        static final Map<String, Object> DATA = AudioReference.load("tts.json");
    }

    /** A state dict saved by torch.save next to models.json. */
    static Map<String, Tensor> checkpoint(String name) {
        try {
            return PyTorchCheckpoint.load(Path.of(ModelsReference.class.getResource("/reference/audio/" + name).toURI()));
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A JSON list of integers as an int64 tensor. */
    static Tensor int64(Object list) {
        long[] v = AudioReference.longs(list);
        return Torch.tensor(v, v.length);
    }

    /** [[key, [shape...]], ...] as "key [d0, d1]" lines, the form the key-list assertions compare. */
    static List<String> keyLines(Object keys) {
        List<String> out = new ArrayList<>();
        for (Object o : AudioReference.list(keys)) {
            List<Object> pair = AudioReference.list(o);
            out.add(pair.get(0) + " " + java.util.Arrays.toString(AudioReference.longs(pair.get(1))));
        }
        return out;
    }

    /** A state dict's keys and shapes in the form of {@link #keyLines}. */
    static List<String> keyLines(Map<String, Tensor> state) {
        List<String> out = new ArrayList<>();
        state.forEach((k, v) -> out.add(k + " " + java.util.Arrays.toString(v.shape())));
        return out;
    }
}
