package org.torch4j;

import java.util.ArrayList;
import java.util.List;

/**
 * Finite-difference checks of gradients, as {@code torch.autograd.gradcheck} and {@code gradgradcheck}:
 * the analytical Jacobian (from backward) must match the numerical one (central differences) within
 * {@code atol + rtol * |numerical|}. Inputs should be float64 tensors; those with
 * {@code requiresGrad} are checked.
 */
public final class GradCheck {
    private GradCheck() {}

    /** PyTorch's defaults. */
    public static final double EPS = 1e-6, ATOL = 1e-5, RTOL = 1e-3;

    /** The function under test: inputs to outputs. */
    @FunctionalInterface
    public interface Fn {
        /** Computes the outputs; called many times, with perturbed copies of the inputs. */
        List<Tensor> apply(List<Tensor> inputs);
    }

    /** Checks a function of one or more inputs with one output; throws {@link AssertionError} on mismatch. */
    public static boolean gradcheck(java.util.function.Function<Tensor[], Tensor> f, Tensor... inputs) {
        return gradcheck(in -> List.of(f.apply(in.toArray(new Tensor[0]))), List.of(inputs), EPS, ATOL, RTOL);
    }

    /** Checks every output with respect to every input that requires grad. */
    public static boolean gradcheck(Fn f, List<Tensor> inputs, double eps, double atol, double rtol) {
        List<Tensor> outputs = f.apply(inputs);
        for (int o = 0; o < outputs.size(); o++) {
            Tensor out = outputs.get(o);
            if (!out.dtype().isFloatingPoint()) continue;
            for (int i = 0; i < inputs.size(); i++) {
                Tensor in = inputs.get(i);
                if (!in.requiresGrad()) continue;
                if (in.dtype() != DType.FLOAT64) {
                    throw new IllegalArgumentException("gradcheck expects float64 inputs for precision; input " + i + " is " + in.dtype());
                }
                double[][] numerical = numericalJacobian(f, inputs, i, o, eps);
                double[][] analytical = analyticalJacobian(f, inputs, i, o);
                compare(numerical, analytical, o, i, atol, rtol, "");
            }
        }
        return true;
    }

    /**
     * Checks second derivatives: the gradient of {@code f} (with random grad_outputs, created with
     * createGraph) must itself pass {@link #gradcheck}.
     */
    public static boolean gradgradcheck(java.util.function.Function<Tensor[], Tensor> f, Tensor... inputs) {
        return gradgradcheck(in -> List.of(f.apply(in.toArray(new Tensor[0]))), List.of(inputs), EPS, ATOL, RTOL);
    }

    /**
     * Checks second derivatives of every output with respect to every input that requires grad, with
     * explicit tolerances: the first derivatives, taken with {@code createGraph} against fixed
     * pseudo-random grad_outputs, must pass {@link #gradcheck(Fn, List, double, double, double)}.
     *
     * @return true; a mismatch throws {@link AssertionError}
     * @throws IllegalArgumentException if an input that requires grad is not float64
     */
    public static boolean gradgradcheck(Fn f, List<Tensor> inputs, double eps, double atol, double rtol) {
        List<Tensor> outputs = f.apply(inputs);
        // fixed pseudo-random grad_outputs in [-1, 1) (PyTorch draws them with randn)
        java.util.Random random = new java.util.Random(0);
        List<Tensor> gradOutputs = new ArrayList<>();
        for (Tensor out : outputs) {
            double[] v = new double[(int) out.numel()];
            for (int k = 0; k < v.length; k++) v[k] = 2 * random.nextDouble() - 1;
            // on the output's device: the function may run on a GPU
            gradOutputs.add(Torch.tensor(v).reshape(out.shape()).to(out.device()).detach().requiresGrad_());
        }
        int n = inputs.size();
        List<Tensor> all = new ArrayList<>(inputs);
        all.addAll(gradOutputs);
        Fn first = in -> {
            List<Tensor> ins = in.subList(0, n);
            List<Tensor> gos = in.subList(n, in.size());
            List<Tensor> outs = f.apply(ins);
            List<Tensor> diffInputs = new ArrayList<>();
            for (Tensor t : ins) if (t.requiresGrad()) diffInputs.add(t);
            List<Tensor> grads = Autograd.grad(outs, diffInputs, gos, true, true, true);
            List<Tensor> result = new ArrayList<>();
            for (int k = 0; k < grads.size(); k++) {
                Tensor gk = grads.get(k);
                result.add(gk == null ? Torch.zerosLike(diffInputs.get(k)) : gk);
            }
            return result;
        };
        return gradcheck(first, all, eps, atol, rtol);
    }

