# frozen_string_literal: true

# Anonymous rest arguments passed on (Ruby 3.2+): a syntax error for an older Ruby.
def wrap(*) = Array(*)

def handler(event:, context:)
  wrap(event['value'])
end
