package io.github.gradcheck.report.summary;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Golden strings: the end-of-run console summary as a build log shows it. */
class SummaryConsoleTest {

    @Test
    void eachRowSaysWhatItFoundAndWhyAPassedRowWithALargeDifferenceIsNoBug() {
        RunSummary summary = new RunSummary(List.of(
                CheckRecord.of("TinyNetTest.check", SampleReports.failed()),
                CheckRecord.of("ReluTest.check", SampleReports.passedAtKinks()),
                CheckRecord.of("ConvTest.check", SampleReports.passedWithRankThree()),
                CheckRecord.of("NoisyTest.check", SampleReports.passedLookCloser()),
                CheckRecord.of("DilutedTest.check", SampleReports.failedDiluted()),
                CheckRecord.of("SmallTest.check", SampleReports.failedSmall())));

        assertThat(SummaryConsole.write(summary, List.of("HTML: target/gradcheck/index.html"))).isEqualTo("""
                gradcheck: 6 gradient checks: 3 passed, 3 failed
                  test               model / state  parameters  difference  verdict  diagnosis
                  TinyNetTest.check  TinyNet        6           2.000e-01   failed   analytic b ≈ 4.00 × numeric
                  ReluTest.check     Relu           6           6.019e-03   passed   difference from 2 elements at kinks of the loss
                  ConvTest.check     Conv           25          3.000e-09   passed
                  NoisyTest.check    Noisy          6           5.000e-05   passed   difference look closer on the course's scale, within the numeric error
                  DilutedTest.check  Diluted        6           2.000e-09   failed   1 of 6 elements of h is wrong, the rest match: h[2]; difference small o…
                  SmallTest.check    Small          6           1.000e-07   failed   1 of 6 elements of h is wrong, the rest match: h[2]; difference great, …
                  HTML: target/gradcheck/index.html""");
    }
}
