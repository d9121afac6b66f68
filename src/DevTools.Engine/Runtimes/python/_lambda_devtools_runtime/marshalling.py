"""Events in, results out: JSON as AWS's Python runtime writes it (Decimals as their exact text)."""

import decimal
import json
import math
import os

from .errors import FaultException

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
