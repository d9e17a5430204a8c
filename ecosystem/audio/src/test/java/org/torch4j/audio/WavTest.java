package org.torch4j.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.torch4j.Tensor;
import org.torch4j.Torch;

class WavTest {

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
        ByteBuffer.wrap(good).order(ByteOrder.LITTLE_ENDIAN).putInt(40, 1 << 30);
        Files.write(f, good);
        IOException e = assertThrows(IOException.class, () -> Wav.load(f));
        assertTrue(e.getMessage().contains("chunk at offset 36 claims 1073741824 bytes, past the end of the file (48 bytes)"), e.getMessage());
        Files.write(f, new byte[] {'O', 'g', 'g', 'S', 0, 0, 0, 0, 0, 0, 0, 0});
        e = assertThrows(IOException.class, () -> Wav.load(f));
        assertTrue(e.getMessage().contains("not a RIFF/WAVE file"), e.getMessage());
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
