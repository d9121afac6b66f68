# frozen_string_literal: true

# A gem vendored by `bundle install --deployment` (vendor/bundle/ruby/3.3.0), which Lambda puts on GEM_PATH.
module Tiny
  def self.hello
    'tiny gem 1.0'
  end
end
