package org.torch4j.linalg;

import java.util.List;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * Complex linear systems through their real embedding: {@code (P + iQ)(X + iY) = B + iC} is the real system
 * {@code [[P, -Q], [Q, P]] [X; Y] = [B; C]}, solved by the real {@link Linalg#solve}, so that it is
 * differentiable (to any order) through real ops, as the rest of the complex support is. It costs about twice a
 * complex LU's arithmetic (a real system of order 2n).
 */
final class ComplexSolve {
    private ComplexSolve() {}

    /** The inverse of complex square matrices: the solution of {@code A X = I}. */
    static Tensor inverse(Tensor a) {
        Matrices.checkSquareShape("linalg.inv", a, "A");
        Tensor eye = MatrixOps.eye(a.size(-1), a);
        try {
            return solve(a, eye);
        } catch (LinAlgException e) {
            // the real embedding's pivot numbers are not A's: say only what is wrong
            throw new LinAlgException("linalg.inv: The inversion could not be completed because the input matrix is singular.");
        }
    }

    /** X with {@code A X = B} for complex {@code A [..., n, n]} and {@code B [..., n, k]}. */
    static Tensor solve(Tensor a, Tensor b) {
        long n = a.size(-1);
        Tensor p = a.real(), q = a.imag();
        Tensor big = Torch.cat(List.of(Torch.cat(List.of(p, q.neg()), -1), Torch.cat(List.of(q, p), -1)), -2);
        Tensor rhs = Torch.cat(List.of(b.real(), b.imag()), -2);
        Tensor x = Linalg.solve(big, rhs);
        return Torch.complex(x.narrow(-2, 0, n), x.narrow(-2, n, n));
    }
}
