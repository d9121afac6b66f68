# frozen_string_literal: true

require 'json'

module LambdaDevTools
  # An error as AWS's Ruby runtime reports it: the body ({"errorMessage", "errorType" = "Function<Class>" for an
  # invoke, "Init<Class>" for the init, "stackTrace"}), the error-type header (the body's type for a few core classes,
  # else Function<UserException>), and its log lines.
  class ErrorReport
    # The classes whose name the header carries (AWS's list).
    HEADER_CLASSES = %w[ArgumentError NoMethodError Exception StandardError NameError LoadError SystemExit SystemStackError].freeze
    MAX_FRAMES = 100
    # Frames from here on are the runtime's, as AWS's cut at /var/runtime/lib.
    RUNTIME_FOLDER = File.expand_path('..', __dir__)

    attr_reader :body, :header_type

    # @param phase 'Function' (an invoke) or 'Init'
    def initialize(error, phase, note: nil)
      @error_type = "#{phase}<#{error.class}>"
      @header_type = HEADER_CLASSES.include?(error.class.name) ? @error_type : 'Function<UserException>'
      @body = {
        errorMessage: note ? "#{error.message}#{note}" : error.message,
        errorType: @error_type,
        stackTrace: stack_trace(error)
      }
    end

    def to_json(*_args)
      JSON.generate(@body)
    end

    # AWS's runtime writes a line saying where, then the error as indented JSON (one log event each).
    def log(message)
      $stderr.puts(message)
      $stderr.puts(JSON.pretty_generate(@body).gsub("\n", "\r"))
    end

    private

    # The function's frames: up to the runtime's own, without Ruby's require machinery that led from it.
    def stack_trace(error)
      frames = []
      (error.backtrace || []).first(MAX_FRAMES).each do |frame|
        break if frame.start_with?(RUNTIME_FOLDER)

        frames << frame
      end
      frames.pop while frames.last&.start_with?('<internal:')
      frames
    end
  end
end
