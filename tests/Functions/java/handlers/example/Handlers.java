package example;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaRuntime;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.Map;

/** Test handlers for the bundled Java runtime client: one instance per environment, built at init. */
public class Handlers {
    private static int initCount;
    private int invocations;

    static {
        initCount++;
    }

    public Map<String, Object> echo(Map<String, Object> event, Context context) {
        invocations++;
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("event", event);
        result.put("initCount", initCount);
        result.put("invocations", invocations);
        return result;
    }

    public Map<String, Object> contextFields(Object event, Context context) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("awsRequestId", context.getAwsRequestId());
        result.put("functionName", context.getFunctionName());
        result.put("functionVersion", context.getFunctionVersion());
        result.put("memoryLimitInMB", context.getMemoryLimitInMB());
        result.put("invokedFunctionArn", context.getInvokedFunctionArn());
        result.put("logGroupName", context.getLogGroupName());
        result.put("logStreamName", context.getLogStreamName());
        result.put("remaining", context.getRemainingTimeInMillis());
        result.put("traceId", System.getProperty("com.amazonaws.xray.traceHeader"));
        result.put("xrayTraceId", context.getXrayTraceId());
        result.put("identity", context.getIdentity());
        result.put("clientContext", context.getClientContext() == null ? null : context.getClientContext().getCustom());
        return result;
    }

    public String fail(Map<String, Object> event) {
        throw new IllegalStateException("something broke");
    }

    public String upper(String input) {
        return input.toUpperCase();
    }

    public static int twice(int n) {
        return n * 2;
    }

    public void nothing(Map<String, Object> event) {
    }

    public long noArguments() {
        return 42L;
    }

    public void streams(InputStream input, OutputStream output) throws IOException {
        output.write("streamed:".getBytes(StandardCharsets.UTF_8));
        output.write(input.readAllBytes());
    }

    /** Overloads: the longest signature Lambda accepts wins (a trailing Context counting one more). */
    public String overloaded(String input) {
        return "one argument";
    }

    public String overloaded(String input, Context context) {
        return "with context";
    }

    public String logs(Object event, Context context) {
        context.getLogger().log("hello from java\nsecond line");
        LambdaRuntime.getLogger().log("through LambdaRuntime");
        System.out.println("println from java \u2615");
        return "logged";
    }

    public String sleep(Map<String, Object> event) throws InterruptedException {
        Thread.sleep(((Number) event.get("ms")).longValue());
        return "slept";
    }

    /** Reads what the previous invoke wrote in the environment's /tmp, then writes its own. */
    public Map<String, Object> tmp(Map<String, String> event) throws IOException {
        Path file = Paths.get(System.getProperty("java.io.tmpdir"), "java-test.txt");
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("tmpdir", System.getProperty("java.io.tmpdir"));
        result.put("before", Files.exists(file) ? new String(Files.readAllBytes(file), StandardCharsets.UTF_8) : null);
        Files.write(file, event.get("write").getBytes(StandardCharsets.UTF_8));
        return result;
    }

    public Map<String, Object> jvm(Object event) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("maxHeap", Runtime.getRuntime().maxMemory());
        result.put("arguments", ManagementFactory.getRuntimeMXBean().getInputArguments());
        result.put("flag", System.getProperty("example.flag"));
        result.put("javaVersion", System.getProperty("java.version"));
        return result;
    }

    public int exhaustStack(Object event) {
        return recurse(0);
    }

    private static int recurse(int depth) {
        return recurse(depth + 1) + 1;
    }

    /** A class the code does not carry: a layer's jar brings it (looked up by name, so the code compiles without it). */
    public String fromLayer(String name) throws ReflectiveOperationException {
        return (String) Class.forName("layered.Greeting").getMethod("greet", String.class).invoke(null, name);
    }
}
