package io.github.gradcheck.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gradcheck.junit.GradientCheck;
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
 * Modular projects: {@code gradcheck-core} is the named module {@code io.github.gradcheck}, which
 * exports the API packages only and needs nothing at run time; {@code gradcheck-junit} is
 * {@code io.github.gradcheck.junit}, which requires the core transitively. Each descriptor is read
 * by the JDK's own module finder, a production module is compiled against the core alone and run
 * on a module path that holds nothing else, and a test module is compiled against the front end.
 * Runs against the packaged jars, as {@code mvn verify} provides them; skipped, saying so, where
 * the library is a classes directory (an IDE, or {@code mvn test}).
 */
class ModularProjectTest {

    static Path core;
    static Path jar;

    @BeforeAll
    static void findTheJars() throws URISyntaxException {
        core = location(GradientCheckReport.class);
        jar = location(GradientCheck.class);
        Assumptions.assumeTrue(core.toString().endsWith(".jar") && jar.toString().endsWith(".jar"),
                "the library is on the class path as " + core + " and " + jar
                        + ", not as jars: run mvn verify (which packages them) to check their module descriptors");
    }

    @Test
    void theCoreIsTheModuleIoGithubGradcheckExportingTheApiAndNotTheEngine() {
        ModuleDescriptor descriptor = descriptorOf(core);

        assertThat(descriptor.name()).isEqualTo("io.github.gradcheck");
        assertThat(descriptor.isAutomatic()).isFalse();
        assertThat(descriptor.exports()).filteredOn(export -> !export.isQualified())
                .extracting(ModuleDescriptor.Exports::source)
                .containsExactlyInAnyOrder("io.github.gradcheck", "io.github.gradcheck.report",
                        "io.github.gradcheck.report.summary");
        assertThat(descriptor.exports()).filteredOn(ModuleDescriptor.Exports::isQualified)
                .allSatisfy(export -> assertThat(export.targets()).containsExactly("io.github.gradcheck.junit"))
                .extracting(ModuleDescriptor.Exports::source)
                .containsExactlyInAnyOrder("io.github.gradcheck.internal.format", "io.github.gradcheck.internal.text");
        assertThat(descriptor.packages()).contains("io.github.gradcheck.internal.engine", "io.github.gradcheck.internal.report");
        assertThat(descriptor.requires()).extracting(ModuleDescriptor.Requires::name).containsExactly("java.base");
    }

    @Test
    void theFrontEndIsTheModuleIoGithubGradcheckJunitRequiringTheCoreTransitively() {
        ModuleDescriptor descriptor = descriptorOf(jar);

        assertThat(descriptor.name()).isEqualTo("io.github.gradcheck.junit");
        assertThat(descriptor.exports()).extracting(ModuleDescriptor.Exports::source)
                .containsExactlyInAnyOrder("io.github.gradcheck.junit", "io.github.gradcheck.assertj");
        assertThat(descriptor.requires()).anySatisfy(requires -> {
            assertThat(requires.name()).isEqualTo("io.github.gradcheck");
            assertThat(requires.modifiers()).contains(ModuleDescriptor.Requires.Modifier.TRANSITIVE);
        });
    }

