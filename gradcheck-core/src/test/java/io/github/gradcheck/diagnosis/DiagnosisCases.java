package io.github.gradcheck.diagnosis;

import static io.github.gradcheck.diagnosis.SoftplusNet.B1;
import static io.github.gradcheck.diagnosis.SoftplusNet.B2;
import static io.github.gradcheck.diagnosis.SoftplusNet.W1;
import static io.github.gradcheck.diagnosis.SoftplusNet.W2;
import static io.github.gradcheck.diagnosis.SoftplusNet.W3;

import io.github.gradcheck.DifferentiableFunction;
import io.github.gradcheck.diagnosis.DiagnosisCase.BlockExpectation;
import io.github.gradcheck.diagnosis.DiagnosisCase.FindingExpectation;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The cases that measure diagnoses across blocks and of the layouts JVM libraries use, on three models
 * the project had not seen (a softplus perceptron stored inputs × units, matrix factorisation with two
 * towers, a 73×70 linear layer): each pattern, the near misses that must not be claimed, and correct
 * models. Written before the diagnoses were tuned, and not tuned to.
 */
final class DiagnosisCases {

    private static final double LAMBDA = 0.01;
    private static final List<String> NET = SoftplusNet.LAYOUT.names();
    private static final List<String> TOWERS = TwoTower.LAYOUT.names();

    private DiagnosisCases() {
    }

    static List<DiagnosisCase> all() {
        List<DiagnosisCase> cases = new ArrayList<>();
        softplusNet(cases);
        twoTower(cases);
        wideLinear(cases);
        return cases;
    }

