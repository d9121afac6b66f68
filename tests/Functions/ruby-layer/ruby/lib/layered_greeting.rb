# frozen_string_literal: true

# A file from a layer's ruby/lib (Lambda's /opt/ruby/lib, on RUBYLIB).
module LayeredGreeting
  def self.greet(name)
    "hello #{name}, from a layer"
  end
end
