"""Lambda DevTools' runtime client for the python3.9-python3.14 runtimes.

Started by the engine as `python3 <runtime dir>/bootstrap.py` in the function's code directory, it
talks to the Lambda Runtime API at $AWS_LAMBDA_RUNTIME_API the way AWS's Python runtime
(awslambdaric) does: import the $_HANDLER module from $LAMBDA_TASK_ROOT, then GET /next, call the
handler, POST the result or the error, forever. Standard library only; Python 3.9+.

Init failures are logged, posted to /init/error, and the process exits with status 1.
"""

import decimal
import importlib
import json
import logging
import math
import os
import socket
import sys
import time
import traceback

API_PREFIX = "/2018-06-01/runtime"
ERROR_TYPE_HEADER = "Lambda-Runtime-Function-Error-Type"
INIT_FAILURE_EXIT_CODE = 1

# Printed (as a warning) before an init failure, as AWS's runtime does.
UNHANDLED_EXCEPTION_WARNING = (
    "LAMBDA_WARNING: Unhandled exception. The most likely cause is an issue in the function code. "
    "However, in rare cases, a Lambda runtime update can cause unexpected function behavior. "
    "For functions using managed runtimes, runtime updates can be triggered by a function change, "
    "or can be applied automatically. To determine if the runtime has been updated, check the "
    "runtime version in the INIT_START log entry. If this error correlates with a change in the "
    "runtime version, you may be able to mitigate this error by temporarily rolling back to the "
    "previous runtime version. For more information, see "
    "https://docs.aws.amazon.com/lambda/latest/dg/runtimes-update.html"
)

TEXT_LOG_FORMAT = "[%(levelname)s]\t%(asctime)s.%(msecs)03dZ\t%(aws_request_id)s\t%(message)s"
LOG_DATE_FORMAT = "%Y-%m-%dT%H:%M:%S"
NO_BREAK_SPACE = "\u00a0"

# The invoke in progress (the last one, between invokes), as log records show it.
_current_request_id = None
_current_tenant_id = None


# ---- errors ---------------------------------------------------------------------------------------


class FaultException(Exception):
    """An error the runtime reports with a Runtime.* type rather than the exception's class name."""

    MARSHAL_ERROR = "Runtime.MarshalError"
    UNMARSHAL_ERROR = "Runtime.UnmarshalError"
    USER_CODE_SYNTAX_ERROR = "Runtime.UserCodeSyntaxError"
    HANDLER_NOT_FOUND = "Runtime.HandlerNotFound"
    IMPORT_MODULE_ERROR = "Runtime.ImportModuleError"
    BUILT_IN_MODULE_CONFLICT = "Runtime.BuiltInModuleConflict"
    MALFORMED_HANDLER_NAME = "Runtime.MalformedHandlerName"
    LAMBDA_CONTEXT_UNMARSHAL_ERROR = "Runtime.LambdaContextUnmarshalError"

    def __init__(self, exception_type, msg, trace=None):
        super().__init__(msg)
        self.exception_type = exception_type
        self.msg = msg
        self.trace = trace


def error_result(message, error_type, stack_trace, request_id=None):
    """The body posted to /error and /init/error."""
    return {
        "errorMessage": message or "",
        "errorType": error_type or "",
        "requestId": request_id if request_id is not None else "",
        "stackTrace": stack_trace or [],
    }


def user_frames(tb):
    """Traceback entries from the first frame that is not this file (the user's code and below)."""
    frames = traceback.extract_tb(tb)
    for index, frame in enumerate(frames):
        if "/bootstrap.py" not in frame.filename:
            return frames[index:]
    return frames


def exception_result(exc_info, request_id=None):
    """The error body for an exception raised by user code."""
    if isinstance(exc_info[1], FaultException):
        fault = exc_info[1]
        return error_result(fault.msg, fault.exception_type, fault.trace, request_id)
    error_type, value, tb = exc_info
    return error_result(str(value), error_type.__name__, traceback.format_list(user_frames(tb)), request_id)


