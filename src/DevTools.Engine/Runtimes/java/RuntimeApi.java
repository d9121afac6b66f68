package lambdadevtools.runtime;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The Lambda Runtime API over one persistent HTTP/1.1 connection, on a plain socket (java.net.http's start-up alone
 * costs more than a warm invoke). No timeouts: {@code GET /next} may wait for minutes, and the process may be frozen
 * meanwhile.
 */
final class RuntimeApi {
    private static final String PREFIX = "/2018-06-01/runtime";
    private static final String ERROR_TYPE_HEADER = "Lambda-Runtime-Function-Error-Type";

    private final String host;
    private final int port;
    private final String address;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private final byte[] buffer = new byte[64 * 1024];
    private int start;
    private int end;

    RuntimeApi(String address) {
        int colon = address == null ? -1 : address.lastIndexOf(':');
        if (colon <= 0) throw new IllegalArgumentException("AWS_LAMBDA_RUNTIME_API is not host:port: " + address);
        this.address = address;
        this.host = address.substring(0, colon).replace("[", "").replace("]", "");
        this.port = Integer.parseInt(address.substring(colon + 1));
    }

    Invocation next() throws IOException {
        Response response = request("GET", "/invocation/next", null, null, null);
        if (response.status != 200)
            throw new IOException("invocation/next answered " + response.status + ": " + new String(response.body, StandardCharsets.UTF_8));
        return new Invocation(response.headers, response.body);
    }

    int postResponse(String requestId, byte[] body) throws IOException {
        return request("POST", "/invocation/" + requestId + "/response", "application/json", null, body).status;
    }

    int postError(String requestId, String errorType, byte[] body) throws IOException {
        return request("POST", "/invocation/" + requestId + "/error", "application/json", errorType, body).status;
    }

    int postInitError(String errorType, byte[] body) throws IOException {
        return request("POST", "/init/error", "application/json", errorType, body).status;
    }

    private static final class Response {
        final int status;
        final Map<String, String> headers;
        final byte[] body;

        Response(int status, Map<String, String> headers, byte[] body) {
            this.status = status;
            this.headers = headers;
            this.body = body;
        }
    }

    private Response request(String method, String path, String contentType, String errorType, byte[] body) throws IOException {
        StringBuilder head = new StringBuilder(256).append(method).append(' ').append(PREFIX).append(path)
                .append(" HTTP/1.1\r\nHost: ").append(address).append("\r\n");
        if (errorType != null) head.append(ERROR_TYPE_HEADER).append(": ").append(errorType.replace('\r', ' ').replace('\n', ' ')).append("\r\n");
        if (body != null) head.append("Content-Type: ").append(contentType).append("\r\nContent-Length: ").append(body.length).append("\r\n");
        head.append("\r\n");
        byte[] headBytes = head.toString().getBytes(StandardCharsets.UTF_8);
        byte[] request = headBytes;
        if (body != null) {
            request = new byte[headBytes.length + body.length];
            System.arraycopy(headBytes, 0, request, 0, headBytes.length);
            System.arraycopy(body, 0, request, headBytes.length, body.length);
        }
        boolean reused = socket != null;
        try {
            return exchange(request);
        } catch (ResponseNotStarted e) {
            close();
            if (!reused) throw e;
            return exchange(request); // the server closed the idle connection: once more, on a new one
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    /** The connection ended before any byte of the response: the request can be sent again. */
    private static final class ResponseNotStarted extends EOFException {
        private static final long serialVersionUID = 1L;

        ResponseNotStarted() {
            super("the Runtime API closed the connection");
        }
    }

    private Response exchange(byte[] request) throws IOException {
        if (socket == null) {
            socket = new Socket(host, port);
            socket.setTcpNoDelay(true);
            in = socket.getInputStream();
            out = socket.getOutputStream();
            start = end = 0;
        }
        try {
            out.write(request);
            out.flush();
        } catch (IOException e) {
            throw new ResponseNotStarted(); // a reused connection the server closed
        }

        int status;
        String statusLine;
        Map<String, String> headers;
        do {
            statusLine = readLine(true);
            if (statusLine.length() < 12) throw new IOException("bad HTTP status line: " + statusLine);
            status = Integer.parseInt(statusLine.substring(9, 12));
            headers = new HashMap<>();
            for (String line = readLine(false); !line.isEmpty(); line = readLine(false)) {
                int colon = line.indexOf(':');
                if (colon > 0) headers.put(line.substring(0, colon).trim().toLowerCase(java.util.Locale.ROOT), line.substring(colon + 1).trim());
            }
        } while (status >= 100 && status < 200);

        String connection = headers.getOrDefault("connection", "").toLowerCase(java.util.Locale.ROOT);
        boolean keepAlive = statusLine.startsWith("HTTP/1.0") ? connection.equals("keep-alive") : !connection.equals("close");
        byte[] body;
        String length = headers.get("content-length");
        if (status == 204 || status == 304) {
            body = new byte[0];
        } else if (headers.getOrDefault("transfer-encoding", "").toLowerCase(java.util.Locale.ROOT).contains("chunked")) {
            ByteArrayOutputStream chunks = new ByteArrayOutputStream();
            while (true) {
                String sizeLine = readLine(false);
                int semicolon = sizeLine.indexOf(';');
                int size = Integer.parseInt((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
                if (size == 0) {
                    while (!readLine(false).isEmpty()) {
                        // trailers
                    }
                    break;
                }
                chunks.write(readExactly(size));
                readExactly(2);
            }
            body = chunks.toByteArray();
        } else if (length != null) {
            body = readExactly(Integer.parseInt(length));
        } else {
            ByteArrayOutputStream rest = new ByteArrayOutputStream();
            rest.write(buffer, start, end - start);
            start = end = 0;
            byte[] chunk = new byte[65536];
            for (int n; (n = in.read(chunk)) > 0; ) rest.write(chunk, 0, n);
            body = rest.toByteArray();
            keepAlive = false;
        }
        if (!keepAlive) close();
        return new Response(status, headers, body);
    }

    private String readLine(boolean first) throws IOException {
        while (true) {
            for (int i = start; i + 1 < end; i++) {
                if (buffer[i] == '\r' && buffer[i + 1] == '\n') {
                    String line = new String(buffer, start, i - start, StandardCharsets.ISO_8859_1);
                    start = i + 2;
                    return line;
                }
            }
            fill(first && start == end);
        }
    }

    private byte[] readExactly(int count) throws IOException {
        byte[] data = new byte[count];
        int have = Math.min(count, end - start);
        System.arraycopy(buffer, start, data, 0, have);
        start += have;
        while (have < count) {
            int n = in.read(data, have, count - have);
            if (n < 0) throw new EOFException("the Runtime API closed the connection");
            have += n;
        }
        return data;
    }

    private void fill(boolean nothingYet) throws IOException {
        if (start > 0) {
            System.arraycopy(buffer, start, buffer, 0, end - start);
            end -= start;
            start = 0;
        }
        if (end == buffer.length) throw new IOException("HTTP header line too long");
        int n = in.read(buffer, end, buffer.length - end);
        if (n < 0) {
            if (nothingYet) throw new ResponseNotStarted();
            throw new EOFException("the Runtime API closed the connection");
        }
        end += n;
    }

    private void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        socket = null;
        start = end = 0;
    }
}
