package com.amazonaws.services.lambda.runtime;

import java.nio.charset.StandardCharsets;

/** Stand-in for aws-lambda-java-core's LambdaRuntime: the runtime replaces its logger. */
public final class LambdaRuntime {
    private static volatile LambdaLogger logger = new LambdaLogger() {
        public void log(String message) {
            System.out.print("UNREPLACED " + message);
        }

        public void log(byte[] message) {
            log(new String(message, StandardCharsets.UTF_8));
        }
    };

    private LambdaRuntime() {
    }

    public static LambdaLogger getLogger() {
        return logger;
    }
}
