package sample;

import com.amazonaws.services.lambda.runtime.Context;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Java: the Lambda execution model in one class. Its static fields and constructor run once per execution environment,
 * during its cold start (the runtime builds one instance of the handler). After each invoke the environment is frozen;
 * the next invoke may thaw and reuse it, with everything below intact.
 */
public class Handler {
    private static final String INITIALIZED_AT = Instant.now().toString();

    // A background thread started at init. It only advances while the environment runs:
    // compare ticksSincePreviousInvoke with msSincePreviousInvoke after a pause between invokes.
    private static volatile long ticks;

    static {
        Thread timer = new Thread(() -> {
            while (true) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
                ticks++;
            }
        });
        timer.setDaemon(true);
        timer.start();
    }

    // /tmp belongs to this environment and survives between its invokes (java.io.tmpdir points at it).
    private static final Path TMP_FILE = Paths.get(System.getProperty("java.io.tmpdir"), "java-sample.txt");

    private int invocations;
    private Long previousTicks;
    private Long previousAt;

    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) throws IOException {
        invocations++;
        long now = System.currentTimeMillis();
        String tmpFileBefore = Files.exists(TMP_FILE) ? new String(Files.readAllBytes(TMP_FILE), StandardCharsets.UTF_8) : null;
        Files.write(TMP_FILE, ("written by invocation " + invocations + " (" + context.getAwsRequestId() + ")").getBytes(StandardCharsets.UTF_8));

        Map<String, Object> result = new LinkedHashMap<>();
        result.put("greeting", System.getenv("GREETING"));
        result.put("requestId", context.getAwsRequestId());
        result.put("remainingTimeMs", context.getRemainingTimeInMillis());
        result.put("initializedAt", INITIALIZED_AT);
        result.put("invocations", invocations);
        result.put("tmpFileBefore", tmpFileBefore);
        result.put("ticks", ticks);
        result.put("ticksSincePreviousInvoke", previousTicks == null ? null : ticks - previousTicks);
        result.put("msSincePreviousInvoke", previousAt == null ? null : now - previousAt);
        result.put("javaVersion", System.getProperty("java.version"));
        result.put("event", event);
        previousTicks = ticks;
        previousAt = now;
        System.out.println("invocation " + invocations + ", " + ticks + " ticks so far");
        return result;
    }
}
