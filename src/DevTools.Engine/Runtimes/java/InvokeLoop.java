package lambdadevtools.runtime;

import java.io.IOError;
import java.io.IOException;

/** The invoke loop: {@code GET /next}, call the handler, {@code POST} the result or the error, forever. */
final class InvokeLoop {
    private static final String TRACE_PROPERTY = "com.amazonaws.xray.traceHeader";

    private final RuntimeApi api;
    private final LambdaHandler handler;

    InvokeLoop(RuntimeApi api, LambdaHandler handler) {
        this.api = api;
        this.handler = handler;
    }

    void run() {
        while (true) {
            Invocation invocation;
            try {
                invocation = api.next();
            } catch (IOException | RuntimeException e) {
                failFast("invocation/next failed: " + e);
                return;
            }
            if (invocation.traceId != null) System.setProperty(TRACE_PROPERTY, invocation.traceId);
            else System.clearProperty(TRACE_PROPERTY);

            boolean exitAfter = false;
            int status;
            try {
                byte[] response;
                ErrorReport error = null;
                try {
                    response = handler.handle(invocation);
                } catch (UserFault fault) {
                    response = null;
                    error = ErrorReport.of(fault);
                } catch (Throwable t) {
                    response = null;
                    error = ErrorReport.of(t);
                    // AWS's runtime stops after these: the JVM may be unusable.
                    exitAfter = t instanceof VirtualMachineError || t instanceof IOError;
                }
                if (error == null) {
                    System.out.flush();
                    status = api.postResponse(invocation.requestId, response);
                } else {
                    LambdaLog.event(error.logText());
                    status = api.postError(invocation.requestId, error.headerType, error.body());
                }
            } catch (IOException e) {
                failFast("the Runtime API connection failed: " + e);
                return;
            }
            if (status >= 500) failFast("posting the result for " + invocation.requestId + " was answered " + status);
            if (exitAfter) failFast("the handler threw an error the JVM may not recover from");
            // Any other status (413 for an oversized response, say) ends this invoke: wait for the next.
        }
    }

    private static void failFast(String reason) {
        System.out.flush();
        System.err.println("Lambda runtime: " + reason + ", exiting");
        System.err.flush();
        Runtime.getRuntime().halt(1);
    }
}
