"""Python: the Lambda execution model in one file.

Code outside the handler runs once per execution environment, during its cold start. After each
invoke the environment is frozen; the next invoke may thaw and reuse it, with everything below intact.
"""
import os
import tempfile
import threading
import time
from datetime import datetime, timezone

INITIALIZED_AT = datetime.now(timezone.utc).isoformat()
invocations = 0

# A background thread started at init. It only advances while the environment runs:
# compare ticks_since_previous_invoke with ms_since_previous_invoke after a pause between invokes.
ticks = 0
previous = None


def _count_ticks():
    global ticks
    while True:
        time.sleep(0.1)
        ticks += 1


threading.Thread(target=_count_ticks, daemon=True).start()

# /tmp belongs to this environment and survives between its invokes (TMPDIR points at it).
TMP_FILE = os.path.join(tempfile.gettempdir(), "python-sample.txt")


def handler(event, context):
    global invocations, previous
    invocations += 1
    now = time.time()
    tmp_file_before = None
    if os.path.exists(TMP_FILE):
        with open(TMP_FILE) as f:
            tmp_file_before = f.read()
    with open(TMP_FILE, "w") as f:
        f.write(f"written by invocation {invocations} ({context.aws_request_id})")

    result = {
        "greeting": os.environ.get("GREETING"),
        "request_id": context.aws_request_id,
        "remaining_time_ms": context.get_remaining_time_in_millis(),
        "initialized_at": INITIALIZED_AT,
        "invocations": invocations,
        "tmp_file_before": tmp_file_before,
        "ticks": ticks,
        "ticks_since_previous_invoke": previous and ticks - previous["ticks"],
        "ms_since_previous_invoke": previous and round((now - previous["at"]) * 1000),
        "event": event,
    }
    previous = {"ticks": ticks, "at": now}
    print(f"invocation {invocations}, {ticks} ticks so far")
    return result
