package org.torch4j.special;

import static org.torch4j.special.Series.horner;

/**
 * Bessel functions of the first and second kind of orders 0 and 1, and the spherical j0, following
 * Cephes' rational approximations (as PyTorch 1.13 does): a rational function of x^2 up to 5, beyond it
 * Hankel's asymptotic form with rational modulus and phase corrections in (5/x)^2.
 */
final class Bessel {
    private Bessel() {}

    private static final double SQRT_2_OVER_PI = 0.797884560802865355879892119868763737;
    private static final double TWO_OVER_PI = 0.636619772367581343075535053490057448;
    private static final double QUARTER_PI = 0.785398163397448309615660845819875721;
    private static final double THREE_QUARTER_PI = 2.356194490192344928846982537459627163;
    // squares of the first two zeros of J0 and of J1, factored out of the small-argument fits
    private static final double J0_ZERO1 = 5.78318596294678452118e+00, J0_ZERO2 = 3.04712623436620863991e+01;
    private static final double J1_ZERO1 = 1.46819706421238932572e+01, J1_ZERO2 = 4.92184563216946036703e+01;

    private static final double[] J0_PP = {
            7.96936729297347051624e-04, 8.28352392107440799803e-02, 1.23953371646414299388e+00,
            5.44725003058768775090e+00, 8.74716500199817011941e+00, 5.30324038235394892183e+00,
            9.99999999999999997821e-01,
    };

    private static final double[] J0_PQ = {
            9.24408810558863637013e-04, 8.56288474354474431428e-02, 1.25352743901058953537e+00,
            5.47097740330417105182e+00, 8.76190883237069594232e+00, 5.30605288235394617618e+00,
            1.00000000000000000218e+00,
    };

    private static final double[] J0_QP = {
            -1.13663838898469149931e-02, -1.28252718670509318512e+00, -1.95539544257735972385e+01,
            -9.32060152123768231369e+01, -1.77681167980488050595e+02, -1.47077505154951170175e+02,
            -5.14105326766599330220e+01, -6.05014350600728481186e+00,
    };

    private static final double[] J0_QQ = {
            6.43178256118178023184e+01, 8.56430025976980587198e+02, 3.88240183605401609683e+03,
            7.24046774195652478189e+03, 5.93072701187316984827e+03, 2.06209331660327847417e+03,
            2.42005740240291393179e+02,
    };

    private static final double[] J0_RP = {
            -4.79443220978201773821e+09, 1.95617491946556577543e+12, -2.49248344360967716204e+14,
            9.70862251047306323952e+15,
    };

    private static final double[] J0_RQ = {
            4.99563147152651017219e+02, 1.73785401676374683123e+05, 4.84409658339962045305e+07,
            1.11855537045356834862e+10, 2.11277520115489217587e+12, 3.10518229857422583814e+14,
            3.18121955943204943306e+16, 1.71086294081043136091e+18,
    };

    private static final double[] Y0_YP = {
            1.55924367855235737965e+04, -1.46639295903971606143e+07, 5.43526477051876500413e+09,
            -9.82136065717911466409e+11, 8.75906394395366999549e+13, -3.46628303384729719441e+15,
            4.42733268572569800351e+16, -1.84950800436986690637e+16,
    };

    private static final double[] Y0_YQ = {
            1.04128353664259848412e+03, 6.26107330137134956842e+05, 2.68919633393814121987e+08,
            8.64002487103935000337e+10, 2.02979612750105546709e+13, 3.17157752842975028269e+15,
            2.50596256172653059228e+17,
    };

    private static final double[] J1_PP = {
            7.62125616208173112003e-04, 7.31397056940917570436e-02, 1.12719608129684925192e+00,
            5.11207951146807644818e+00, 8.42404590141772420927e+00, 5.21451598682361504063e+00,
            1.00000000000000000254e+00,
    };

    private static final double[] J1_PQ = {
            5.71323128072548699714e-04, 6.88455908754495404082e-02, 1.10514232634061696926e+00,
            5.07386386128601488557e+00, 8.39985554327604159757e+00, 5.20982848682361821619e+00,
            9.99999999999999997461e-01,
    };

    private static final double[] J1_QP = {
            5.10862594750176621635e-02, 4.98213872951233449420e+00, 7.58238284132545283818e+01,
            3.66779609360150777800e+02, 7.10856304998926107277e+02, 5.97489612400613639965e+02,
            2.11688757100572135698e+02, 2.52070205858023719784e+01,
    };

    private static final double[] J1_QQ = {
            7.42373277035675149943e+01, 1.05644886038262816351e+03, 4.98641058337653607651e+03,
            9.56231892404756170795e+03, 7.99704160447350683650e+03, 2.82619278517639096600e+03,
            3.36093607810698293419e+02,
    };

