package lambdadevtools.runtime;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The function's output. {@code System.out} and {@code System.err} write UTF-8, as in AWS's runtime; a
 * {@code LambdaLogger.log} call is one log event, so its newlines become {@code \r} on the line the engine reads (Lambda
 * frames it instead).
 */
final class LambdaLog {
    private LambdaLog() {
    }

    static void install() {
        System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8));
    }

    static void event(String message) {
        String text = message.endsWith("\n") ? message.substring(0, message.length() - 1) : message;
        System.out.println(text.replace("\r\n", "\r").replace('\n', '\r'));
    }

    static void event(byte[] message) {
        event(new String(message, StandardCharsets.UTF_8));
    }
}
