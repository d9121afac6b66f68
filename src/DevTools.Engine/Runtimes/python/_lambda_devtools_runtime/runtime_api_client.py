"""The Lambda Runtime API: GET /next, and the POSTs that answer an invoke or report an init failure."""

import socket

from .marshalling import to_json

API_PREFIX = "/2018-06-01/runtime"
ERROR_TYPE_HEADER = "Lambda-Runtime-Function-Error-Type"


class RuntimeApiError(Exception):
    pass


class RuntimeApiResponse(object):
    __slots__ = ["status", "headers", "body"]

    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers  # lower-case names
        self.body = body


class RuntimeApi(object):
    """The Runtime API over one persistent HTTP/1.1 connection (a plain socket; http.client's
    header parsing alone costs more than the whole invoke budget). No timeouts: GET /next may
    wait for minutes, and the process may be frozen (SIGSTOP) meanwhile."""

    def __init__(self, address):
        host, _, port = address.rpartition(":")
        if not host or not port.isdigit():
            raise RuntimeApiError("AWS_LAMBDA_RUNTIME_API is not host:port: {!r}".format(address))
        self.address = (host.strip("[]"), int(port))
        self.host_header = address.encode("latin-1")
        self.sock = None
        self.pending = b""

    def next(self):
        response = self.request(b"GET " + API_PREFIX.encode() + b"/invocation/next HTTP/1.1\r\nHost: " + self.host_header + b"\r\n\r\n")
        if response.status != 200:
            raise RuntimeApiError("invocation/next answered {}: {!r}".format(response.status, response.body[:500]))
        return response.headers, response.body

    def post_response(self, request_id, body, content_type):
        return self.post("/invocation/" + request_id + "/response", body, content_type)

    def post_error(self, request_id, result):
        return self.post_error_body("/invocation/" + request_id + "/error", result)

    def post_init_error(self, result):
        return self.post_error_body("/init/error", result)

    def post_error_body(self, path, result):
        error_type = str(result.get("errorType") or "Runtime.Unknown").replace("\r", " ").replace("\n", " ")
        body = to_json(result).encode("utf-8")
        return self.post(path, body, "application/json", ERROR_TYPE_HEADER + ": " + error_type + "\r\n")

    def post(self, path, body, content_type, extra_headers=""):
        head = "POST {}{} HTTP/1.1\r\nHost: {}\r\n{}Content-Type: {}\r\nContent-Length: {}\r\n\r\n".format(
            API_PREFIX, path, self.host_header.decode("latin-1"), extra_headers, content_type, len(body)
        )
        return self.request(head.encode("latin-1") + body).status

    def request(self, data, retry=True):
        reused = self.sock is not None
        if self.sock is None:
            self.sock = socket.create_connection(self.address)
            self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            self.pending = b""
        try:
            self.sock.sendall(data)
            response, keep_alive = self.read_response()
        except (ConnectionError, EOFError) as e:
            self.close()
            if retry and reused and not getattr(e, "response_started", False):
                return self.request(data, retry=False)  # the server closed the idle connection
            raise
        if not keep_alive:
            self.close()
        return response

    def close(self):
        if self.sock is not None:
            try:
                self.sock.close()
            except OSError:
                pass
        self.sock = None
        self.pending = b""

    def receive(self, started):
        chunk = self.sock.recv(65536)
        if not chunk:
            error = EOFError("the Runtime API closed the connection")
            error.response_started = started
            raise error
        self.pending += chunk

    def read_until(self, marker, started=True):
        while True:
            index = self.pending.find(marker)
            if index >= 0:
                data, self.pending = self.pending[:index], self.pending[index + len(marker):]
                return data
            self.receive(started or bool(self.pending))

    def read_exactly(self, count):
        if len(self.pending) < count:  # collect the chunks and join once (events can be megabytes)
            parts = [self.pending]
            have = len(self.pending)
            while have < count:
                chunk = self.sock.recv(max(65536, min(count - have, 1 << 20)))
                if not chunk:
                    error = EOFError("the Runtime API closed the connection")
                    error.response_started = True
                    raise error
                parts.append(chunk)
                have += len(chunk)
            self.pending = b"".join(parts)
        data, self.pending = self.pending[:count], self.pending[count:]
        return data

    def read_response(self):
        while True:
            head = self.read_until(b"\r\n\r\n", started=False).decode("latin-1").split("\r\n")
            status = int(head[0][9:12])
            if not 100 <= status < 200:  # skip interim responses
                break
        headers = {}
        for line in head[1:]:
            name, colon, value = line.partition(":")
            if colon:
                headers[name.strip().lower()] = value.strip()
        connection = headers.get("connection", "").lower()
        keep_alive = connection == "keep-alive" if head[0].startswith("HTTP/1.0") else connection != "close"

        if status in (204, 304):
            body = b""
        elif "chunked" in headers.get("transfer-encoding", "").lower():
            parts = []
            while True:
                size = int(self.read_until(b"\r\n").split(b";", 1)[0].strip(), 16)
                if size == 0:
                    while self.read_until(b"\r\n"):  # trailers, up to the empty line
                        pass
                    break
                parts.append(self.read_exactly(size))
                self.read_exactly(2)
            body = b"".join(parts)
        elif "content-length" in headers:
            body = self.read_exactly(int(headers["content-length"]))
        else:
            parts = [self.pending]
            self.pending = b""
            while True:
                chunk = self.sock.recv(65536)
                if not chunk:
                    break
                parts.append(chunk)
            body = b"".join(parts)
            keep_alive = False
        return RuntimeApiResponse(status, headers, body), keep_alive