    private static final double[] J1_RP = {
            -8.99971225705559398224e+08, 4.52228297998194034323e+11, -7.27494245221818276015e+13,
            3.68295732863852883286e+15,
    };

    private static final double[] J1_RQ = {
            6.20836478118054335476e+02, 2.56987256757748830383e+05, 8.35146791431949253037e+07,
            2.21511595479792499675e+10, 4.74914122079991414898e+12, 7.84369607876235854894e+14,
            8.95222336184627338078e+16, 5.32278620332680085395e+18,
    };

    private static final double[] Y1_YP = {
            1.26320474790178026440e+09, -6.47355876379160291031e+11, 1.14509511541823727583e+14,
            -8.12770255501325109621e+15, 2.02439475713594898196e+17, -7.78877196265950026825e+17,
    };

    private static final double[] Y1_YQ = {
            5.94301592346128195359e+02, 2.35564092943068577943e+05, 7.34811944459721705660e+07,
            1.87601316108706159478e+10, 3.88231277496238566008e+12, 6.20557727146953693363e+14,
            6.87141087355300489866e+16, 3.97270608116560655612e+18,
    };

    /** J0(x), even in x. */
    static double j0(double x) {
        x = Math.abs(x);
        if (x <= 5) {
            if (x < 1e-5) return 1 - x * x / 4;
            double z = x * x;
            return (z - J0_ZERO1) * (z - J0_ZERO2) * horner(z, J0_RP) / horner(z, J0_RQ);
        }
        return hankel(x, 25 / (x * x), J0_PP, J0_PQ, J0_QP, J0_QQ, QUARTER_PI, false);
    }

    /** J1(x), odd in x. */
    static double j1(double x) {
        if (x < 0) return -j1(-x);
        if (x <= 5) {
            double z = x * x;
            return horner(z, J1_RP) / horner(z, J1_RQ) * x * (z - J1_ZERO1) * (z - J1_ZERO2);
        }
        return hankel(x, 5 / x * (5 / x), J1_PP, J1_PQ, J1_QP, J1_QQ, THREE_QUARTER_PI, false);
    }

    /** Y0(x): -inf at 0, NaN for negative x. */
    static double y0(double x) {
        if (x <= 5) {
            if (x == 0) return Double.NEGATIVE_INFINITY;
            if (x < 0) return Double.NaN;
            double z = x * x;
            return horner(z, Y0_YP) / horner(z, Y0_YQ) + TWO_OVER_PI * Math.log(x) * j0(x);
        }
        return hankel(x, 25 / (x * x), J0_PP, J0_PQ, J0_QP, J0_QQ, QUARTER_PI, true);
    }

    /** Y1(x): -inf at 0, NaN for negative x. */
    static double y1(double x) {
        if (x <= 5) {
            if (x == 0) return Double.NEGATIVE_INFINITY;
            if (x < 0) return Double.NaN;
            double z = x * x;
            return x * (horner(z, Y1_YP) / horner(z, Y1_YQ)) + TWO_OVER_PI * (j1(x) * Math.log(x) - 1 / x);
        }
        return hankel(x, 5 / x * (5 / x), J1_PP, J1_PQ, J1_QP, J1_QQ, THREE_QUARTER_PI, true);
    }

    /**
     * The large-argument form {@code sqrt(2/(pi x)) (P cos(x - phase) - (5/x) Q sin(x - phase))} for J, and
     * with sin and cos exchanged for Y; P and Q are rational in {@code w = (5/x)^2}.
     */
    private static double hankel(double x, double w, double[] pp, double[] pq, double[] qp, double[] qq, double phase,
                                 boolean secondKind) {
        double p = horner(w, pp) / horner(w, pq), q = horner(w, qp) / horner(w, qq);
        double s = Math.sin(x - phase), c = Math.cos(x - phase);
        double v = secondKind ? p * s + 5 / x * q * c : p * c - 5 / x * q * s;
        return v * SQRT_2_OVER_PI / Math.sqrt(x);
    }

    /** sin(x)/x, by its Taylor series below 0.5 (no cancellation there), 0 at +-inf. */
    static double sphericalJ0(double x) {
        if (Double.isInfinite(x)) return 0;
        if (Math.abs(x) < 0.5) {
            double z = x * x;
            return 1 + z * (-1.0 / 6 + z * (1.0 / 120 + z * (-1.0 / 5040 + z * (1.0 / 362880 + z * (-1.0 / 39916800
                    + z * (1.0 / 6227020800.0))))));
        }
        return Math.sin(x) / x;
    }
}
