# frozen_string_literal: true

module LambdaDevTools
  # $_HANDLER as AWS's Ruby runtime reads it: FILE.METHOD (a top-level method) or FILE.CLASS.METHOD (a class-level
  # method; CLASS may be Module::Class). The file is required at init; the method is looked up at each call, so a
  # missing one shows at the first invoke.
  class Handler
    # The handler raised something the runtime stops after (NoMethodError, NameError, or no StandardError at all).
    class Critical < StandardError
      attr_reader :error

      def initialize(error)
        @error = error
        super(error.message)
      end
    end

    attr_reader :file_name

    def initialize(handler)
      parts = handler.to_s.split('.')
      case parts.size
      when 2 then @file_name, @method_name = parts
      when 3 then @file_name, @class_name, @method_name = parts
      else
        raise ArgumentError, "Invalid handler #{parts}, must be of form FILENAME.METHOD or FILENAME.CLASS.METHOD where " \
                             'FILENAME corresponds with an existing Ruby source file FILENAME.rb, CLASS is an optional ' \
                             'module/class namespace and METHOD is a callable method. If using CLASS, METHOD must be a class-level method.'
      end
    end

    def load
      require @file_name
    end

    def call(event, context)
      if @class_name
        Kernel.const_get(@class_name).send(@method_name, event: event, context: context)
      else
        TOP_LEVEL.__send__(@method_name, event: event, context: context)
      end
    rescue NameError => e # NoMethodError included: AWS's runtime stops after these
      raise Critical, e
    rescue StandardError
      raise
    rescue Exception => e # rubocop:disable Lint/RescueException
      raise Critical, e
    end

    # The object top-level methods are called on (they are private methods of every object).
    TOP_LEVEL = Object.new
  end
end
