# frozen_string_literal: true

require_relative 'runtime_api_client'
require_relative 'handler'
require_relative 'context'
require_relative 'marshaller'
require_relative 'errors'

module LambdaDevTools
  # Init (the load path and gems as Lambda's Ruby runtime sets them, the handler's file), then the invoke loop.
  module Runtime
    INIT_FAILURE_EXIT_CODE = -4 # AWS's
    CRITICAL_EXIT_CODE = -1
    LAYERS_VARIABLE = '_DEVTOOLS_OPT'

    module_function

    def main
      $stdout.sync = true
      $stderr.sync = true
      api = RuntimeApiClient.new(ENV['AWS_LAMBDA_RUNTIME_API'])
      task_root = ENV['LAMBDA_TASK_ROOT'] || Dir.pwd
      prepare_paths(task_root, ENV.delete(LAYERS_VARIABLE))
      handler_name = ENV['_HANDLER']
      begin
        handler = Handler.new(handler_name)
        handler.load
      rescue Exception => e # rubocop:disable Lint/RescueException (LoadError, SyntaxError: anything the file raises)
        report = ErrorReport.new(e, 'Init', note: toolchain_note(e))
        report.log("Init error when loading handler #{handler_name}")
        begin
          api.post_init_error(report.header_type, report.to_json)
        rescue StandardError => post
          warn "Lambda runtime: posting the init error failed: #{post}"
        end
        exit(INIT_FAILURE_EXIT_CODE)
      end
      loop { invoke(api, handler) }
    end

    # Lambda's order: the code (/var/task), then the layers' ruby/lib; gems from the code's vendor/bundle and the
    # layers' ruby/gems, for the runtime's Ruby version, ahead of the machine's own.
    def prepare_paths(task_root, opt)
      $LOAD_PATH.unshift(task_root) unless $LOAD_PATH.include?(task_root)
      layer_lib = opt && File.join(opt, 'ruby', 'lib')
      $LOAD_PATH.insert(1, layer_lib) if layer_lib && File.directory?(layer_lib)
      abi = "#{runtime_version || RUBY_VERSION[/\A\d+\.\d+/]}.0"
      gems = [File.join(task_root, 'vendor', 'bundle', 'ruby', abi), opt && File.join(opt, 'ruby', 'gems', abi)]
             .compact.select { |dir| File.directory?(dir) }
      return if gems.empty? || ENV.key?('GEM_PATH') # Lambda sets GEM_PATH only when the function does not

      ENV['GEM_PATH'] = (gems + Gem.path).uniq.join(File::PATH_SEPARATOR)
      Gem.clear_paths
    end

    def invoke(api, handler)
      headers, body = api.next_invocation
      request_id = headers['lambda-runtime-aws-request-id']
      if headers['lambda-runtime-trace-id']
        ENV['_X_AMZN_TRACE_ID'] = headers['lambda-runtime-trace-id']
      else
        ENV.delete('_X_AMZN_TRACE_ID')
      end
      $_global_aws_request_id = request_id # rubocop:disable Style/GlobalVars (AWS's runtime sets it)
      critical = false
      begin
        context = LambdaContext.new(headers)
        event = Marshaller.event(body, headers['content-type'])
        response, content_type = Marshaller.response(handler.call(event, context))
        status = api.post_response(request_id, response, content_type)
      rescue Handler::Critical => e
        critical = true
        status = report_error(api, request_id, e.error)
      rescue StandardError => e
        status = report_error(api, request_id, e)
      end
      fail_fast("posting the result for #{request_id} was answered #{status}") if status >= 500
      # AWS's runtime stops after a NoMethodError, a NameError or an exception that is no StandardError.
      exit(CRITICAL_EXIT_CODE) if critical
    rescue IOError, SystemCallError => e
      fail_fast("the Runtime API connection failed: #{e}")
    end

    def report_error(api, request_id, error)
      report = ErrorReport.new(error, 'Function')
      report.log('Error raised from handler method')
      api.post_error(request_id, report.header_type, report.to_json)
    end

    # ruby3.3 -> "3.3"
    def runtime_version
      ENV.fetch('AWS_EXECUTION_ENV', '')[/ruby(\d+\.\d+)\z/, 1]
    end

    # The machine's Ruby may be older than the runtime's name: a file it cannot parse says which one ran it.
    def toolchain_note(error)
      wanted = runtime_version
      return nil unless error.is_a?(SyntaxError) && wanted && Gem::Version.new(wanted) > Gem::Version.new(RUBY_VERSION[/\A\d+\.\d+/])

      " (Lambda DevTools ran ruby#{wanted} on Ruby #{RUBY_VERSION}, the machine's: code written for a newer Ruby " \
        "may not load here; install Ruby #{wanted} or newer to run it)"
    end

    def fail_fast(reason)
      warn "Lambda runtime: #{reason}, exiting"
      exit!(1)
    end
  end
end
