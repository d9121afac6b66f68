package lambdadevtools.runtime;

/**
 * The {@code com.amazonaws.services.lambda.runtime} types of the function's own {@code aws-lambda-java-core}, found in
 * its class loader: the runtime carries none, so a handler binds to exactly the interfaces it was compiled against. A
 * type the function does not carry is null (a handler taking only a {@code Map} needs none of them).
 */
final class LambdaTypes {
    private static final String PACKAGE = "com.amazonaws.services.lambda.runtime.";

    final Class<?> context;
    final Class<?> logger;
    final Class<?> requestHandler;
    final Class<?> requestStreamHandler;
    final Class<?> clientContext;
    final Class<?> client;
    final Class<?> cognitoIdentity;
    final Class<?> lambdaRuntime;

    LambdaTypes(ClassLoader loader) {
        context = find(loader, "Context");
        logger = find(loader, "LambdaLogger");
        requestHandler = find(loader, "RequestHandler");
        requestStreamHandler = find(loader, "RequestStreamHandler");
        clientContext = find(loader, "ClientContext");
        client = find(loader, "Client");
        cognitoIdentity = find(loader, "CognitoIdentity");
        lambdaRuntime = find(loader, "LambdaRuntime");
    }

    private static Class<?> find(ClassLoader loader, String name) {
        try {
            return Class.forName(PACKAGE + name, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }
}
