package io.github.gradcheck.quickstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's Maven quick start is the {@code pom.xml} of the project that the invoker plugin
 * builds afterwards (src/it/quickstart), line for line, so that what that build proves (the tests
 * run, the planted bug fails, the summary is written) holds for what a user copies.
 */
class QuickStartPomTest {

    private static final Path README = Path.of(System.getProperty("gradcheck.readme", "../README.md"));
    private static final Path POM = Path.of(System.getProperty("gradcheck.quickstart.pom", "src/it/quickstart/pom.xml"));

    /** The xml block of the README's "## Quick start" section, with the README's line numbers. */
    record Snippet(List<String> lines, int firstLine) {
    }

    static Snippet quickStartSnippet(List<String> readme) {
        int section = readme.indexOf("## Quick start");
        if (section < 0) {
            fail(README + " has no \"## Quick start\" section");
        }
        for (int i = section + 1; i < readme.size() && !readme.get(i).startsWith("## "); i++) {
            if (readme.get(i).equals("```xml")) {
                for (int end = i + 1; end < readme.size(); end++) {
                    if (readme.get(end).equals("```")) {
                        return new Snippet(readme.subList(i + 1, end), i + 2);
                    }
                }
                fail(README + ": the ```xml block of \"## Quick start\" at line " + (i + 1) + " is not closed");
            }
        }
        return fail(README + ": the \"## Quick start\" section has no ```xml block");
    }

    @Test
    void readmeQuickStartIsTheQuickStartProjectsPom() throws IOException {
        Snippet snippet = quickStartSnippet(Files.readAllLines(README, StandardCharsets.UTF_8));
        String pomText = Files.readString(POM, StandardCharsets.UTF_8);
        List<String> pom = List.of(pomText.split("\n", -1));
        // The file ends in one newline after </project>; the README block holds the lines before it.
        assertTrue(pomText.endsWith("</project>\n"), POM + " must end with </project> and one newline");
        pom = pom.subList(0, pom.size() - 1);
        for (int i = 0; i < Math.max(pom.size(), snippet.lines().size()); i++) {
            String readmeLine = i < snippet.lines().size() ? snippet.lines().get(i) : "(end of the block)";
            String pomLine = i < pom.size() ? pom.get(i) : "(end of the file)";
            if (!readmeLine.equals(pomLine)) {
                fail("README quick-start pom.xml differs from quickstart-it/src/it/quickstart/pom.xml at line " + (i + 1)
                        + " of the pom (README.md line " + (snippet.firstLine() + i) + "):\n"
                        + "  README: " + readmeLine + "\n"
                        + "  pom:    " + pomLine + "\n"
                        + "The quick-start project must be exactly what the README tells users to copy: change both.");
            }
        }
    }

    @Test
    void quickStartUsesThisBuildsVersion() throws IOException {
        String pom = Files.readString(POM, StandardCharsets.UTF_8);
        Matcher dependency = Pattern.compile(
                "<groupId>io\\.github\\.gradcheck</groupId>\\s*<artifactId>gradcheck-junit</artifactId>\\s*<version>([^<]*)</version>")
                .matcher(pom);
        assertTrue(dependency.find(), POM + " has no io.github.gradcheck:gradcheck-junit dependency with a version");
        assertEquals(System.getProperty("gradcheck.version"), dependency.group(1),
                "the quick start's gradcheck-junit version (in README.md and " + POM + ") must be this build's project.version");
    }

    @Test
    void quickStartIsAStandaloneProject() throws IOException {
        String pom = Files.readString(POM, StandardCharsets.UTF_8);
        List<String> problems = new ArrayList<>();
        if (pom.contains("<parent>")) {
            problems.add("a <parent>: a user's project does not inherit this repository's parent POM");
        }
        for (String required : List.of(
                "<groupId>com.example</groupId>",
                "<maven.compiler.release>17</maven.compiler.release>",
                "<artifactId>maven-compiler-plugin</artifactId>\n        <version>3.",
                "<artifactId>maven-surefire-plugin</artifactId>\n        <version>3.",
                "<artifactId>junit-bom</artifactId>",
                "<artifactId>junit-jupiter</artifactId>")) {
            if (!pom.contains(required)) {
                problems.add("no " + required.replaceAll("\\s+", " "));
            }
        }
        if (!problems.isEmpty()) {
            fail(POM + " is not a standalone project a user's build can run: " + String.join("; ", problems));
        }
    }
}
