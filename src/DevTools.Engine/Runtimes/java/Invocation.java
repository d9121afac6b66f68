package lambdadevtools.runtime;

import java.util.Map;

/** One event from {@code GET /next}: its body and the headers the context is built from. */
final class Invocation {
    final String requestId;
    final long deadlineMs;
    final String invokedFunctionArn;
    final String traceId;
    final String clientContext;
    final String cognitoIdentity;
    final String tenantId;
    final byte[] body;

    Invocation(Map<String, String> headers, byte[] body) {
        this.requestId = headers.get("lambda-runtime-aws-request-id");
        String deadline = headers.get("lambda-runtime-deadline-ms");
        this.deadlineMs = deadline == null ? 0 : Long.parseLong(deadline.trim());
        this.invokedFunctionArn = headers.get("lambda-runtime-invoked-function-arn");
        this.traceId = headers.get("lambda-runtime-trace-id");
        this.clientContext = headers.get("lambda-runtime-client-context");
        this.cognitoIdentity = headers.get("lambda-runtime-cognito-identity");
        this.tenantId = headers.get("lambda-runtime-aws-tenant-id");
        this.body = body;
    }

    int remainingTimeInMillis() {
        return (int) Math.max(0, Math.min(Integer.MAX_VALUE, deadlineMs - System.currentTimeMillis()));
    }
}
