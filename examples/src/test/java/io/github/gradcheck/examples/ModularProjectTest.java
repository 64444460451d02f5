package io.github.gradcheck.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gradcheck.report.GradientCheckReport;
import java.io.File;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A modular project can {@code requires io.github.gradcheck;}: the jar's Automatic-Module-Name,
 * read by the JDK's own module finder, and a test module compiled on the module path against it.
 * Runs against the packaged jar, as {@code mvn verify} provides it; skipped, saying so, where the
 * library is a classes directory (an IDE, or {@code mvn test}).
 */
class ModularProjectTest {

    static Path jar;

    @BeforeAll
    static void findTheJar() throws URISyntaxException {
        jar = location(GradientCheckReport.class);
        Assumptions.assumeTrue(jar.toString().endsWith(".jar"), "gradcheck-junit is on the class path as " + jar
                + ", not as a jar: run mvn verify (which packages it) to check its module name");
    }

    @Test
    void theJarIsTheAutomaticModuleIoGithubGradcheckWithEveryPublicPackage() {
        Set<ModuleReference> modules = ModuleFinder.of(jar).findAll();

        assertThat(modules).hasSize(1);
        ModuleDescriptor descriptor = modules.iterator().next().descriptor();
        assertThat(descriptor.name()).isEqualTo("io.github.gradcheck");
        assertThat(descriptor.isAutomatic()).isTrue();
        assertThat(descriptor.packages()).contains("io.github.gradcheck", "io.github.gradcheck.report",
                "io.github.gradcheck.report.summary", "io.github.gradcheck.junit", "io.github.gradcheck.assertj");
    }

    @Test
    void aTestModuleThatRequiresItCompilesOnTheModulePath(@TempDir Path dir) throws Exception {
        Path sources = dir.resolve("src");
        Path pkg = Files.createDirectories(sources.resolve("com/example/nets"));
        Files.writeString(sources.resolve("module-info.java"), """
                module com.example.nets {
                    requires io.github.gradcheck;
                    requires org.junit.jupiter.api;
                    requires org.assertj.core;
                    opens com.example.nets to org.junit.platform.commons;
                }
                """, StandardCharsets.UTF_8);
        Files.writeString(pkg.resolve("LinearTest.java"), """
                package com.example.nets;

                import static io.github.gradcheck.assertj.GradCheckAssertions.assertThat;

                import io.github.gradcheck.DifferentiableFunction;
                import io.github.gradcheck.DifferentiableModel;
                import io.github.gradcheck.ParameterLayout;
                import io.github.gradcheck.junit.GradientCheck;
                import io.github.gradcheck.junit.ModelUnderTest;
                import io.github.gradcheck.report.GradientCheckReport;

                class LinearTest {
                    @ModelUnderTest
                    DifferentiableModel j = DifferentiableFunction.of(ParameterLayout.scalar("theta"),
                            theta -> theta[0] * 2, theta -> new double[] {2}).at(4.0);

                    @GradientCheck
                    void matches(GradientCheckReport report) {
                        assertThat(report).passes();
                    }
                }
                """, StandardCharsets.UTF_8);

        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
            List<String> options = List.of("--release", "17", "-d", dir.resolve("out").toString(),
                    "--module-path", modulePath());
            Iterable<? extends JavaFileObject> units = files.getJavaFileObjects(
                    sources.resolve("module-info.java").toFile(), pkg.resolve("LinearTest.java").toFile());
            boolean compiled = compiler.getTask(null, files, diagnostics, options, null, units).call();

            assertThat(compiled).as("javac on the module path:%n%s", diagnostics.getDiagnostics()).isTrue();
        }
        assertThat(dir.resolve("out/module-info.class")).exists();
    }

    /** The library's jar and the jars of what it and the test module require, each found by one class in it. */
    private static String modulePath() throws URISyntaxException {
        Set<Path> jars = new LinkedHashSet<>();
        jars.add(jar);
        for (String name : List.of("org.junit.jupiter.api.Test", "org.junit.platform.commons.support.AnnotationSupport",
                "org.junit.platform.engine.TestEngine", "org.junit.platform.launcher.TestExecutionListener",
                "org.opentest4j.AssertionFailedError", "org.apiguardian.api.API", "org.assertj.core.api.Assertions",
                "net.bytebuddy.ByteBuddy", "org.jspecify.annotations.Nullable")) {
            try {
                jars.add(location(Class.forName(name)));
            } catch (ClassNotFoundException absentOnThisJUnitLine) {
                // jspecify comes with JUnit 6 only
            }
        }
        List<String> paths = new ArrayList<>();
        for (Path path : jars) {
            paths.add(path.toString());
        }
        return paths.stream().collect(Collectors.joining(File.pathSeparator));
    }

    private static Path location(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }
}
