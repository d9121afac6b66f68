# frozen_string_literal: true

# Ruby: the Lambda execution model in one file.
# Code outside the handler runs once per execution environment, during its cold start. After each
# invoke the environment is frozen; the next invoke may thaw and reuse it, with everything below intact.
require 'time'
require 'tmpdir'

INITIALIZED_AT = Time.now.utc.iso8601(3)
$invocations = 0

# A background thread started at init. It only advances while the environment runs:
# compare ticks_since_previous_invoke with ms_since_previous_invoke after a pause between invokes.
$ticks = 0
Thread.new do
  loop do
    sleep 0.1
    $ticks += 1
  end
end
$previous = nil

# /tmp belongs to this environment and survives between its invokes (TMPDIR points at it).
TMP_FILE = File.join(Dir.tmpdir, 'ruby-sample.txt')

def handler(event:, context:)
  $invocations += 1
  now = Process.clock_gettime(Process::CLOCK_REALTIME, :millisecond)
  tmp_file_before = File.exist?(TMP_FILE) ? File.read(TMP_FILE) : nil
  File.write(TMP_FILE, "written by invocation #{$invocations} (#{context.aws_request_id})")

  result = {
    greeting: ENV['GREETING'],
    request_id: context.aws_request_id,
    remaining_time_ms: context.get_remaining_time_in_millis,
    initialized_at: INITIALIZED_AT,
    invocations: $invocations,
    tmp_file_before: tmp_file_before,
    ticks: $ticks,
    ticks_since_previous_invoke: $previous && $ticks - $previous[:ticks],
    ms_since_previous_invoke: $previous && now - $previous[:at],
    ruby_version: RUBY_VERSION,
    event: event
  }
  $previous = { ticks: $ticks, at: now }
  puts "invocation #{$invocations}, #{$ticks} ticks so far"
  result
end