# ---- logging --------------------------------------------------------------------------------------


def write_log(text):
    """Writes one log record to stdout. Newlines inside it become \\r so it stays one line (one event)."""
    if "\n" in text:
        text = text.replace("\n", "\r")
    sys.stdout.write(text + "\n")


class RequestIdFilter(logging.Filter):
    def filter(self, record):
        record.aws_request_id = _current_request_id or ""
        record.tenant_id = _current_tenant_id
        return True


class LambdaLogHandler(logging.Handler):
    def emit(self, record):
        try:
            write_log(self.format(record))
        except Exception:
            self.handleError(record)


class JsonLogFormatter(logging.Formatter):
    """AWS_LAMBDA_LOG_FORMAT=JSON: one JSON object per record."""

    RESERVED = {
        "name", "msg", "args", "levelname", "levelno", "pathname", "filename", "module", "exc_info",
        "exc_text", "stack_info", "lineno", "funcName", "created", "msecs", "relativeCreated",
        "thread", "threadName", "processName", "process", "aws_request_id", "tenant_id", "taskName",
    }

    def format(self, record):
        record.levelno = min(50, max(0, record.levelno)) // 10 * 10
        record.levelname = logging.getLevelName(record.levelno)
        exc_info = record.exc_info
        timestamp = time.strftime(LOG_DATE_FORMAT, time.gmtime(record.created))
        result = {
            "timestamp": "%s.%03dZ" % (timestamp, int(record.msecs)),
            "level": record.levelname,
            "message": record.getMessage(),
            "logger": record.name,
            "stackTrace": traceback.format_tb(exc_info[2]) if exc_info else None,
            "errorType": exc_info[0].__name__ if exc_info else None,
            "errorMessage": str(exc_info[1]) if exc_info else None,
            "requestId": getattr(record, "aws_request_id", None),
            "location": "%s:%s:%s" % (record.pathname, record.funcName, record.lineno) if exc_info else None,
        }
        if getattr(record, "tenant_id", None) is not None:
            result["tenantId"] = record.tenant_id
        for key, value in record.__dict__.items():
            if key not in self.RESERVED and key not in result:
                result[key] = value
        return json.dumps({k: v for k, v in result.items() if v is not None}, ensure_ascii=False)


def json_logs():
    return (os.environ.get("AWS_LAMBDA_LOG_FORMAT") or "").upper() == "JSON"


def configure_logging():
    """The root logger as AWS configures it: one handler, Lambda's format, level only if configured."""
    logging.Formatter.converter = time.gmtime
    handler = LambdaLogHandler()
    if json_logs():
        handler.setFormatter(JsonLogFormatter())
    else:
        handler.setFormatter(logging.Formatter(TEXT_LOG_FORMAT, LOG_DATE_FORMAT))
    handler.addFilter(RequestIdFilter())
    root = logging.getLogger()
    level = (os.environ.get("AWS_LAMBDA_LOG_LEVEL") or "").upper()
    level = "DEBUG" if level == "TRACE" else level
    if level in logging._nameToLevel:
        root.setLevel(level)
    root.addHandler(handler)


def log_error(result):
    """Logs an error the runtime reports: `[ERROR] Type: message` and the traceback, as one record."""
    if json_logs():
        record = {"timestamp": time.strftime(LOG_DATE_FORMAT, time.gmtime()), "level": "ERROR"}
        record.update(result)
        write_log(to_json(record))
        return
    description = "[ERROR]"
    if result.get("errorType"):
        description += " " + result["errorType"]
    if result.get("errorMessage"):
        if result.get("errorType"):
            description += ":"
        description += " " + result["errorMessage"]
    lines = [description]
    stack_trace = result.get("stackTrace")
    if stack_trace is not None:
        lines.append("Traceback (most recent call last):")
        for element in stack_trace:
            for line in element.splitlines() or [""]:
                stripped = line.lstrip(" ")
                lines.append(NO_BREAK_SPACE * (len(line) - len(stripped)) + stripped)
    write_log("\r".join(lines))


