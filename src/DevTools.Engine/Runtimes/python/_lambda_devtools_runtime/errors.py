"""The errors the runtime reports, and the body it posts for them to /error and /init/error."""

import os
import traceback

# Frames in this folder are the runtime's, not the function's.
_RUNTIME_FOLDER = os.path.dirname(os.path.abspath(__file__)) + os.sep


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
    """Traceback entries from the first frame that is not the runtime's (the user's code and below)."""
    frames = traceback.extract_tb(tb)
    for index, frame in enumerate(frames):
        if not frame.filename.startswith(_RUNTIME_FOLDER):
            return frames[index:]
    return frames


def exception_result(exc_info, request_id=None):
    """The error body for an exception raised by user code."""
    if isinstance(exc_info[1], FaultException):
        fault = exc_info[1]
        return error_result(fault.msg, fault.exception_type, fault.trace, request_id)
    error_type, value, tb = exc_info
    return error_result(str(value), error_type.__name__, traceback.format_list(user_frames(tb)), request_id)
