"""Resolves $_HANDLER (`module.function`) to the function, as Lambda's Python runtime does."""

import importlib
import sys

from .errors import FaultException


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


def sdk_hint(error):
    """boto3 is what Lambda's Python runtimes provide: a function missing it here needs the per-machine copy."""
    if getattr(error, "name", None) in ("boto3", "botocore", "s3transfer"):
        return (". boto3 is part of Lambda's Python runtimes; Lambda DevTools keeps a copy per machine:"
                " run `devtools sdk install --python` (pip needs its package index once, or install Debian's python3-boto3)")
    return ""
