package org.mrdflow.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class SymmetricMatricesTest {

  /** Column 1 is half of column 0 in rows 0 and 1, so its pivot is 1 - 2 * 2 / 4 = 0. */
  private static final double[][] SINGULAR = {{4, 2, 2}, {2, 1, 1}, {2, 1, 3}};

  @Test
  void aVanishingPivotMarksItsColumnSingularAndTheOthersAreSolvedWithoutIt() {
    SymmetricMatrices.Factor f = SymmetricMatrices.factor(SINGULAR);

    assertThat(f.singular()).containsExactly(false, true, false);
    // columns 0 and 2 alone: [[4, 2], [2, 3]] x = (1, 1) gives x = (1/8, 2/8) by Cramer's rule
    double[] x = f.solve(new double[] {1, 0, 1});
    assertThat(x[0]).isCloseTo(0.125, within(1e-15));
    assertThat(x[1]).isZero();
    assertThat(x[2]).isCloseTo(0.25, within(1e-15));
    // the generalized inverse: that 2x2 inverse [[3, -2], [-2, 4]] / 8, zero row and column 1
    double[][] inv = f.inverse();
    assertThat(inv[0]).containsExactly(new double[] {3.0 / 8, 0, -2.0 / 8}, within(1e-15));
    assertThat(inv[1]).containsExactly(0, 0, 0);
    assertThat(inv[2]).containsExactly(new double[] {-2.0 / 8, 0, 4.0 / 8}, within(1e-15));
  }

  @Test
  void theStrictEntryPointsNameTheSingularColumn() {
    assertThatThrownBy(() -> SymmetricMatrices.solve(SINGULAR, new double[3], List.of("a", "b", "c")))
        .isInstanceOf(SingularDesignException.class).hasMessageContaining("'b'");
  }
}
