# -*- encoding: utf-8 -*-
Gem::Specification.new do |s|
  s.name = "tiny"
  s.version = "1.0"
  s.summary = "A vendored test gem"
  s.authors = ["Lambda DevTools"]
  s.files = ["lib/tiny.rb"]
  s.require_paths = ["lib"]
end
