package com.amazonaws.services.lambda.runtime;

/**
 * The two members of aws-lambda-java-core's Context this sample uses, so that it compiles with javac alone. A real
 * project takes the library from Maven (com.amazonaws:aws-lambda-java-core) and ships it in lib/ of its code; the
 * runtime binds to whichever Context the code carries.
 */
public interface Context {
    String getAwsRequestId();

    int getRemainingTimeInMillis();
}
