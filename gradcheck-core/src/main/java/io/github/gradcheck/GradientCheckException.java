package io.github.gradcheck;

/**
 * The check could not be carried out: the model threw, returned a NaN or infinite loss or
 * gradient, or handed over arrays that do not fit its layout. The message names the block and
 * element; the model's parameters have been restored before this is thrown.
 *
 * <p>This is not a failed check. A check that ran and found the gradient wrong returns a report
 * whose verdict is failed.
 */
public class GradientCheckException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * An exception saying why the check could not be carried out.
     *
     * @param message what went wrong, naming the block and element where there is one
     */
    public GradientCheckException(String message) {
        super(message);
    }

    /**
     * An exception saying why the check could not be carried out, and what stopped it.
     *
     * @param message what went wrong, naming the block and element where there is one
     * @param cause what stopped the check, usually the model's own exception
     */
    public GradientCheckException(String message, Throwable cause) {
        super(message, cause);
    }
}