    private static void softplusNet(List<DiagnosisCase> cases) {
        Supplier<DifferentiableFunction> right = () -> new SoftplusNet(LAMBDA, SoftplusNet.Bug.NONE);
        cases.add(net("softplus net, correct", "control", right, List.of(), List.of()));
        cases.add(net("softplus net, whole gradient ×8 (1/m forgotten)", "pattern", gradient(right, g -> times(g, 8)),
                List.of(scaled("W1", 8), scaled("b3", 8)), List.of(whole(NET, 8))));
        cases.add(net("softplus net, learning rate 0.01 folded into gradient()", "pattern", gradient(right, g -> times(g, 0.01)),
                List.of(), List.of(whole(NET, 0.01))));
        cases.add(net("softplus net, gradient() returns the descent direction", "pattern", gradient(right, g -> times(g, -1)),
                List.of(), List.of(whole(NET, -1))));
        cases.add(net("softplus net, data term's 1/m forgotten, L2 right", "pattern",
                () -> new SoftplusNet(LAMBDA, SoftplusNet.Bug.DATA_TERM_WITHOUT_MEAN),
                List.of(new BlockExpectation("W2", "DATA_TERM_SCALED", 8, LAMBDA, null), scaled("b2", 8)),
                List.of(new FindingExpectation("WHOLE_DATA_TERM_SCALED", NET, 8, null))));
        cases.add(net("softplus net, wrong activation derivative into layer 1", "pattern",
                () -> new SoftplusNet(LAMBDA, SoftplusNet.Bug.LAYER1_DERIVATIVE), List.of(),
                List.of(new FindingExpectation("ERROR_ENTERS", List.of("W1", "b1"), Double.NaN, List.of()))));
        cases.add(net("softplus net, wrong activation derivative of units 2 and 4 of layer 1", "pattern",
                () -> new SoftplusNet(LAMBDA, SoftplusNet.Bug.LAYER1_DERIVATIVE_UNITS_2_4), List.of(),
                List.of(new FindingExpectation("ERROR_ENTERS", List.of("W1", "b1"), Double.NaN, List.of(2, 4)))));
        // The doubled delta doubles the weights' data term; their L2 term is added after it, and stays right.
        cases.add(net("softplus net, delta of layer 2 doubled", "pattern",
                () -> new SoftplusNet(LAMBDA, SoftplusNet.Bug.DELTA2_DOUBLED),
                List.of(new BlockExpectation("W1", "DATA_TERM_SCALED", 2, LAMBDA, null), scaled("b2", 2)),
                List.of(new FindingExpectation("ERROR_ENTERS", List.of("W1", "b1", "W2", "b2"), 2, List.of()))));
        cases.add(net("softplus net, dW2 (6×5) copied from a column-major array", "pattern",
                gradient(right, g -> columnMajor(g, true)), List.of(columnMajor("W2", "analytic")), List.of()));
        cases.add(net("softplus net, W2's parameters flattened column-major, its gradient row-major", "pattern",
                gradient(right, g -> columnMajor(g, false)), List.of(columnMajor("W2", "numeric")), List.of()));

        cases.add(net("softplus net, W1 ×8 and b1 ×4", "near-miss", gradient(right, g -> {
            Bugs.scale(g, W1, B1, 8);
            Bugs.scale(g, B1, W2, 4);
            return g;
        }), List.of(scaled("W1", 8), scaled("b1", 4)), List.of()));
        cases.add(net("softplus net, every block ×8 but W2", "near-miss", gradient(right, g -> {
            Bugs.scale(g, W1, W2, 8);
            Bugs.scale(g, B2, SoftplusNet.N, 8);
            return g;
        }), List.of(scaled("W1", 8), scaled("b3", 8)), List.of()));
        cases.add(net("softplus net, dW2 column index off by one", "near-miss", gradient(right, g -> {
            double[] copy = g.clone();
            for (int k = W2; k < B2; k++) {
                if ((k - W2) % SoftplusNet.H2 != SoftplusNet.H2 - 1) {
                    copy[k] = g[k + 1];
                }
            }
            return copy;
        }), List.of(new BlockExpectation("W2", "SHIFTED", Double.NaN, Double.NaN, "1")), List.of()));
        cases.add(net("softplus net, W1 and W2 wrong, b1 right (not a prefix)", "near-miss", gradient(right, g -> {
            Bugs.distort(g, W1, B1);
            Bugs.distort(g, W2, B2);
            return g;
        }), List.of(BlockExpectation.of("W1", "UNEXPLAINED"), BlockExpectation.of("W2", "UNEXPLAINED")), List.of()));
        cases.add(net("softplus net, W3 and b3 wrong (the last blocks)", "near-miss", gradient(right, g -> {
            Bugs.distort(g, W3, SoftplusNet.N);
            return g;
        }), List.of(BlockExpectation.of("W3", "UNEXPLAINED")), List.of()));
        cases.add(net("softplus net, W1 alone ×8", "near-miss", gradient(right, g -> {
            Bugs.scale(g, W1, B1, 8);
            return g;
        }), List.of(scaled("W1", 8)), List.of()));
    }

    private static void twoTower(List<DiagnosisCase> cases) {
        double lambda = 0.05;
        cases.add(towers("two towers, correct", "control", new TwoTower(lambda, false, g -> g), List.of(), List.of()));
        cases.add(towers("two towers, dU and dV swapped", "pattern", new TwoTower(lambda, false, g -> {
            Bugs.swap(g, TwoTower.U, TwoTower.V, TwoTower.V);
            return g;
        }), List.of(), List.of(new FindingExpectation("SWAPPED_BLOCKS", List.of("U", "V"), Double.NaN, null))));
        cases.add(towers("two towers, the bias gradients swapped", "pattern", new TwoTower(lambda, false, g -> {
            Bugs.swap(g, TwoTower.BU, TwoTower.BV, TwoTower.USERS);
            return g;
        }), List.of(), List.of(new FindingExpectation("SWAPPED_BLOCKS", List.of("bu", "bv"), Double.NaN, null))));
        cases.add(towers("two towers, data term's 1/m forgotten, L2 right", "pattern", new TwoTower(lambda, true, g -> g),
                List.of(new BlockExpectation("U", "DATA_TERM_SCALED", TwoTower.M, lambda, null),
                        new BlockExpectation("V", "DATA_TERM_SCALED", TwoTower.M, lambda, null), scaled("bu", TwoTower.M)),
                List.of(new FindingExpectation("WHOLE_DATA_TERM_SCALED", TOWERS, TwoTower.M, null))));
        cases.add(towers("two towers, dU copied into dV (one way)", "near-miss", new TwoTower(lambda, false, g -> {
            System.arraycopy(g, TwoTower.U, g, TwoTower.V, TwoTower.V);
            return g;
        }), List.of(), List.of()));
        cases.add(towers("two towers, U ×2 and V ×3", "near-miss", new TwoTower(lambda, false, g -> {
            Bugs.scale(g, TwoTower.U, TwoTower.V, 2);
            Bugs.scale(g, TwoTower.V, TwoTower.BU, 3);
            return g;
        }), List.of(scaled("U", 2), scaled("V", 3)), List.of()));
        cases.add(towers("two towers, an extra L2 term on U (the data term right)", "near-miss", new TwoTower(lambda, false, g -> {
            double[] theta = TwoTower.theta();
            for (int k = TwoTower.U; k < TwoTower.V; k++) {
                g[k] += 0.2 * theta[k];
            }
            return g;
        }), List.of(new BlockExpectation("U", "REGULARIZATION", Double.NaN, 0.2, null)), List.of()));
    }

