package io.github.gradcheck;

/** Readable default names for models: lambdas and anonymous classes have none worth printing. */
final class ModelNames {

    private ModelNames() {
    }

    static String of(Class<?> type, String fallback) {
        String simple = type.getSimpleName();
        if (type.isAnonymousClass() || type.isSynthetic() || simple.isEmpty() || simple.contains("$")) {
            return fallback;
        }
        return simple;
    }
}
