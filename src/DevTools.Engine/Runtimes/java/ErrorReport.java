package lambdadevtools.runtime;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An error as AWS's Java runtime reports it: the body ({@code errorMessage}, {@code errorType} = the class's full name,
 * {@code stackTrace} without the runtime's own frames), the error-type header, and the log line
 * ({@code message: type} and the stack trace).
 */
final class ErrorReport {
    static final String USER_EXCEPTION = "Runtime.UserException";
    static final String BAD_FUNCTION_CODE = "Runtime.BadFunctionCode";

    private static final String RUNTIME_PACKAGE = ErrorReport.class.getPackage().getName() + ".";
    private static final Pattern CLASS_FILE_VERSION = Pattern.compile("class file version (\\d+)");

    final String headerType;
    final String message;
    final String type;
    final Throwable throwable; // null: no stack trace (a non-fatal fault)

    private ErrorReport(String headerType, String message, String type, Throwable throwable) {
        this.headerType = headerType;
        this.message = message;
        this.type = type;
        this.throwable = throwable;
    }

    /** The function's code threw. */
    static ErrorReport of(Throwable t) {
        filterStackTrace(t);
        return new ErrorReport(USER_EXCEPTION, messageOf(t), t.getClass().getName(), t);
    }

    static ErrorReport of(UserFault fault) {
        Throwable cause = fault.getCause();
        if (cause != null) filterStackTrace(cause);
        return new ErrorReport(BAD_FUNCTION_CODE, fault.getMessage(), fault.errorType, cause);
    }

    byte[] body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("errorMessage", message);
        if (type != null) body.put("errorType", type);
        if (throwable != null) {
            List<String> frames = new ArrayList<>();
            for (StackTraceElement frame : throwable.getStackTrace()) frames.add(frame.toString());
            body.put("stackTrace", frames);
        }
        return JsonWriter.write(body);
    }

    /** What the runtime logs: {@code message: type}, then the stack trace. */
    String logText() {
        if (throwable == null) return type == null ? message : message + ": " + type;
        StringWriter trace = new StringWriter();
        throwable.printStackTrace(new PrintWriter(trace));
        return message + ": " + type + "\n" + trace;
    }

    /** The throwable's message, or its class name when it has none; a class too new for this JDK says which runtime and JDK ran it. */
    static String messageOf(Throwable t) {
        String message = t.getLocalizedMessage() == null ? t.getClass().getName() : t.getLocalizedMessage();
        if (t instanceof UnsupportedClassVersionError) message += toolchainNote(message);
        return message;
    }

    /** Which runtime ran on which JDK, and what the class needs: the JDK here may be older than the runtime's name. */
    private static String toolchainNote(String message) {
        String runtime = System.getenv("AWS_EXECUTION_ENV");
        runtime = runtime == null ? "the function" : runtime.replace("AWS_Lambda_", "");
        String note = " (Lambda DevTools ran " + runtime + " on JDK " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.vendor") + ")";
        Matcher classVersion = CLASS_FILE_VERSION.matcher(message);
        if (classVersion.find()) {
            int needed = Integer.parseInt(classVersion.group(1)) - 44;
            Matcher runtimeVersion = Pattern.compile("^java(\\d+)").matcher(runtime);
            note += "; the class needs Java " + needed + " or newer";
            if (runtimeVersion.find() && Integer.parseInt(runtimeVersion.group(1)) < needed) note += ", newer than " + runtime + " itself";
            else note += ": install JDK " + needed + " or newer (in JAVA_HOME, on PATH or in /usr/lib/jvm)";
        }
        return note + ")";
    }

    /** Cuts the runtime's frames (and the reflection frames that led from them into the function), causes included. */
    static void filterStackTrace(Throwable t) {
        java.util.Set<Throwable> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        filter(t, seen);
    }

    private static void filter(Throwable t, java.util.Set<Throwable> seen) {
        if (t == null || !seen.add(t)) return;
        StackTraceElement[] frames = t.getStackTrace();
        int cut = frames.length;
        for (int i = 0; i < frames.length; i++) {
            if (frames[i].getClassName().startsWith(RUNTIME_PACKAGE)) {
                cut = i;
                break;
            }
        }
        while (cut > 0 && isReflection(frames[cut - 1].getClassName()) && cut < frames.length) cut--;
        if (cut < frames.length) t.setStackTrace(java.util.Arrays.copyOf(frames, cut));
        filter(t.getCause(), seen);
        for (Throwable suppressed : t.getSuppressed()) filter(suppressed, seen);
    }

    private static boolean isReflection(String className) {
        return className.startsWith("jdk.internal.reflect.") || className.startsWith("java.lang.reflect.")
                || className.startsWith("sun.reflect.") || className.startsWith("java.lang.invoke.");
    }
}
