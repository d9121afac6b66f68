package lambdadevtools.runtime;

/**
 * A problem with the function's code found while loading its handler, as AWS's runtime reports it: a fatal one (the
 * class cannot be loaded or built) ends the init; the others (no such class, method or handler interface) let the init
 * succeed and fail every invoke.
 */
final class UserFault extends Exception {
    private static final long serialVersionUID = 1L;

    final String errorType;
    final boolean fatal;

    private UserFault(String message, String errorType, Throwable cause, boolean fatal) {
        super(message, cause);
        this.errorType = errorType;
        this.fatal = fatal;
    }

    /** Every invoke fails with this; no stack trace is reported. */
    static UserFault nonFatal(String message, String errorType) {
        return new UserFault(message, errorType, null, false);
    }

    /** The init fails with this: the cause's type and stack, this message. */
    static UserFault fatal(String message, Throwable cause) {
        return new UserFault(message + ": " + ErrorReport.messageOf(cause), cause.getClass().getName(), cause, true);
    }
}