    /** d out[o] / d in[i] by central differences, [outputs elements][input elements]. */
    private static double[][] numericalJacobian(Fn f, List<Tensor> inputs, int i, int o, double eps) {
        Tensor in = inputs.get(i);
        int n = (int) in.numel();
        double[][] jac = new double[(int) f.apply(inputs).get(o).numel()][n];
        for (int k = 0; k < n; k++) {
            Tensor element = in.detach();
            for (long c : unravel(k, in.shape())) element = element.select(0, c);
            double orig = element.item();
            set(element, orig - eps);
            double[] minus = f.apply(inputs).get(o).toDoubleArray();
            set(element, orig + eps);
            double[] plus = f.apply(inputs).get(o).toDoubleArray();
            set(element, orig);
            for (int r = 0; r < plus.length; r++) jac[r][k] = (plus[r] - minus[r]) / (2 * eps);
        }
        return jac;
    }

    /** Writes one element of an input without recording (the input may be a leaf that requires grad). */
    private static void set(Tensor element, double value) {
        try (Torch.Mode m = Torch.noGrad()) {
            element.fill_(value);
        }
    }

    /** d out[o] / d in[i] from one backward per output element. */
    private static double[][] analyticalJacobian(Fn f, List<Tensor> inputs, int i, int o) {
        Tensor out = f.apply(inputs).get(o);
        int rows = (int) out.numel();
        int cols = (int) inputs.get(i).numel();
        double[][] jac = new double[rows][cols];
        if (!out.requiresGrad()) return jac;
        for (int r = 0; r < rows; r++) {
            Tensor outR = f.apply(inputs).get(o);
            Tensor unit = Torch.zeros(outR.shape(), outR.dtype(), outR.device());
            try (Torch.Mode m = Torch.noGrad()) {
                unit.reshape(-1).select(0, r).fill_(1.0);
            }
            Tensor g = Autograd.grad(List.of(outR), List.of(inputs.get(i)), List.of(unit), false, false, true).get(0);
            if (g == null) continue;
            double[] gv = g.toDoubleArray();
            System.arraycopy(gv, 0, jac[r], 0, cols);
        }
        return jac;
    }

    private static void compare(double[][] numerical, double[][] analytical, int o, int i, double atol, double rtol, String what) {
        for (int r = 0; r < numerical.length; r++) {
            for (int c = 0; c < numerical[r].length; c++) {
                double nv = numerical[r][c], av = analytical[r][c];
                if (!(Math.abs(nv - av) <= atol + rtol * Math.abs(nv))) {
                    throw new AssertionError("Jacobian mismatch for output " + o + " with respect to input " + i + ",\n"
                            + "numerical:" + matrix(numerical) + "\nanalytical:" + matrix(analytical) + "\n"
                            + "(first difference at [" + r + ", " + c + "]: " + nv + " vs " + av + ")");
                }
            }
        }
    }

    private static String matrix(double[][] m) {
        StringBuilder sb = new StringBuilder("\n");
        for (double[] row : m) sb.append(java.util.Arrays.toString(row)).append('\n');
        return sb.toString();
    }

    private static long[] unravel(long k, long[] shape) {
        long[] c = new long[shape.length];
        for (int d = shape.length - 1; d >= 0; d--) {
            c[d] = k % shape[d];
            k /= shape[d];
        }
        return c;
    }
}
