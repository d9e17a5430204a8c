package org.torch4j.audio.datasets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.torch4j.audio.Wav;
import org.torch4j.data.Dataset;

/**
 * A small spoken-digit dataset ("zero" to "nine", labels 0 to 9) synthesised locally with the
 * {@code espeak-ng} speech synthesiser across voices, speeds and pitches; no network. Recordings are
 * cached as {@code root/<digit>/<voice>_s<speed>_p<pitch>.wav} (22050 Hz mono 16-bit, as espeak-ng
 * writes them) and synthesised only when missing, so a complete cache needs no espeak-ng. Items are
 * ordered by digit, then voice, speed and pitch as given; {@link #withVoices} selects a voice split
 * (e.g. hold one voice out for testing).
 */
public final class SpokenDigits implements Dataset<LabeledAudio> {
    /** The words spoken, by label. */
    public static final List<String> WORDS = List.of("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine");

    /** espeak-ng's English voices used by default. */
    public static final List<String> DEFAULT_VOICES = List.of("en-us", "en-gb", "en-gb-scotland", "en-029", "en-gb-x-rp", "en-gb-x-gbclan",
            "en-gb-x-gbcwmd");

    /** Default speeds (words per minute). */
    public static final List<Integer> DEFAULT_SPEEDS = List.of(130, 170, 210);

    /** Default pitches (0 to 99). */
    public static final List<Integer> DEFAULT_PITCHES = List.of(35, 65);

    /**
     * One recording.
     *
     * @param path the cached WAV file
     * @param digit the label
     * @param voice the espeak-ng voice
     * @param speed words per minute
     * @param pitch espeak-ng pitch
     */
    public record Utterance(Path path, int digit, String voice, int speed, int pitch) {}

    private final List<Utterance> items;

    private SpokenDigits(List<Utterance> items) {
        this.items = List.copyOf(items);
    }

    /** The default voices, speeds and pitches (420 recordings) cached under {@code root}. */
    public static SpokenDigits create(Path root) throws IOException {
        return create(root, DEFAULT_VOICES, DEFAULT_SPEEDS, DEFAULT_PITCHES);
    }

    /**
     * Every digit in every voice, speed and pitch, synthesised into {@code root} where missing.
     *
     * @throws IOException when a recording is missing and espeak-ng is not installed (the message says
     *     so), or espeak-ng fails
     */
    public static SpokenDigits create(Path root, List<String> voices, List<Integer> speeds, List<Integer> pitches) throws IOException {
        List<Utterance> items = new ArrayList<>();
        for (int d = 0; d < WORDS.size(); d++) {
            for (String v : voices) {
                if (!v.matches("[A-Za-z0-9_+-]+")) throw new IllegalArgumentException("not an espeak-ng voice name: " + v);
                for (int s : speeds) {
                    for (int p : pitches) items.add(new Utterance(root.resolve(String.valueOf(d)).resolve(v + "_s" + s + "_p" + p + ".wav"), d, v, s, p));
                }
            }
        }
        List<Utterance> missing = items.stream().filter(u -> !Files.isRegularFile(u.path())).toList();
        if (!missing.isEmpty()) {
            if (!espeakAvailable()) {
                throw new IOException("SpokenDigits: espeak-ng is not installed (could not run '" + executable() + "'), and " + missing.size()
                        + " recordings are missing from " + root + ". Install it (Debian/Ubuntu: apt-get install espeak-ng) or give a folder"
                        + " where they were synthesised before.");
            }
            for (Utterance u : missing) synthesise(u);
        }
        return new SpokenDigits(items);
    }

    /** The synthesiser run: the system property {@code torch4j.espeak}, by default {@code espeak-ng} from the PATH. */
    public static String executable() {
        return System.getProperty("torch4j.espeak", "espeak-ng");
    }

    /** Whether {@code espeak-ng} can be run. */
    public static boolean espeakAvailable() {
        try {
            Process p = new ProcessBuilder(executable(), "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void synthesise(Utterance u) throws IOException {
        Path dir = u.path().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".espeak", ".wav");
        try {
            Process p = new ProcessBuilder(executable(), "-v", u.voice(), "-s", String.valueOf(u.speed()), "-p", String.valueOf(u.pitch()), "-w",
                    tmp.toString(), WORDS.get(u.digit())).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("espeak-ng timed out synthesising " + u);
            }
            if (p.exitValue() != 0 || Files.size(tmp) <= 44) {
                throw new IOException("espeak-ng failed for voice " + u.voice() + " (exit " + p.exitValue() + "): " + out.strip());
            }
            Files.move(tmp, u.path(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while synthesising " + u, e);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** The recordings, in dataset order. */
    public List<Utterance> utterances() {
        return items;
    }

    /** The recordings whose voice passes {@code keep} (a voice split). */
    public SpokenDigits withVoices(Predicate<String> keep) {
        return new SpokenDigits(items.stream().filter(u -> keep.test(u.voice())).toList());
    }

    /** Recording {@code index}: waveform [1, frames] at 22050 Hz and the digit. */
    @Override
    public LabeledAudio get(long index) {
        Utterance u = items.get(Math.toIntExact(index));
        try {
            Wav.Audio a = Wav.load(u.path());
            return new LabeledAudio(a.waveform(), a.sampleRate(), u.digit());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public long size() {
        return items.size();
    }
}
