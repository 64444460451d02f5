package io.github.gradcheck.benchmarks.cold;

import io.github.gradcheck.DifferentiableModel;
import io.github.gradcheck.benchmarks.LogisticRegression;

/** The model both classes use: logistic regression, 20 features and a bias (N = 21), a batch of 50. */
final class ColdModel {

    private ColdModel() {
    }

    static LogisticRegression function() {
        return new LogisticRegression(20, 50, 1);
    }

    static double[] point(LogisticRegression regression) {
        return regression.initialPoint(2);
    }

    static DifferentiableModel model() {
        LogisticRegression regression = function();
        return regression.at(point(regression));
    }
}