def flush_output():
    """Everything the handler printed reaches the engine before the invoke is answered."""
    for stream in (sys.stdout, sys.stderr, sys.__stdout__, sys.__stderr__):
        try:
            stream.flush()
        except Exception:
            pass


def line_buffered(stream):
    try:
        stream.reconfigure(line_buffering=True)
    except Exception:
        pass


# ---- JSON -----------------------------------------------------------------------------------------

# Decimals are written as their exact text (as simplejson's RawJSON does); the standard library's
# encoder cannot, so they go through a placeholder string that is replaced afterwards.
_DECIMAL_MARK = "\x00decimal\x00"
_DECIMAL_MARK_ENCODED = json.dumps(_DECIMAL_MARK)[1:-1]


class LambdaJsonEncoder(json.JSONEncoder):
    def __init__(self):
        super().__init__(ensure_ascii=os.environ.get("AWS_EXECUTION_ENV") != "AWS_Lambda_python3.12")
        self.saw_decimal = False

    def default(self, obj):
        if isinstance(obj, decimal.Decimal):
            if obj.is_nan():
                return math.nan
            self.saw_decimal = True
            return _DECIMAL_MARK + str(obj) + _DECIMAL_MARK
        return super().default(obj)

    def encode(self, obj):
        self.saw_decimal = False
        text = super().encode(obj)
        if self.saw_decimal:
            text = text.replace('"' + _DECIMAL_MARK_ENCODED, "").replace(_DECIMAL_MARK_ENCODED + '"', "")
        return text


_encoder = LambdaJsonEncoder()


def to_json(obj):
    return _encoder.encode(obj)


def unmarshal_event(body, content_type):
    if content_type not in (None, "", "application/json"):
        return body
    try:
        return json.loads(body)
    except Exception as e:
        raise FaultException(FaultException.UNMARSHAL_ERROR, "Unable to unmarshal input: {}".format(str(e)))


def marshal_result(result):
    """(body bytes, content type) for a handler's return value."""
    if isinstance(result, bytes):
        return result, "application/unknown"
    try:
        return to_json(result).encode("utf-8"), "application/json"
    except Exception as e:
        raise FaultException(FaultException.MARSHAL_ERROR, "Unable to marshal response: {}".format(str(e)))


# ---- the context object ---------------------------------------------------------------------------


class CognitoIdentity(object):
    __slots__ = ["cognito_identity_id", "cognito_identity_pool_id"]

    def __repr__(self):
        return "CognitoIdentity([cognito_identity_id={},cognito_identity_pool_id={}])".format(
            self.cognito_identity_id, self.cognito_identity_pool_id
        )


class Client(object):
    __slots__ = ["installation_id", "app_title", "app_version_name", "app_version_code", "app_package_name"]

    def __repr__(self):
        return "Client([{}])".format(",".join("{}={}".format(s, getattr(self, s)) for s in self.__slots__))


class ClientContext(object):
    __slots__ = ["custom", "env", "client"]

    def __repr__(self):
        return "ClientContext([custom={},env={},client={}])".format(self.custom, self.env, self.client)


def object_from_dict(cls, values):
    if values is None:
        return None
    obj = cls()
    for field in cls.__slots__:
        setattr(obj, field, values.get(field))
    return obj


W3C_FIELDS = ("traceparent", "tracestate", "baggage")


