package example;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** A RequestStreamHandler: the event's bytes in, what it writes out. */
public class StreamEcho implements RequestStreamHandler {
    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        output.write(("{\"requestId\":\"" + context.getAwsRequestId() + "\",\"event\":").getBytes(StandardCharsets.UTF_8));
        output.write(input.readAllBytes());
        output.write('}');
    }
}