    private static void wideLinear(List<DiagnosisCase> cases) {
        cases.add(wide("wide linear, correct", "control", g -> g, List.of()));
        cases.add(wide("wide linear, one element of 5,110 off by half the block's RMS", "pattern", g -> {
            g[11 * WideLinear.IN + 37] += 0.5 * WideLinear.rms(g);
            return g;
        }, List.of(new BlockExpectation("W", "FEW_ELEMENTS", Double.NaN, Double.NaN, "[807]"))));
        cases.add(wide("wide linear, three elements of 5,110 off by their own size", "pattern", g -> {
            for (int k : new int[] {100, 2000, 4000}) {
                g[k] *= 2;
            }
            return g;
        }, List.of(new BlockExpectation("W", "FEW_ELEMENTS", Double.NaN, Double.NaN, "[100, 2000, 4000]"))));
        cases.add(wide("wide linear, W ×1.01 (a real factor near 1)", "near-miss", g -> {
            Bugs.scale(g, 0, WideLinear.B, 1.01);
            return g;
        }, List.of(scaled("W", 1.01))));
    }

    private static DiagnosisCase net(String name, String group, Supplier<DifferentiableFunction> model,
                                     List<BlockExpectation> blocks, List<FindingExpectation> findings) {
        return new DiagnosisCase(name, group, model, SoftplusNet.theta(), blocks, findings);
    }

    private static DiagnosisCase towers(String name, String group, TwoTower model, List<BlockExpectation> blocks,
                                        List<FindingExpectation> findings) {
        return new DiagnosisCase(name, group, () -> model, TwoTower.theta(), blocks, findings);
    }

    private static DiagnosisCase wide(String name, String group, UnaryOperator<double[]> mutate, List<BlockExpectation> blocks) {
        return new DiagnosisCase(name, group, () -> new WideLinear(mutate), WideLinear.theta(), blocks, List.of());
    }

    private static Supplier<DifferentiableFunction> gradient(Supplier<DifferentiableFunction> model, UnaryOperator<double[]> mutate) {
        return () -> DiagnosisCase.mutated(model.get(), mutate);
    }

    private static double[] times(double[] g, double factor) {
        Bugs.scale(g, 0, g.length, factor);
        return g;
    }

    private static double[] columnMajor(double[] g, boolean analyticSide) {
        Bugs.columnMajor(g, W2, SoftplusNet.H1, SoftplusNet.H2, analyticSide);
        return g;
    }

    private static BlockExpectation scaled(String block, double factor) {
        return new BlockExpectation(block, "SCALED", factor, Double.NaN, null);
    }

    private static BlockExpectation columnMajor(String block, String side) {
        return new BlockExpectation(block, "COLUMN_MAJOR", Double.NaN, Double.NaN, side);
    }

    private static FindingExpectation whole(List<String> blocks, double factor) {
        return new FindingExpectation("WHOLE_GRADIENT_SCALED", blocks, factor, null);
    }
}
