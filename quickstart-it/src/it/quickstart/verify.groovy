// After `mvn test` in the quick-start project, a standalone project whose pom.xml is the README's
// Maven quick start (QuickStartPomTest keeps the two identical): did the tests really run, did
// exactly the planted bug fail, and did the end-of-run summary write its files?
// invoker.properties expects the build itself to fail, because of that one test.
import groovy.json.JsonSlurper
import groovy.xml.XmlSlurper

def problems = []
def check = { boolean ok, String problem -> if (!ok) problems << problem }

// 1. The tests ran: Surefire's XML reports list every test case and its outcome. (Maven 3.8's
//    default Surefire 2.12.4 finds no JUnit 5 test at all; that is what the pinned 3.x is for.)
def reports = new File(basedir, 'target/surefire-reports')
def files = reports.listFiles({ dir, name -> name.startsWith('TEST-') && name.endsWith('.xml') } as FilenameFilter) ?: []
def cases = [:]
files.each { file ->
    new XmlSlurper().parse(file).testcase.each { testcase ->
        def name = "${testcase.@classname}.${testcase.@name}".toString()
        def outcome = testcase.failure.size() ? 'failed' : testcase.error.size() ? 'error' : testcase.skipped.size() ? 'skipped' : 'passed'
        def message = (testcase.failure.size() ? testcase.failure : testcase.error).@message.text()
        cases[name] = [outcome: outcome, message: message]
    }
}
println "quick start: ${cases.size()} tests in ${files.size()} Surefire reports"
cases.each { name, result -> println "  ${result.outcome.padRight(7)} ${name}" }

if (cases.isEmpty()) {
    throw new AssertionError("the quick-start project ran no test (no test case in ${reports}/TEST-*.xml); see ${basedir}/build.log")
}

// 2. Exactly the planted bug failed, with the gradient check's message; every other test passed.
def buggy = 'com.example.BuggyTwoLayerNetTest.backpropagationMatchesNumericGradient(GradientCheckReport)[1]'
def expected = [
    (buggy): 'failed',
    'com.example.BuggyTwoLayerNetTest.checkFindsTheBugInB1(GradientCheckReport)[1]': 'passed',
    'com.example.TwoLayerNetTest.backpropagationMatchesNumericGradient(GradientCheckReport)[1]': 'passed',
    'com.example.TwoLayerNetTest.passesWithoutAnAssertion()[1]': 'passed',
    'com.example.TwoLayerNetTest.checkedWithoutTheExtension': 'passed',
]
expected.each { name, outcome ->
    def result = cases[name]
    check(result != null, "test ${name} did not run")
    check(result == null || result.outcome == outcome, "test ${name}: expected ${outcome}, was ${result?.outcome}: ${result?.message}")
}
(cases.keySet() - expected.keySet()).each { name ->
    check(false, "unexpected test ${name} (${cases[name].outcome}): update the expected tests in verify.groovy")
}
if (cases[buggy]?.outcome == 'failed') {
    def failureMessage = cases[buggy].message
    ['Expecting the analytic gradient of TwoLayerNet to match its numeric gradient', 'b1[', 'a forgotten 1/m'].each { text ->
        check(failureMessage.contains(text), "the planted bug's failure message lacks '${text}': ${failureMessage}")
    }
}

// 3. The end-of-run summary: target/gradcheck/report.json and index.html (gradcheck.report.dir's
//    default, relative to the project's directory), with the four @GradientCheck invocations.
def summary = new File(basedir, 'target/gradcheck')
['report.json', 'index.html'].each { name ->
    def file = new File(summary, name)
    check(file.isFile() && file.length() > 0, "the end-of-run summary ${file} was not written (or is empty)")
}
def json = new File(summary, 'report.json')
if (json.isFile() && json.length() > 0) {
    def totals = new JsonSlurper().parse(json).totals
    check(totals == [checks: 4, passed: 2, failed: 2, errors: 0],
            "report.json's totals: expected 4 checks, 2 passed (TwoLayerNet) and 2 failed (the buggy one), got ${totals}")
}
def html = new File(summary, 'index.html')
check(!html.isFile() || html.getText('UTF-8').contains('BuggyTwoLayerNetTest'), "${html} does not name BuggyTwoLayerNetTest")

// 4. The build used the freshly built library: the jar that invoker:install put into the
//    project's local repository is the reactor's (the settings give no other source of snapshots).
def installed = new File(localRepositoryPath, "io/github/gradcheck/gradcheck-junit/${gradcheckVersion}/gradcheck-junit-${gradcheckVersion}.jar")
def built = new File(gradcheckJar)
check(installed.isFile() && built.isFile() && installed.bytes == built.bytes,
        "the quick-start project's gradcheck-junit (${installed}) is not the reactor's freshly built ${built}")

if (problems) {
    throw new AssertionError("the README's Maven quick start, built in ${basedir}:\n  - " + problems.join('\n  - '))
}
println 'quick start: tests ran, exactly the planted bug failed, the summary was written'
return true
