# frozen_string_literal: true

# Test handlers for the bundled Ruby runtime client.
require 'stringio'

$init_count = ($init_count || 0) + 1
$invocations = 0

def echo(event:, context:)
  $invocations += 1
  { event: event, initCount: $init_count, invocations: $invocations }
end

def context_fields(event:, context:)
  {
    awsRequestId: context.aws_request_id,
    functionName: context.function_name,
    functionVersion: context.function_version,
    memoryLimitInMB: context.memory_limit_in_mb,
    invokedFunctionArn: context.invoked_function_arn,
    logGroupName: context.log_group_name,
    logStreamName: context.log_stream_name,
    remaining: context.get_remaining_time_in_millis,
    deadlineMs: context.deadline_ms,
    traceId: ENV['_X_AMZN_TRACE_ID'],
    globalRequestId: $_global_aws_request_id,
    identity: context.identity,
    clientContext: context.client_context
  }
end

def fails(event:, context:)
  raise 'something broke'
end

def bad_argument(event:, context:)
  raise ArgumentError, 'not that'
end

def not_standard(event:, context:)
  raise Exception, 'beyond StandardError'
end

def logs(event:, context:)
  puts 'hello from ruby'
  'logged'
end

def raw(event:, context:)
  StringIO.new("raw:#{event}")
end

def sleep_for(event:, context:)
  sleep(event['seconds'])
  'slept'
end

# Reads what the previous invoke wrote in the environment's /tmp, then writes its own.
def tmp(event:, context:)
  file = File.join(Dir.tmpdir, 'ruby-test.txt')
  before = File.exist?(file) ? File.read(file) : nil
  File.write(file, event['write'])
  { tmpdir: Dir.tmpdir, before: before }
end

def gems(event:, context:)
  require 'tiny'
  { tiny: Tiny.hello, gemPath: ENV['GEM_PATH'] }
end

def from_layer(event:, context:)
  require 'layered_greeting'
  LayeredGreeting.greet(event)
end

module Example
  # FILE.Module::Class.method: a class-level method.
  class Greeter
    def self.greet(event:, context:)
      "hello #{event['name']} from #{name}"
    end
  end
end

require 'tmpdir'
