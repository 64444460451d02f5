/**
 * AssertJ assertions on a {@link io.github.gradcheck.report.GradientCheckReport}: start from
 * {@link io.github.gradcheck.assertj.GradCheckAssertions#assertThat}; soft and BDD variants
 * follow AssertJ's own. Failure messages show the worst offending parameters and, for an IDE's
 * diff viewer, the worst block's numeric (expected) and analytic (actual) values.
 */
package io.github.gradcheck.assertj;
