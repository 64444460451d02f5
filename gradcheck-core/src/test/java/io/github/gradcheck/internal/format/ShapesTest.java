package io.github.gradcheck.internal.format;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gradcheck.ParameterLayout;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Shapes and labels as every writer shows them, and the same from a parameter block and a report's block. */
class ShapesTest {

    @Test
    void aShapeReadsAsItsExtentsJoinedByTimesAndAScalarAsScalar() {
        assertThat(Shapes.text(new int[] {5, 4})).isEqualTo("5×4");
        assertThat(Shapes.text(new int[] {3})).isEqualTo("3");
        assertThat(Shapes.text(new int[0])).isEqualTo("scalar");
        assertThat(Shapes.text(List.of(2, 3, 4))).isEqualTo("2×3×4");
    }

    @Test
    void anElementIsLabelledByItsRowMajorPositionAndAScalarByItsName() {
        assertThat(Shapes.label("K", new int[] {2, 3, 4}, 23)).isEqualTo("K[1,2,3]");
        assertThat(Shapes.label("K", List.of(2, 3, 4), 13)).isEqualTo("K[1,0,1]");
        assertThat(Shapes.label("W2", new int[] {5, 4}, 7)).isEqualTo("W2[1,3]");
        assertThat(Shapes.label("s", new int[0], 0)).isEqualTo("s");
        assertThat(Shapes.position(new int[] {2, 3, 4}, 23)).containsExactly(1, 2, 3);
    }

    @Test
    void aParameterBlockLabelsAndShapesItsElementsThroughTheSameRule() {
        ParameterLayout layout = ParameterLayout.builder().block("W2", 5, 4).block("b", 1).build();

        assertThat(layout.label(7)).isEqualTo("W2[1,3]");
        assertThat(layout.blocks().get(0).shapeText()).isEqualTo("5×4");
        assertThat(layout.blocks().get(1).label(0)).isEqualTo("b[0]");
    }
}
