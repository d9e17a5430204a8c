package org.torch4j.audio;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * WAV files, as {@code torchaudio.load} / {@code save}: PCM 8, 16, 24 or 32-bit or IEEE float 32-bit,
 * any number of channels, read to a float32 [channels, frames] tensor scaled to [-1, 1].
 */
public final class Wav {
    private Wav() {}

    /** The waveform [channels, frames] and its sample rate. */
    public record Audio(Tensor waveform, int sampleRate) {}

    public static Audio load(Path file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        if (b.remaining() < 12 || b.getInt(0) != 0x46464952 || b.getInt(8) != 0x45564157) {
            throw new IOException(file + ": not a RIFF/WAVE file (no 'RIFF....WAVE' at offset 0)");
        }
        int format = -1, channels = 0, rate = 0, bits = 0;
        int pos = 12;
        while (pos + 8 <= b.limit()) {
            int id = b.getInt(pos), size = b.getInt(pos + 4);
            if (size < 0 || pos + 8L + size > b.limit()) {
                throw new IOException(file + ": chunk at offset " + pos + " claims " + Integer.toUnsignedString(size)
                        + " bytes, past the end of the file (" + b.limit() + " bytes)");
            }
            if (id == 0x20746d66) { // "fmt "
                format = b.getShort(pos + 8) & 0xFFFF;
                channels = b.getShort(pos + 10) & 0xFFFF;
                rate = b.getInt(pos + 12);
                bits = b.getShort(pos + 22) & 0xFFFF;
                if (format == 0xFFFE && size >= 26) format = b.getShort(pos + 32) & 0xFFFF; // WAVE_FORMAT_EXTENSIBLE subformat
            } else if (id == 0x61746164) { // "data"
                if (format < 0) throw new IOException(file + ": 'data' chunk at offset " + pos + " before the 'fmt ' chunk");
                return new Audio(decode(b, pos + 8, size, format, channels, bits, file), rate);
            }
            pos += 8 + size + (size & 1);
        }
        throw new IOException(file + ": no 'data' chunk");
    }

    private static Tensor decode(ByteBuffer b, int start, int size, int format, int channels, int bits, Path file) throws IOException {
        if (channels <= 0) throw new IOException(file + ": " + channels + " channels");
        int bytes = bits / 8;
        if (!(format == 1 && (bits == 8 || bits == 16 || bits == 24 || bits == 32)) && !(format == 3 && bits == 32)) {
            throw new IOException(file + ": unsupported encoding (format " + format + ", " + bits + " bits)");
        }
        int frames = size / (bytes * channels);
        float[] out = new float[frames * channels];
        for (int f = 0; f < frames; f++) {
            for (int c = 0; c < channels; c++) {
                int at = start + (f * channels + c) * bytes;
                float v = switch (format == 3 ? 0 : bits) {
                    case 0 -> b.getFloat(at);
                    case 8 -> ((b.get(at) & 0xFF) - 128) / 128f;
                    case 16 -> b.getShort(at) / 32768f;
                    case 24 -> (((b.get(at + 2) << 16) | ((b.get(at + 1) & 0xFF) << 8) | (b.get(at) & 0xFF))) / 8388608f;
                    default -> (float) (b.getInt(at) / 2147483648.0);
                };
                out[c * frames + f] = v;
            }
        }
        return Torch.tensor(out, channels, frames);
    }

    /** Writes 16-bit PCM (values clamped to [-1, 1]) atomically: a temporary file, then a rename. */
    public static void save(Path file, Tensor waveform, int sampleRate) throws IOException {
        if (waveform.dim() != 2) throw new IllegalArgumentException("waveform must be [channels, frames], got " + waveform.dim() + "-d");
        int channels = (int) waveform.size(0), frames = (int) waveform.size(1);
        float[] v = waveform.to(DType.FLOAT32).contiguous().toFloatArray();
        int dataBytes = frames * channels * 2;
        ByteBuffer b = ByteBuffer.allocate(44 + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0x46464952).putInt(36 + dataBytes).putInt(0x45564157);
        b.putInt(0x20746d66).putInt(16).putShort((short) 1).putShort((short) channels).putInt(sampleRate)
                .putInt(sampleRate * channels * 2).putShort((short) (channels * 2)).putShort((short) 16);
        b.putInt(0x61746164).putInt(dataBytes);
        for (int f = 0; f < frames; f++) {
            for (int c = 0; c < channels; c++) {
                float x = Math.max(-1f, Math.min(1f, v[c * frames + f]));
                b.putShort((short) Math.round(Math.min(x * 32768f, 32767f)));
            }
        }
        Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), file.getFileName().toString(), ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                out.write(b.array());
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
