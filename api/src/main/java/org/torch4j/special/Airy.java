package org.torch4j.special;

import static org.torch4j.special.Series.horner;

/**
 * The Airy function Ai(x), following Cephes (as PyTorch 1.13): the Maclaurin series of its two
 * fundamental solutions near the origin, and rational asymptotic forms in 1/zeta, zeta = (2/3)|x|^(3/2),
 * beyond |x| = 2.09 (oscillating for x < 0, decaying as exp(-zeta) for x > 0).
 */
final class Airy {
    private Airy() {}

    private static final double INV_SQRT_PI = 5.64189583547756286948e-01;
    // Ai(0) and -Ai'(0): the weights of the two series solutions f and g
    private static final double AI0 = 0.355028053887817239260, MINUS_AI_PRIME0 = 0.258819403792806798405;

    private static final double[] AI_AN = {
            3.46538101525629032477e-01, 1.20075952739645805542e+01, 7.62796053615234516538e+01,
            1.68089224934630576269e+02, 1.59756391350164413639e+02, 7.05360906840444183113e+01,
            1.40264691163389668864e+01, 9.99999999999999995305e-01,
    };

    private static final double[] AI_AD = {
            5.67594532638770212846e-01, 1.47562562584847203173e+01, 8.45138970141474626562e+01,
            1.77318088145400459522e+02, 1.64234692871529701831e+02, 7.14778400825575695274e+01,
            1.40959135607834029598e+01, 1.00000000000000000470e+00,
    };

    private static final double[] AI_AFN = {
            -1.31696323418331795333e-01, -6.26456544431912369773e-01, -6.93158036036933542233e-01,
            -2.79779981545119124951e-01, -4.91900132609500318020e-02, -4.06265923594885404393e-03,
            -1.59276496239262096340e-04, -2.77649108155232920844e-06, -1.67787698489114633780e-08,
    };

    private static final double[] AI_AFD = {
            1.33560420706553243746e+01, 3.26825032795224613948e+01, 2.67367040941499554804e+01,
            9.18707402907259625840e+00, 1.47529146771666414581e+00, 1.15687173795188044134e-01,
            4.40291641615211203805e-03, 7.54720348287414296618e-05, 4.51850092970580378464e-07,
    };

    private static final double[] AI_AGN = {
            1.97339932091685679179e-02, 3.91103029615688277255e-01, 1.06579897599595591108e+00,
            9.39169229816650230044e-01, 3.51465656105547619242e-01, 6.33888919628925490927e-02,
            5.85804113048388458567e-03, 2.82851600836737019778e-04, 6.98793669997260967291e-06,
            8.11789239554389293311e-08, 3.41551784765923618484e-10,
    };

    private static final double[] AI_AGD = {
            9.30892908077441974853e+00, 1.98352928718312140417e+01, 1.55646628932864612953e+01,
            5.47686069422975497931e+00, 9.54293611618961883998e-01, 8.64580826352392193095e-02,
            4.12656523824222607191e-03, 1.01259085116509135510e-04, 1.17166733214413521882e-06,
            4.91834570062930015649e-09,
    };


    /** Ai(x); NaN at +-inf (as PyTorch), 0 far right where it underflows. */
    static double ai(double x) {
        if (Double.isInfinite(x)) return Double.NaN;
        if (x > 103.892) return 0;
        if (x < -2.09) {
            double zeta = -2 * x * Math.sqrt(-x) / 3, z = 1 / zeta, z2 = z * z;
            double f = 1 + z2 * horner(z2, AI_AFN) / horner(z2, AI_AFD);
            double g = z * horner(z2, AI_AGN) / horner(z2, AI_AGD);
            double t = zeta + 0.25 * Math.PI;
            return INV_SQRT_PI / Math.sqrt(Math.sqrt(-x)) * (Math.sin(t) * f - Math.cos(t) * g);
        }
        if (x >= 2.09) {
            double zeta = 2 * x * Math.sqrt(x) / 3, w = 1 / zeta;
            return INV_SQRT_PI * (horner(w, AI_AN) / horner(w, AI_AD)) / (2 * Math.sqrt(Math.sqrt(x)) * Math.exp(zeta));
        }
        return maclaurin(x);
    }

    /** {@code Ai(0) f(x) - (-Ai'(0)) g(x)} with f, g the series solutions in powers of x^3. */
    private static double maclaurin(double x) {
        double f = 1, g = x, k = 1, m = 1, n = x, z = x * x * x, t = 1;
        while (t > 0x1p-52) {
            m *= z;
            k += 1;
            m /= k;
            n *= z;
            k += 1;
            n /= k;
            m /= k;
            f += m;
            k += 1;
            n /= k;
            g += n;
            t = Math.abs(m / f);
        }
        return AI0 * f - MINUS_AI_PRIME0 * g;
    }
}
