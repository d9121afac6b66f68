package lambdadevtools.runtime;

/** The function's handler, bound: one event's bytes in, the response's bytes out. */
interface LambdaHandler {
    byte[] handle(Invocation invocation) throws Throwable;
}
