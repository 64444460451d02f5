package io.github.gradcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ParameterLayoutTest {

    private final ParameterLayout seed = ParameterLayout.builder()
            .matrix("W1", 5, 4).matrix("b1", 5, 1)
            .matrix("W2", 3, 5).matrix("b2", 3, 1)
            .matrix("W3", 1, 3).matrix("b3", 1, 1)
            .build();

    @Test
    void blocksFollowEachOtherRowMajorAsTheSeedsDictionaryToVector() {
        assertThat(seed.size()).isEqualTo(47);
        assertThat(seed.blocks()).extracting(ParameterBlock::offset).containsExactly(0, 20, 25, 40, 43, 46);
        assertThat(seed.label(0)).isEqualTo("W1[0,0]");
        assertThat(seed.label(3)).isEqualTo("W1[0,3]");
        assertThat(seed.label(4)).isEqualTo("W1[1,0]");
        assertThat(seed.label(21)).isEqualTo("b1[1,0]");
        assertThat(seed.label(38)).isEqualTo("W2[2,3]");
        assertThat(seed.label(46)).isEqualTo("b3[0,0]");
        assertThat(seed.blockContaining(39).name()).isEqualTo("W2");
        assertThat(seed.blockContaining(40).name()).isEqualTo("b2");
    }

    @Test
    void anyRankIsLabelledOneIndexPerDimension() {
        ParameterLayout layout = ParameterLayout.builder().scalar("t").vector("v", 3).block("K", 2, 3, 4).build();

        assertThat(layout.label(0)).isEqualTo("t");
        assertThat(layout.label(3)).isEqualTo("v[2]");
        assertThat(layout.label(4)).isEqualTo("K[0,0,0]");
        assertThat(layout.label(4 + 23)).isEqualTo("K[1,2,3]");
        assertThat(layout.label(4 + 13)).isEqualTo("K[1,0,1]");
        assertThat(layout.block("K").shapeText()).isEqualTo("2×3×4");
        assertThat(layout.block("t").shapeText()).isEqualTo("scalar");
        assertThat(layout).hasToString("t scalar, v 3, K 2×3×4");
    }

    @Test
    void vectorAndMatrixRoundTrip() {
        ParameterLayout layout = ParameterLayout.builder().matrix("W", 2, 3).matrix("b", 2, 1).build();
        double[][] w = {{1, 2, 3}, {4, 5, 6}};
        double[][] b = {{7}, {8}};

        double[] theta = layout.vector(w, b);

        assertThat(theta).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
        assertThat(layout.matrix(theta, "W")).isDeepEqualTo(w);
        assertThat(layout.matrix(theta, "b")).isDeepEqualTo(b);
        assertThat(layout.values(theta, "b")).containsExactly(7, 8);
    }

    @Test
    void mismatchedArraysAreNamed() {
        ParameterLayout layout = ParameterLayout.builder().matrix("W", 2, 3).matrix("b", 2, 1).build();

        assertThatThrownBy(() -> layout.vector(new double[][] {{1, 2, 3}, {4, 5, 6}}, new double[][] {{7}, {8}, {9}}))
                .hasMessage("block 'b' should be 2×1 but its array is 3×1");
        assertThatThrownBy(() -> layout.vector(new double[][] {{1, 2, 3}}))
                .hasMessage("expected one matrix per block [W, b] (2), got 1");
        assertThatThrownBy(() -> layout.matrix(new double[7], "W"))
                .hasMessage("expected a parameter vector of length 8 for blocks [W, b], got length 7");
        assertThatThrownBy(() -> layout.block("W9"))
                .hasMessage("no parameter block named 'W9'; the blocks are [W, b]");
    }

    @Test
    void badLayoutsAreRefusedWithTheReason() {
        assertThatThrownBy(() -> ParameterLayout.builder().build())
                .hasMessage("a parameter layout needs at least one block; there is nothing to check");
        assertThatThrownBy(() -> ParameterLayout.builder().vector("b", 2).vector("b", 3))
                .hasMessage("two parameter blocks are named 'b'; block names must be unique");
        assertThatThrownBy(() -> ParameterLayout.builder().matrix("W", 3, 0))
                .hasMessage("block 'W' has shape 3×0: every dimension must be at least 1, dimension 1 is 0");
        assertThatThrownBy(() -> ParameterLayout.builder().vector(" ", 3))
                .hasMessage("a parameter block needs a non-blank name, got ' '");
        assertThatThrownBy(() -> ParameterLayout.builder().block("huge", 65536, 65536))
                .hasMessage("block 'huge' has shape 65536×65536, more elements than a Java array can hold");
    }

    @Test
    void arraysThatDoNotFitTheirShapeAreNamed() {
        assertThatThrownBy(() -> ParameterArrays.builder().add("W1", new double[][] {{1, 2}, {3}}))
                .hasMessage("block 'W1' is not rectangular: row 0 has 2 elements but row 1 has 1");
        assertThatThrownBy(() -> ParameterArrays.builder().add("W1", (double[][]) null))
                .hasMessage("block 'W1' is null");
        assertThatThrownBy(() -> ParameterArrays.builder().add("W1", new double[][] {{1}, null}))
                .hasMessage("block 'W1' has a null row 1");
        assertThatThrownBy(() -> ParameterArrays.builder().add("b", new double[0]))
                .hasMessage("block 'b' has shape 0: every dimension must be at least 1, dimension 0 is 0");
        assertThatThrownBy(() -> ParameterArrays.builder().add("K", new double[17], 3, 3, 2))
                .hasMessage("block 'K' has shape 3×3×2 (18 elements) but its array has 17 elements");
        assertThatThrownBy(() -> ParameterArrays.builder().build())
                .hasMessage("a parameter layout needs at least one block; there is nothing to check");
    }

    @Test
    void arraysAreLiveNotCopied() {
        double[][] w = {{1, 2}, {3, 4}};
        double[] flat = {5, 6, 7, 8, 9, 10};
        ParameterArrays arrays = ParameterArrays.builder().add("W", w).add("K", flat, 1, 2, 3).build();

        w[1][0] = 30;
        flat[5] = 100;

        assertThat(arrays.toVector()).containsExactly(1, 2, 30, 4, 5, 6, 7, 8, 9, 100);
        assertThat(arrays.layout().label(9)).isEqualTo("K[0,1,2]");
    }
}
