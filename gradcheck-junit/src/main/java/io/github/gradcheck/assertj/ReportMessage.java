package io.github.gradcheck.assertj;

import org.assertj.core.error.BasicErrorMessageFactory;

/**
 * An AssertJ message factory for a text already written in full. The text is passed unquoted, so
 * that tables keep their layout, and AssertJ still prefixes any {@code as(...)} description.
 */
class ReportMessage extends BasicErrorMessageFactory {

    ReportMessage(String text) {
        super("\n%s", unquotedString(text));
    }
}
