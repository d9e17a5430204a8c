package org.torch4j.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;

class WavTest {

    @Test
    void savedFilesGetTheUsualPermissionsOfANewFile(@TempDir Path dir) throws IOException {
        assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX permissions only");
        Path plain = Files.createFile(dir.resolve("plain"));
        Path f = dir.resolve("x.wav");
        Wav.save(f, Torch.zeros(1, 8), 8000);
        // a private temporary file renamed into place would be 0600 whatever the umask
        assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(f));
        try (var listing = Files.list(dir)) {
            assertEquals(2, listing.count(), "no temporary file is left behind");
        }
    }

    @Test
    void savesAndLoadsStereoPcm16(@TempDir Path dir) throws IOException {
        Tensor wave = Torch.tensor(new float[] {0f, 0.5f, -0.5f, 1f, -1f, 0.25f}, 2, 3);
        Path f = dir.resolve("x.wav");
        Wav.save(f, wave, 16000);
        Wav.Audio a = Wav.load(f);
        assertEquals(16000, a.sampleRate());
        assertArrayEquals(new long[] {2, 3}, a.waveform().shape());
        // 16-bit quantisation as torchaudio: 0.5 -> 16384/32768, 1.0 -> 32767/32768
        assertArrayEquals(new float[] {0f, 0.5f, -0.5f, 32767f / 32768, -1f, 0.25f}, a.waveform().toFloatArray(), 0f);
        assertEquals(44 + 12, Files.size(f));
    }

    @Test
    void decodesPcm8Pcm24AndFloat(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("f.wav");
        Files.write(f, wav(3, 32, new byte[] {0, 0, 0x40, 0x3f, 0, 0, (byte) 0x80, (byte) 0xbf}));
        assertArrayEquals(new float[] {0.75f, -1f}, Wav.load(f).waveform().toFloatArray(), 0f);
        Files.write(f, wav(1, 24, new byte[] {0, 0, 0x40, 0, 0, (byte) 0xc0}));
        assertArrayEquals(new float[] {0.5f, -0.5f}, Wav.load(f).waveform().toFloatArray(), 0f);
        Files.write(f, wav(1, 8, new byte[] {(byte) 192, 64}));
        assertArrayEquals(new float[] {0.5f, -0.5f}, Wav.load(f).waveform().toFloatArray(), 0f);
    }

    @Test
    void badFilesNameTheOffset(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("bad.wav");
        byte[] good = wav(1, 16, new byte[] {1, 0, 2, 0});
        // a 'LIST' chunk in place of the data chunk, claiming more than the file holds
        ByteBuffer.wrap(good).order(ByteOrder.LITTLE_ENDIAN).putInt(36, 0x5453494c).putInt(40, 1 << 30);
        Files.write(f, good);
        IOException e = assertThrows(IOException.class, () -> Wav.load(f));
        assertTrue(e.getMessage().contains("chunk at offset 36 claims 1073741824 bytes, past the end of the file (48 bytes)"), e.getMessage());
        Files.write(f, new byte[] {'O', 'g', 'g', 'S', 0, 0, 0, 0, 0, 0, 0, 0});
        e = assertThrows(IOException.class, () -> Wav.load(f));
        assertTrue(e.getMessage().contains("not a RIFF/WAVE file"), e.getMessage());
    }

    @Test
    void streamedDataChunkSizeReadsToTheEndOfTheFile(@TempDir Path dir) throws IOException {
        // espeak-ng --stdout writes 0x7ffff000 as the data size; sox (torchaudio) reads what is there
        Path f = dir.resolve("stream.wav");
        byte[] b = wav(1, 16, new byte[] {0, 0x40, 0, (byte) 0xc0, 1});
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(40, 0x7ffff000);
        Files.write(f, b);
        assertArrayEquals(new float[] {0.5f, -0.5f}, Wav.load(f).waveform().toFloatArray(), 0f);
        assertEquals(2, Wav.info(f).numFrames());
    }

    @Test
    void loadsAsTorchaudioDoes() throws IOException {
        for (Object o : AudioReference.list(AudioReference.load("wav.json").get("files"))) {
            java.util.Map<String, Object> e = AudioReference.map(o);
            String name = (String) e.get("name");
            Path f = resource(name);
            Wav.Audio a = Wav.load(f);
            assertEquals(8000, a.sampleRate(), name);
            assertEquals(DType.FLOAT32, a.waveform().dtype());
            // exact: the same integer-to-float scaling as torchaudio
            AudioReference.assertClose(a.waveform(), AudioReference.tensor(e.get("load")), 0, 0, name);
            AudioReference.assertClose(Wav.load(f, 5, 10, false).waveform(), AudioReference.tensor(e.get("part")), 0, 0, name + " part");
            AudioReference.assertClose(Wav.load(f, 30, -1, true).waveform(), AudioReference.tensor(e.get("tail")), 0, 0, name + " tail");
            java.util.Map<String, Object> i = AudioReference.map(e.get("info"));
            Wav.Info info = Wav.info(f);
            assertEquals(new Wav.Info(8000, ((Number) i.get("num_frames")).longValue(), ((Number) i.get("num_channels")).intValue(),
                    ((Number) i.get("bits_per_sample")).intValue(), (String) i.get("encoding")), info, name);
            assertArrayEquals(new long[] {2, 0}, Wav.load(f, 100, -1, true).waveform().shape(), "past the end: no frames");
        }
    }

    @Test
    void savesTheSampleBytesTorchaudioSaves(@TempDir Path dir) throws IOException {
        java.util.Map<String, Object> saved = AudioReference.map(AudioReference.load("wav.json").get("saved"));
        Tensor x = AudioReference.tensor(saved.get("input"));
        for (Object o : AudioReference.list(saved.get("files"))) {
            java.util.Map<String, Object> e = AudioReference.map(o);
            String name = (String) e.get("name");
            Path mine = dir.resolve(name + ".wav");
            Wav.save(mine, x, 8000, true, (String) e.get("encoding"), ((Number) e.get("bits_per_sample")).intValue());
            // headers differ (sox writes WAVE_FORMAT_EXTENSIBLE and 'fact' chunks), the samples must not
            assertArrayEquals(dataChunk(resource(name)), dataChunk(mine), name);
            assertEquals(Wav.info(resource(name)), Wav.info(mine), name);
        }
    }

    private static byte[] dataChunk(Path f) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(f)).order(ByteOrder.LITTLE_ENDIAN);
        int pos = 12;
        while (b.getInt(pos) != 0x61746164) pos += 8 + b.getInt(pos + 4) + (b.getInt(pos + 4) & 1);
        return java.util.Arrays.copyOfRange(b.array(), pos + 8, pos + 8 + b.getInt(pos + 4));
    }

    private static Path resource(String name) {
        try {
            return Path.of(WavTest.class.getResource("/reference/audio/wav/" + name + ".wav").toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void savesEveryEncodingAndRoundTrips(@TempDir Path dir) throws IOException {
        Tensor wave = Torch.tensor(new double[] {0, 0.5, -0.5, 0.25, -1, 0.125, 0.75, -0.25}, 2, 4);
        String[][] cases = {{"PCM_U", "8"}, {"PCM_S", "16"}, {"PCM_S", "24"}, {"PCM_S", "32"}, {"PCM_F", "32"}, {"PCM_F", "64"}};
        for (String[] c : cases) {
            Path f = dir.resolve(c[0] + c[1] + ".wav");
            int bits = Integer.parseInt(c[1]);
            Wav.save(f, wave.t(), 22050, false, c[0], bits);
            assertEquals(new Wav.Info(22050, 4, 2, bits, c[0]), Wav.info(f));
            assertEquals(44 + 8 * bits / 8, Files.size(f));
            // these values are exact in every encoding
            assertArrayEquals(wave.toFloatArray(), Wav.load(f).waveform().toFloatArray(), 0f, c[0] + c[1]);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Wav.save(dir.resolve("x.wav"), wave, 8000, true, "PCM_U", 16));
        assertEquals("PCM_U does not support 16 bits per sample in WAV", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Wav.save(dir.resolve("x.wav"), wave, 8000, true, "ULAW", 8));
        assertThrows(IllegalArgumentException.class, () -> Wav.save(dir.resolve("x.wav"), wave.flatten(), 8000));
    }

    @Test
    void saveReplacesAtomicallyAndLeavesNoTemporaryFile(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("same.wav");
        Files.writeString(f, "old contents");
        Wav.save(f, Torch.zeros(1, 10), 8000);
        assertEquals(8000, Wav.load(f).sampleRate());
        try (var s = Files.list(dir)) {
            assertEquals(1, s.count(), "only the saved file remains");
        }
    }

    @Test
    void malformedHeadersNameTheProblemAndOffset(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("bad.wav");
        byte[] b = wav(1, 16, new byte[] {1, 0, 2, 0});
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putShort(22, (short) 0);
        Files.write(f, b);
        IOException e = assertThrows(IOException.class, () -> Wav.load(f));
        assertTrue(e.getMessage().contains("declares 0 channels (offset 22)"), e.getMessage());
        b = wav(6, 8, new byte[] {1, 2});
        Files.write(f, b);
        e = assertThrows(IOException.class, () -> Wav.load(f));
        assertTrue(e.getMessage().contains("unsupported encoding: format tag 6 with 8 bits per sample ('fmt ' chunk at offset 12)"), e.getMessage());
        b = wav(1, 16, new byte[] {1, 0, 2, 0});
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putShort(32, (short) 3);
        Files.write(f, b);
        e = assertThrows(IOException.class, () -> Wav.load(f));
        assertTrue(e.getMessage().contains("block align 3 at offset 32"), e.getMessage());
        b = wav(1, 16, new byte[] {1, 0, 2, 0});
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(16, 12);
        Files.write(f, b);
        e = assertThrows(IOException.class, () -> Wav.load(f));
        assertTrue(e.getMessage().contains("'fmt ' chunk at offset 12 has 12 bytes"), e.getMessage());
        Files.write(f, java.util.Arrays.copyOf(wav(1, 16, new byte[0]), 36));
        e = assertThrows(IOException.class, () -> Wav.load(f));
        assertTrue(e.getMessage().contains("no 'data' chunk"), e.getMessage());
        Files.write(f, new byte[] {'R', 'I', 'F', 'F'});
        e = assertThrows(IOException.class, () -> Wav.info(f));
        assertTrue(e.getMessage().contains("shorter than the 12-byte RIFF header at offset 0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Wav.load(f, 0, 0, true));
    }

    private static byte[] wav(int format, int bits, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(44 + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0x46464952).putInt(36 + data.length).putInt(0x45564157);
        b.putInt(0x20746d66).putInt(16).putShort((short) format).putShort((short) 1).putInt(8000)
                .putInt(8000 * bits / 8).putShort((short) (bits / 8)).putShort((short) bits);
        b.putInt(0x61746164).putInt(data.length).put(data);
        return b.array();
    }
}
