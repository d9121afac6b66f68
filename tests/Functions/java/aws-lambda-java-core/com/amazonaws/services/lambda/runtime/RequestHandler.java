package com.amazonaws.services.lambda.runtime;

/** Stand-in for aws-lambda-java-core's RequestHandler. */
public interface RequestHandler<I, O> {
    O handleRequest(I input, Context context);
}
