# frozen_string_literal: true

# Lambda DevTools' runtime client for the ruby3.2-ruby3.4 runtimes.
#
# Started by the engine as `ruby <runtime dir>/ruby/bootstrap.rb` in the function's code folder, it talks to the Lambda
# Runtime API at $AWS_LAMBDA_RUNTIME_API the way AWS's Ruby runtime (aws_lambda_ric) does: require the $_HANDLER file
# from $LAMBDA_TASK_ROOT, then GET /next, call the handler with event: and context:, POST the result or the error,
# forever. Standard library only (socket, json).
#
# The client's files are loaded with require_relative and live in module LambdaDevTools: this folder is never on the
# load path, so a function's own files and constants never meet ours.

require_relative 'lambda_devtools_runtime/runtime'

LambdaDevTools::Runtime.main
