package io.github.gradcheck.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.gradcheck.CopyableModel;
import io.github.gradcheck.DifferentiableModel;
import io.github.gradcheck.ElementStorage;
import io.github.gradcheck.GradientCheckException;
import io.github.gradcheck.GradientChecker;
import io.github.gradcheck.ParameterArrays;
import io.github.gradcheck.Precision;
import io.github.gradcheck.report.GradientCheckReport;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** What a user meets when handing over storages: the elements where they are, and errors that name the block. */
class ElementStorageTest {

    @Test
    void aColumnMajorViewReadsElementRowColumnWhereTheArrayKeepsIt() {
        double[] columnMajor = {0, 10, 1, 11, 2, 12};   // a 2×3 matrix m[r][c] = 10r + c, column by column

        ParameterArrays arrays = ParameterArrays.builder().add("W", ElementStorage.of(columnMajor).columnMajor(2, 3), 2, 3)
                .build();

        assertThat(arrays.toVector()).containsExactly(0, 1, 2, 10, 11, 12);
    }

    @Test
    void aColumnMajorViewOfRankThreeIsFirstIndexFastest() {
        double[] data = new double[2 * 3 * 4];
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 3; j++) {
                for (int k = 0; k < 4; k++) {
                    data[i + 2 * (j + 3 * k)] = 100 * i + 10 * j + k;
                }
            }
        }

        double[] rowMajor = ParameterArrays.builder().add("T", ElementStorage.of(data).columnMajor(2, 3, 4), 2, 3, 4)
                .build().toVector();

        assertThat(rowMajor[0]).isEqualTo(0);
        assertThat(rowMajor[1]).isEqualTo(1);       // [0,0,1]
        assertThat(rowMajor[4]).isEqualTo(10);      // [0,1,0]
        assertThat(rowMajor[12]).isEqualTo(100);    // [1,0,0]
        assertThat(rowMajor[23]).isEqualTo(123);    // [1,2,3]
    }

    @Test
    void aBufferIsReadFromItsPositionAtTheCall() {
        DoubleBuffer buffer = DoubleBuffer.wrap(new double[] {9, 1, 2, 3});
        buffer.position(1);
        ElementStorage storage = ElementStorage.of(buffer);
        buffer.position(3);

        assertThat(ParameterArrays.builder().add("b", storage, 3).build().toVector()).containsExactly(1, 2, 3);
    }

    @Test
    void aReadOnlyBufferIsRefused() {
        assertThatThrownBy(() -> ElementStorage.of(DoubleBuffer.allocate(3).asReadOnlyBuffer()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the buffer is read-only, but the check moves each parameter in place: hand over the buffer"
                        + " the model reads and writes, not a read-only view of it");
    }

    @Test
    void aReaderAndAWriterMakeAStorage() {
        double[][] rows = {{1, 2}, {3, 4}};
        ElementStorage storage = ElementStorage.doubles(4, k -> rows[k / 2][k % 2], (k, v) -> rows[k / 2][k % 2] = v);

        storage.set(3, -1);

        assertThat(rows[1][1]).isEqualTo(-1);
        assertThat(storage.precision()).isEqualTo(Precision.DOUBLE);
        assertThat(ElementStorage.floats(4, k -> 0, (k, v) -> { }).precision()).isEqualTo(Precision.FLOAT);
        assertThat(ElementStorage.of(FloatBuffer.allocate(2)).precision()).isEqualTo(Precision.FLOAT);
        assertThat(ElementStorage.of(new float[2]).columnMajor(1, 2).precision()).isEqualTo(Precision.FLOAT);
    }

    @Test
    void aStorageOfTheWrongSizeIsNamedWithItsBlock() {
        assertThatThrownBy(() -> ParameterArrays.builder().add("W", ElementStorage.of(DoubleBuffer.allocate(10)), 3, 4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("block 'W' has shape 3×4 (12 elements) but its storage has 10 elements");
        assertThatThrownBy(() -> ParameterArrays.builder().add("E", new float[10], 3, 4))
                .hasMessage("block 'E' has shape 3×4 (12 elements) but its array has 10 elements");
    }

    @Test
    void aColumnMajorViewOfAnotherShapeIsRefused() {
        ElementStorage view = ElementStorage.of(new double[12]).columnMajor(4, 3);

        assertThatThrownBy(() -> ParameterArrays.builder().add("W", view, 3, 4))
                .hasMessage("block 'W' has shape 3×4 but its storage is a column-major view of shape 4×3; give the view"
                        + " the block's shape, so that each element is read where the storage keeps it");
        assertThatThrownBy(() -> ElementStorage.of(new double[10]).columnMajor(3, 4))
                .hasMessage("a column-major view of shape 3×4 needs 12 elements but the storage has 10");
    }

    @Test
    void raggedOrEmptyFloatMatricesAndNullStoragesAreNamed() {
        assertThatThrownBy(() -> ParameterArrays.builder().add("W", new float[][] {{1, 2}, {3}}))
                .hasMessage("block 'W' is not rectangular: row 0 has 2 elements but row 1 has 1");
        assertThatThrownBy(() -> ParameterArrays.builder().add("W", new float[0][]))
                .hasMessage("block 'W' has no rows; every dimension must be at least 1");
        assertThatThrownBy(() -> ParameterArrays.builder().add("W", (ElementStorage) null, 2))
                .hasMessage("block 'W' has a null storage");
        assertThatThrownBy(() -> ParameterArrays.builder().add("b", (float[]) null))
                .hasMessage("block 'b' is null");
    }

    @Test
    void aFloatGradientFitsADoubleParameterAndTheOtherWayRound() {
        FloatQuadratic model = new FloatQuadratic(new float[] {0.5f, -1}, new float[][] {{1, 2}, {3, 4}});

        GradientCheckReport report = GradientChecker.defaults().check(model);

        assertThat(report.passed()).as(report.toString()).isTrue();
    }

    /** A copyable model over one storage kind; {@code copyStorage} makes the copy's storage from the original's values. */
    private record Copyable(double[] values, Function<double[], ElementStorage> storage, boolean share,
                            ElementStorage mine) implements CopyableModel {

        Copyable(double[] values, Function<double[], ElementStorage> storage, boolean share) {
            this(values, storage, share, storage.apply(values));
        }

        @Override
        public DifferentiableModel copy() {
            return share ? new Copyable(values, storage, true, mine) : new Copyable(values.clone(), storage, false);
        }

        @Override
        public ParameterArrays parameters() {
            return ParameterArrays.builder().add("theta", mine, values.length).build();
        }

        @Override
        public double loss() {
            // 20 µs per loss: a check copies the model only where its elements' work comes to 1 ms or
            // more (2 × 100 elements × 5 µs), which a loss of 100 sines reaches only before the JIT
            // compiles it; without the wait, whether a copy is made (and refused) depended on that.
            long until = System.nanoTime() + 20_000;
            while (System.nanoTime() < until) {
                Thread.onSpinWait();
            }
            double sum = 0;
            for (int k = 0; k < mine.size(); k++) {
                sum += Math.sin(mine.get(k));
            }
            return sum;
        }

        @Override
        public ParameterArrays gradient() {
            double[] gradient = new double[mine.size()];
            for (int k = 0; k < gradient.length; k++) {
                gradient[k] = Math.cos(mine.get(k));
            }
            return ParameterArrays.builder().add("theta", gradient).build();
        }
    }

    private static double[] values() {
        double[] values = new double[100];
        for (int k = 0; k < values.length; k++) {
            values[k] = 0.01 * k;
        }
        return values;
    }

    @Test
    void aCopySharingItsStorageIsRefusedByName() {
        Function<double[], ElementStorage> heapBuffer = values -> ElementStorage.of(DoubleBuffer.wrap(values));
        Function<double[], ElementStorage> reader = values -> ElementStorage.doubles(values.length, k -> values[k],
                (k, v) -> values[k] = v);

        for (Function<double[], ElementStorage> storage : java.util.List.of(heapBuffer, reader)) {
            assertThatThrownBy(() -> GradientChecker.defaults().withThreads(2).check(new Copyable(values(), storage, true)))
                    .isInstanceOf(GradientCheckException.class)
                    .hasMessage("Copyable.copy() shares its parameter arrays with the model; a copy needs arrays of its own"
                            + " (clone them)");
        }
    }

    @Test
    void aCopyWithItsOwnStorageIsCheckedOnSeveralThreadsWithTheSameResult() {
        Function<double[], ElementStorage> buffer = values -> ElementStorage.of(DoubleBuffer.wrap(values));

        GradientCheckReport one = GradientChecker.defaults().withThreads(1).check(new Copyable(values(), buffer, false));
        GradientCheckReport two = GradientChecker.defaults().withThreads(2).check(new Copyable(values(), buffer, false));

        assertThat(two.passed()).isTrue();
        assertThat(two.numericGradient()).containsExactly(one.numericGradient());
    }
}
