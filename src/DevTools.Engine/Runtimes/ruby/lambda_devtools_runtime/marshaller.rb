# frozen_string_literal: true

require 'json'
require 'stringio'

module LambdaDevTools
  # Events in, results out, as AWS's Ruby runtime does: JSON.parse when the event is JSON, to_json for the result
  # (an IO or StringIO result is sent as it is, application/unknown).
  module Marshaller
    module_function

    def event(body, content_type)
      content_type == 'application/json' ? JSON.parse(body) : body
    end

    # [bytes, content type]
    def response(result)
      case result
      when StringIO, IO then [result.read.b, 'application/unknown']
      else [result.to_json.b, 'application/json']
      end
    end
  end
end
