package io.github.gradcheck.report.summary;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The JSON summary's shape, pinned: tools read it. */
class SummaryJsonTest {

    @Test
    void aFailedCheckIsWrittenInTheDocumentedShape() throws IOException {
        String json = SummaryJson.write(new RunSummary(List.of(CheckRecord.of("TinyNetTest.check", SampleReports.failed()))));

        assertThat(json).isEqualTo(golden("tiny-net.json"));
    }

    @Test
    void numbersJsonCannotHoldAreNullAndStringsAreEscaped() {
        CheckRecord error = new CheckRecord("T.\"quoted\"\\path", "m\n(x)", "[engine:junit-jupiter]", "M\tN", CheckRecord.Verdict.ERROR, 0, 0,
                Double.NaN, List.of(), "", "threw \u0001", CheckRecord.Outcome.FAILED, Optional.empty());

        String json = SummaryJson.write(new RunSummary(List.of(error)));

        assertThat(json).contains("\"test\": \"T.\\\"quoted\\\"\\\\path\"", "\"invocation\": \"m\\n(x)\"",
                "\"model\": \"M\\tN\"", "\"difference\": null", "\"error\": \"threw \\u0001\"", "\"report\": null",
                "\"verdict\": \"error\"", "\"outcome\": \"failed\"", "\"diagnoses\": []", "\"worstOffender\": null",
                "\"errors\": 1");
    }

    @Test
    void aSampledCheckHasItsModeAndNullForTheElementsItDidNotLookAt() {
        String json = SummaryJson.write(new RunSummary(List.of(CheckRecord.of("WideTest.check", SampleReports.sampled()))));

        assertThat(json).contains("\"mode\": \"sampled\",\n        \"checkedElements\": 3,",
                "\"numeric\": [1.0, null, null, 1.0, null, 1.0, null, null]", "\"samplesPerBlock\": 3,",
                "\"fullCheckEvaluations\": 16,");
    }

    @Test
    void anEmptyRunIsAnEmptyList() {
        assertThat(SummaryJson.write(new RunSummary(List.of()))).endsWith("\"checks\": []\n}");
    }

    private static String golden(String name) throws IOException {
        try (InputStream in = SummaryJsonTest.class.getResourceAsStream(name)) {
            assertThat(in).as("test resource " + name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
