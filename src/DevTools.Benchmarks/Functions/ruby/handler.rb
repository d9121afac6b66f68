# frozen_string_literal: true

def handler(event:, context:)
  { ok: true }
end
