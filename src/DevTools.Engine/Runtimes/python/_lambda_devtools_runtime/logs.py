"""Logs as Lambda's Python runtime writes them: one record per line on stdout, in text or JSON
(AWS_LAMBDA_LOG_FORMAT), at AWS_LAMBDA_LOG_LEVEL, tagged with the invoke in progress."""

import json
import logging
import os
import sys
import time
import traceback

from .marshalling import to_json

TEXT_LOG_FORMAT = "[%(levelname)s]\t%(asctime)s.%(msecs)03dZ\t%(aws_request_id)s\t%(message)s"
LOG_DATE_FORMAT = "%Y-%m-%dT%H:%M:%S"
NO_BREAK_SPACE = "\u00a0"

# The invoke in progress (the last one, between invokes), as log records show it.
_current_request_id = None
_current_tenant_id = None


def set_current_invoke(request_id, tenant_id):
    global _current_request_id, _current_tenant_id
    _current_request_id = request_id
    _current_tenant_id = tenant_id


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
