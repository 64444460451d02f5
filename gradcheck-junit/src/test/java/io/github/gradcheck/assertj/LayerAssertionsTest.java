package io.github.gradcheck.assertj;

import static io.github.gradcheck.assertj.GradCheckAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.gradcheck.GradientChecker;
import io.github.gradcheck.junit.AffineLayer;
import io.github.gradcheck.report.BrokenContract;
import io.github.gradcheck.report.GradientCheckReport;
import org.junit.jupiter.api.Test;

/** Golden strings: the layer assertions' messages, and what they accept, on real layer checks. */
class LayerAssertionsTest {

    private static final GradientCheckReport CORRECT = GradientChecker.defaults().check(AffineLayer.at(AffineLayer.Bug.NONE));
    private static final GradientCheckReport DX_BUG = GradientChecker.defaults().check(AffineLayer.at(AffineLayer.Bug.DX_1_DOUBLED));
    private static final GradientCheckReport NOT_LINEAR = GradientChecker.defaults()
            .check(AffineLayer.at(AffineLayer.Bug.DX_OF_ABSOLUTE_DY));

    @Test
    void hasBrokenContractAcceptsTheContractTheLayerBroke() {
        assertThat(NOT_LINEAR).fails().hasBrokenContract(BrokenContract.Kind.LINEAR_IN_DY).hasFailingBlocks();
    }

    @Test
    void hasBrokenContractSaysTheLayerKeptThemAll() {
        assertThatThrownBy(() -> assertThat(DX_BUG).hasBrokenContract(BrokenContract.Kind.LINEAR_IN_DY))
                .hasMessageStartingWith("""

                        Expecting the backward pass of AffineLayer to break the contract LINEAR_IN_DY (linear in dy), but it \
                        kept every contract:
                        AffineLayer: FAILED
                          the gradient with respect to input x is wrong: 1 of 11 elements mismatch beyond 10× their estimated \
                        numerical error: x (1)
                        """);
    }

    @Test
    void hasWrongJacobianEntryAcceptsTheWrongElementsAndListsThemWhenAskedForAnother() {
        assertThat(DX_BUG).hasWrongJacobianEntry(0, "x[1]").hasWrongJacobianEntry(1, "x[1]");

        assertThatThrownBy(() -> assertThat(DX_BUG).hasWrongJacobianEntry(1, "x[2]"))
                .hasMessageStartingWith("""

                        Expecting ∂y[1]/∂x[2] of AffineLayer to be wrong, but the wrong elements are [∂y[0]/∂x[1], ∂y[1]/∂x[1]]:
                        AffineLayer: FAILED
                        """);
        assertThatThrownBy(() -> assertThat(CORRECT).hasWrongJacobianEntry(0, "x[1]"))
                .hasMessageStartingWith("\nExpecting ∂y[0]/∂x[1] of AffineLayer to be wrong, but every element of its Jacobian"
                        + " matches:\nAffineLayer: PASSED\n");
    }

    @Test
    void hasWrongJacobianEntrySaysHowToCheckTheWholeJacobianOfAProbedLayer() {
        GradientCheckReport probed = GradientChecker.defaults().withJacobianOutputs(1)
                .check(AffineLayer.at(AffineLayer.Bug.DX_1_DOUBLED));

        assertThatThrownBy(() -> assertThat(probed).hasWrongJacobianEntry(0, "x[1]"))
                .hasMessageStartingWith("\nExpecting ∂y[0]/∂x[1] of AffineLayer to be wrong, but its Jacobian was probed by 3"
                        + " random probes, not checked element by element: the layer has 2 outputs, over jacobianOutputs = 1;"
                        + " check with withJacobianOutputs(2):\nAffineLayer: FAILED\n");
    }

    @Test
    void theLayerAssertionsOnTheCheckOfAModelSayItIsNoLayer() {
        assertThatThrownBy(() -> assertThat(ReportMessagesTest.failed()).hasBrokenContract(BrokenContract.Kind.LINEAR_IN_DY))
                .hasMessageStartingWith("\nExpecting the backward pass of TinyNet to break the contract LINEAR_IN_DY (linear in"
                        + " dy), but it is the check of a model, not of a layer:\nTinyNet: FAILED\n");
        assertThatThrownBy(() -> assertThat(ReportMessagesTest.failed()).hasWrongJacobianEntry(0, "b[0]"))
                .hasMessageStartingWith("\nExpecting ∂y[0]/∂b[0] of TinyNet to be wrong, but it is the check of a model, not of"
                        + " a layer:\n");
    }

    @Test
    void passesOnAContractOnlyFailureShowsTheLayersMessage() {
        assertThatThrownBy(() -> assertThat(NOT_LINEAR).passes())
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("""

                        Expecting the backward pass of AffineLayer to match the differences of its forward pass, but
                          every element matches within 10× their estimated numerical error, but the backward pass breaks a \
                        contract (below)
                        """)
                .hasMessageContaining("\n  broken contracts:\n    backward is not linear in dy: ");
    }
}
