# frozen_string_literal: true

require 'json'

module LambdaDevTools
  # The handler's `context:`, with the readers and method of AWS's LambdaContext, from the headers of GET /next.
  class LambdaContext
    attr_reader :aws_request_id, :invoked_function_arn, :log_group_name, :log_stream_name, :function_name,
                :memory_limit_in_mb, :function_version, :identity, :tenant_id, :client_context, :deadline_ms

    def initialize(headers)
      @clock_diff = Process.clock_gettime(Process::CLOCK_REALTIME, :millisecond) - Process.clock_gettime(Process::CLOCK_MONOTONIC, :millisecond)
      @deadline_ms = headers['lambda-runtime-deadline-ms'].to_i
      @aws_request_id = headers['lambda-runtime-aws-request-id']
      @invoked_function_arn = headers['lambda-runtime-invoked-function-arn']
      @log_group_name = ENV['AWS_LAMBDA_LOG_GROUP_NAME']
      @log_stream_name = ENV['AWS_LAMBDA_LOG_STREAM_NAME']
      @function_name = ENV['AWS_LAMBDA_FUNCTION_NAME']
      @memory_limit_in_mb = ENV['AWS_LAMBDA_FUNCTION_MEMORY_SIZE'] # a string, as AWS's
      @function_version = ENV['AWS_LAMBDA_FUNCTION_VERSION']
      @tenant_id = headers['lambda-runtime-aws-tenant-id']
      @identity = JSON.parse(headers['lambda-runtime-cognito-identity']) if headers['lambda-runtime-cognito-identity']
      @client_context = JSON.parse(headers['lambda-runtime-client-context']) if headers['lambda-runtime-client-context']
    end

    def get_remaining_time_in_millis
      now = Process.clock_gettime(Process::CLOCK_MONOTONIC, :millisecond) + @clock_diff
      remaining = @deadline_ms - now
      remaining.positive? ? remaining : 0
    end
  end
end
