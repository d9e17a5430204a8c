package org.torch4j.audio.transforms;

import org.torch4j.Tensor;
import org.torch4j.audio.functional.AudioFunctional;
import org.torch4j.nn.Module;

/**
 * {@code torchaudio.transforms.AmplitudeToDB}: power ("power", multiplier 10) or amplitude
 * ("magnitude", multiplier 20) to decibels, reference 1, amin 1e-10, with an optional {@code top_db}
 * floor below each item's maximum.
 */
public final class AmplitudeToDB extends Module {
    final double multiplier, amin = 1e-10, dbMultiplier;
    final Double topDb;

    /** "power" with no top_db (torchaudio's defaults). */
    public AmplitudeToDB() {
        this("power", null);
    }

    /**
     * Decibels of power or amplitude values.
     *
     * @param stype "power" or "magnitude"
     * @param topDb the dynamic range kept below each item's maximum, or null
     */
    public AmplitudeToDB(String stype, Double topDb) {
        if (!"power".equals(stype) && !"magnitude".equals(stype)) throw new IllegalArgumentException("stype must be \"power\" or \"magnitude\", got " + stype);
        if (topDb != null && topDb < 0) throw new IllegalArgumentException("top_db must be positive value");
        this.multiplier = stype.equals("power") ? 10.0 : 20.0;
        this.dbMultiplier = Math.log10(Math.max(amin, 1.0));
        this.topDb = topDb;
    }

    /** The input in decibels, same shape. */
    @Override
    public Tensor forward(Tensor x) {
        return AudioFunctional.amplitudeToDB(x, multiplier, amin, dbMultiplier, topDb);
    }
}
