package com.amazonaws.services.lambda.runtime;

/** Stand-in for aws-lambda-java-core's LambdaLogger. */
public interface LambdaLogger {
    void log(String message);

    void log(byte[] message);
}
