package lambdadevtools.runtime;

import java.io.IOException;
import java.net.URLClassLoader;

/**
 * Lambda DevTools' runtime client for the java* runtimes, started by the engine as
 * {@code java <Lambda's JVM options> -cp <this client's jar> lambdadevtools.runtime.Main <handler>} in the function's
 * code folder. As AWS's runtime ({@code aws-lambda-java-runtime-interface-client}) it loads the handler from the
 * function's class loader, then {@code GET /next}, calls the handler, {@code POST}s the result or the error, forever.
 * JDK only (Java 11+): the JSON mapping is its own ({@link JsonReader}, {@link PojoReader}, {@link JsonWriter}).
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        LambdaLog.install();
        String handlerName = args.length > 0 ? args[0] : System.getenv("_HANDLER");
        RuntimeApi api;
        try {
            api = new RuntimeApi(System.getenv("AWS_LAMBDA_RUNTIME_API"));
        } catch (IllegalArgumentException e) {
            System.err.println("Lambda runtime: " + e.getMessage());
            System.exit(1);
            return;
        }
        String taskRoot = System.getenv("LAMBDA_TASK_ROOT");
        URLClassLoader loader = CustomerClassLoader.create(taskRoot == null ? System.getProperty("user.dir") : taskRoot, System.getenv("_DEVTOOLS_OPT"));
        Thread.currentThread().setContextClassLoader(loader);

        LambdaHandler handler;
        try {
            handler = HandlerLoader.load(handlerName, loader);
        } catch (UserFault fault) {
            if (!fault.fatal) {
                handler = new FaultyHandler(fault); // the init succeeds; every invoke reports the fault
            } else {
                ErrorReport report = ErrorReport.of(fault);
                LambdaLog.event(report.logText());
                try {
                    api.postInitError(report.headerType, report.body());
                } catch (IOException e) {
                    System.err.println("Lambda runtime: posting the init error failed: " + e);
                }
                System.exit(1);
                return;
            }
        }
        new InvokeLoop(api, handler).run();
    }
}