    @Test
    void aProductionModuleChecksAModelWithTheCoreAloneOnItsModulePath(@TempDir Path dir) throws Exception {
        Path sources = dir.resolve("src");
        Path pkg = Files.createDirectories(sources.resolve("com/example/training"));
        Files.writeString(sources.resolve("module-info.java"), """
                module com.example.training {
                    requires io.github.gradcheck;
                }
                """, StandardCharsets.UTF_8);
        Files.writeString(pkg.resolve("Main.java"), """
                package com.example.training;

                import io.github.gradcheck.DifferentiableModel;
                import io.github.gradcheck.GradientChecker;
                import io.github.gradcheck.ParameterArrays;
                import io.github.gradcheck.report.GradientCheckReport;

                public class Main {
                    static final class Square implements DifferentiableModel {
                        final double[] w = {0.5, -1.5};
                        public ParameterArrays parameters() { return ParameterArrays.builder().add("w", w).build(); }
                        public double loss() { return w[0] * w[0] + w[1] * w[1]; }
                        public ParameterArrays gradient() {
                            return ParameterArrays.builder().add("w", new double[] {2 * w[0], 3 * w[1]}).build();
                        }
                    }

                    public static void main(String[] args) {
                        GradientCheckReport report = GradientChecker.defaults().check(new Square());
                        System.out.println("passed=" + report.passed() + " worst=" + report.worstOffenders().get(0).parameter());
                    }
                }
                """, StandardCharsets.UTF_8);
        Path out = dir.resolve("out");
        compile(List.of(sources.resolve("module-info.java"), pkg.resolve("Main.java")), out, core.toString());

        Process java = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--module-path", out + File.pathSeparator + core, "-m", "com.example.training/com.example.training.Main")
                .redirectErrorStream(true).start();
        String output = new String(java.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(java.waitFor()).as(output).isZero();
        assertThat(output).contains("passed=false worst=w[1]");
    }

    @Test
    void theEngineIsNotVisibleToAModule(@TempDir Path dir) throws Exception {
        Path sources = dir.resolve("src");
        Path pkg = Files.createDirectories(sources.resolve("com/example/sneaky"));
        Files.writeString(sources.resolve("module-info.java"), "module com.example.sneaky { requires io.github.gradcheck; }\n",
                StandardCharsets.UTF_8);
        Files.writeString(pkg.resolve("Sneaky.java"), """
                package com.example.sneaky;

                class Sneaky {
                    Object engine = io.github.gradcheck.internal.engine.NumericCheck.class;
                }
                """, StandardCharsets.UTF_8);

        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
            boolean compiled = compiler.getTask(null, files, diagnostics,
                    List.of("--release", "17", "-d", dir.resolve("out").toString(), "--module-path", core.toString()), null,
                    files.getJavaFileObjects(sources.resolve("module-info.java").toFile(), pkg.resolve("Sneaky.java").toFile()))
                    .call();

            assertThat(compiled).isFalse();
            assertThat(diagnostics.getDiagnostics()).anySatisfy(diagnostic -> assertThat(diagnostic.getMessage(null))
                    .contains("package io.github.gradcheck.internal.engine is not visible"));
        }
    }

    @Test
    void aTestModuleThatRequiresItCompilesOnTheModulePath(@TempDir Path dir) throws Exception {
        Path sources = dir.resolve("src");
        Path pkg = Files.createDirectories(sources.resolve("com/example/nets"));
        Files.writeString(sources.resolve("module-info.java"), """
                module com.example.nets {
                    requires io.github.gradcheck.junit;
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

        compile(List.of(sources.resolve("module-info.java"), pkg.resolve("LinearTest.java")), dir.resolve("out"), modulePath());
        assertThat(dir.resolve("out/module-info.class")).exists();
    }

    private static void compile(List<Path> units, Path out, String modulePath) throws Exception {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
            List<String> options = List.of("--release", "17", "-d", out.toString(), "--module-path", modulePath);
            boolean compiled = compiler.getTask(null, files, diagnostics, options, null,
                    files.getJavaFileObjectsFromPaths(units)).call();

            assertThat(compiled).as("javac on the module path:%n%s", diagnostics.getDiagnostics()).isTrue();
        }
    }

    private static ModuleDescriptor descriptorOf(Path path) {
        Set<ModuleReference> modules = ModuleFinder.of(path).findAll();
        assertThat(modules).hasSize(1);
        return modules.iterator().next().descriptor();
    }

    /** The library's jars and the jars of what it and the test module require, each found by one class in it. */
    private static String modulePath() throws URISyntaxException {
        Set<Path> jars = new LinkedHashSet<>();
        jars.add(core);
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