class LambdaContext(object):
    """The handler's `context`, with the attributes and methods of awslambdaric's LambdaContext."""

    def __init__(self, request_id, client_context, cognito_identity, deadline_ms, invoked_function_arn=None, tenant_id=None):
        self.aws_request_id = request_id
        self.log_group_name = os.environ.get("AWS_LAMBDA_LOG_GROUP_NAME")
        self.log_stream_name = os.environ.get("AWS_LAMBDA_LOG_STREAM_NAME")
        self.function_name = os.environ.get("AWS_LAMBDA_FUNCTION_NAME")
        self.memory_limit_in_mb = os.environ.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE")
        self.function_version = os.environ.get("AWS_LAMBDA_FUNCTION_VERSION")
        self.invoked_function_arn = invoked_function_arn
        self.tenant_id = tenant_id
        self._w3c = {}
        if isinstance(client_context, dict) and "w3c" in client_context:
            raw = client_context.pop("w3c")
            if isinstance(raw, dict):
                self._w3c = {key: raw[key] for key in W3C_FIELDS if isinstance(raw.get(key), str)}
        self.client_context = object_from_dict(ClientContext, client_context)
        if self.client_context is not None:
            self.client_context.client = object_from_dict(Client, self.client_context.client)
        self.identity = object_from_dict(CognitoIdentity, {})
        if cognito_identity is not None:
            self.identity.cognito_identity_id = cognito_identity.get("cognitoIdentityId")
            self.identity.cognito_identity_pool_id = cognito_identity.get("cognitoIdentityPoolId")
        self._epoch_deadline_time_in_ms = deadline_ms

    def get_remaining_time_in_millis(self):
        remaining = self._epoch_deadline_time_in_ms - int(time.time() * 1000)
        return remaining if remaining > 0 else 0

    def w3c(self):
        return dict(self._w3c)

    def log(self, msg):
        sys.stdout.write(str(msg))

    def __repr__(self):
        return (
            "LambdaContext([aws_request_id={},log_group_name={},log_stream_name={},function_name={},"
            "memory_limit_in_mb={},function_version={},invoked_function_arn={},client_context={},"
            "identity={},tenant_id={}])"
        ).format(
            self.aws_request_id, self.log_group_name, self.log_stream_name, self.function_name,
            self.memory_limit_in_mb, self.function_version, self.invoked_function_arn,
            self.client_context, self.identity, self.tenant_id,
        )


def parse_json_header(value, name):
    if not value:
        return None
    try:
        return json.loads(value)
    except Exception as e:
        raise FaultException(
            FaultException.LAMBDA_CONTEXT_UNMARSHAL_ERROR, "Unable to parse {} JSON: {}".format(name, str(e))
        )


# ---- the Runtime API ------------------------------------------------------------------------------


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


def fail_fast(reason):
    """The Runtime API is unusable: exit, as Lambda expects of a runtime."""
    flush_output()
    sys.stderr.write("Lambda runtime: {}, exiting\n".format(reason))
    sys.stderr.flush()
    os._exit(1)


# ---- loading the handler --------------------------------------------------------------------------


def load_handler(handler):
    """Imports `module.function` (split at the last dot, `/` in the module path becomes `.`)."""
    try:
        module_name, function_name = handler.rsplit(".", 1)
    except ValueError as e:
        raise FaultException(FaultException.MALFORMED_HANDLER_NAME, "Bad handler '{}': {}".format(handler, str(e)))

    try:
        if module_name.split(".")[0] in sys.builtin_module_names:
            raise FaultException(
                FaultException.BUILT_IN_MODULE_CONFLICT,
                "Cannot use built-in module {} as a handler module".format(module_name),
            )
        module = importlib.import_module(module_name.replace("/", "."))
    except ImportError as e:
        raise FaultException(
            FaultException.IMPORT_MODULE_ERROR, "Unable to import module '{}': {}{}".format(module_name, str(e), sdk_hint(e))
        )
    except SyntaxError as e:
        trace = ['  File "%s" Line %s\n    %s' % (e.filename, e.lineno, e.text)]
        raise FaultException(
            FaultException.USER_CODE_SYNTAX_ERROR,
            "Syntax error in module '{}': {}".format(module_name, str(e)),
            trace,
        )

    try:
        return getattr(module, function_name)
    except AttributeError:
        raise FaultException(
            FaultException.HANDLER_NOT_FOUND, "Handler '{}' missing on module '{}'".format(function_name, module_name)
        )


# ---- the invoke loop ------------------------------------------------------------------------------


