# Imports a module its layer put in /opt/python, as a function on Lambda does.
import os
import shout


def handler(event, context):
    return {"shouted": shout.shout("layers"), "module": shout.__file__, "taskRoot": os.environ["LAMBDA_TASK_ROOT"]}