def handle_invoke(api, handler, headers, body):
    request_id = headers.get("lambda-runtime-aws-request-id")
    try:
        context = LambdaContext(
            request_id,
            parse_json_header(headers.get("lambda-runtime-client-context"), "Client Context"),
            parse_json_header(headers.get("lambda-runtime-cognito-identity"), "Cognito Identity"),
            int(headers.get("lambda-runtime-deadline-ms") or 0),
            headers.get("lambda-runtime-invoked-function-arn"),
            headers.get("lambda-runtime-aws-tenant-id"),
        )
        event = unmarshal_event(body, headers.get("content-type"))
        result, content_type = marshal_result(handler(event, context))
    except Exception:
        error = exception_result(sys.exc_info(), request_id)
        log_error(error)
        flush_output()
        status = api.post_error(request_id, error)
    else:
        flush_output()
        status = api.post_response(request_id, result, content_type)
    if status >= 500:
        fail_fast("posting the result for {} was answered {}".format(request_id, status))
    # Any other status (e.g. 413 for an oversized response) ends this invoke: wait for the next.


def sdk_hint(error):
    """boto3 is what Lambda's Python runtimes provide: a function missing it here needs the per-machine copy."""
    if getattr(error, "name", None) in ("boto3", "botocore", "s3transfer"):
        return (". boto3 is part of Lambda's Python runtimes; Lambda DevTools keeps a copy per machine:"
                " run `devtools sdk install --python` (pip needs its package index once, or install Debian's python3-boto3)")
    return ""


def prepare_process():
    """Streams, import path and logging as they are in Lambda's Python runtime."""
    line_buffered(sys.stdout)
    line_buffered(sys.stderr)
    task_root = os.environ.get("LAMBDA_TASK_ROOT") or os.getcwd()
    runtime_dir = os.path.dirname(os.path.abspath(__file__))
    sys.path[:] = [p for p in sys.path if os.path.abspath(p or ".") != runtime_dir]
    # Lambda's order: the function's code (its installed dependencies sit beside it), ..., the runtime's boto3 last.
    built = search_paths("_DEVTOOLS_PYTHON_TASK_PATHS")
    sys.path[0:0] = [task_root] + built
    sys.path.extend(search_paths("_DEVTOOLS_PYTHON_RUNTIME_PATHS"))
    configure_logging()


def search_paths(variable):
    """Folders the engine adds to the import path; the variable is removed so the function never sees it."""
    return [p for p in os.environ.pop(variable, "").split(os.pathsep) if p]


def main():
    global _current_request_id, _current_tenant_id
    prepare_process()
    api = RuntimeApi(os.environ["AWS_LAMBDA_RUNTIME_API"])

    try:
        handler = load_handler(os.environ.get("_HANDLER") or "")
    except Exception:
        error = exception_result(sys.exc_info())
        logging.warning(UNHANDLED_EXCEPTION_WARNING)
        log_error(error)
        flush_output()
        try:
            api.post_init_error(error)
        except Exception as e:
            sys.stderr.write("Lambda runtime: posting the init error failed: {}\n".format(e))
        flush_output()
        sys.exit(INIT_FAILURE_EXIT_CODE)

    while True:
        try:
            headers, body = api.next()
        except Exception as e:
            fail_fast("invocation/next failed: {}".format(e))
        _current_request_id = headers.get("lambda-runtime-aws-request-id")
        _current_tenant_id = headers.get("lambda-runtime-aws-tenant-id")
        trace_id = headers.get("lambda-runtime-trace-id")
        if trace_id is not None:
            os.environ["_X_AMZN_TRACE_ID"] = trace_id
        elif "_X_AMZN_TRACE_ID" in os.environ:
            del os.environ["_X_AMZN_TRACE_ID"]
        try:
            handle_invoke(api, handler, headers, body)
        except (OSError, EOFError, ValueError) as e:
            fail_fast("the Runtime API connection failed: {}".format(e))


if __name__ == "__main__":
    main()
