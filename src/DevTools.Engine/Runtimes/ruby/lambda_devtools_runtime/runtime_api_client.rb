# frozen_string_literal: true

require 'socket'

module LambdaDevTools
  # The Lambda Runtime API over one persistent HTTP/1.1 connection (a plain socket: net/http's loading alone costs more
  # than a warm invoke). No timeouts: GET /next may wait for minutes, and the process may be frozen meanwhile.
  class RuntimeApiClient
    PREFIX = '/2018-06-01/runtime'
    ERROR_TYPE_HEADER = 'Lambda-Runtime-Function-Error-Type'
    ERROR_CONTENT_TYPE = 'application/json'

    # The connection ended before any byte of the response: the request can be sent again.
    class ResponseNotStarted < IOError; end

    Response = Struct.new(:status, :headers, :body)

    def initialize(address)
      host, _, port = address.to_s.rpartition(':')
      raise ArgumentError, "AWS_LAMBDA_RUNTIME_API is not host:port: #{address.inspect}" if host.empty? || port !~ /\A\d+\z/

      @address = address
      @host = host.delete('[]')
      @port = port.to_i
      @socket = nil
    end

    # [headers (lower-case names), body] of the next event.
    def next_invocation
      response = request('GET', '/invocation/next')
      raise IOError, "invocation/next answered #{response.status}: #{response.body[0, 500]}" unless response.status == 200

      [response.headers, response.body]
    end

    def post_response(request_id, body, content_type)
      request('POST', "/invocation/#{request_id}/response", body, content_type).status
    end

    def post_error(request_id, error_type, body)
      request('POST', "/invocation/#{request_id}/error", body, ERROR_CONTENT_TYPE, error_type).status
    end

    def post_init_error(error_type, body)
      request('POST', '/init/error', body, ERROR_CONTENT_TYPE, error_type).status
    end

    private

    def request(method, path, body = nil, content_type = nil, error_type = nil)
      head = +"#{method} #{PREFIX}#{path} HTTP/1.1\r\nHost: #{@address}\r\n"
      head << "#{ERROR_TYPE_HEADER}: #{error_type.to_s.tr("\r\n", '  ')}\r\n" if error_type
      head << "Content-Type: #{content_type}\r\nContent-Length: #{body.bytesize}\r\n" if body
      data = head << "\r\n"
      data = data.b << body.b if body
      reused = !@socket.nil?
      begin
        exchange(data)
      rescue ResponseNotStarted
        close
        raise unless reused

        exchange(data) # the server closed the idle connection: once more, on a new one
      rescue StandardError
        close
        raise
      end
    end

    def exchange(data)
      unless @socket
        @socket = TCPSocket.new(@host, @port)
        @socket.setsockopt(Socket::IPPROTO_TCP, Socket::TCP_NODELAY, 1)
      end
      begin
        @socket.write(data)
      rescue SystemCallError, IOError
        raise ResponseNotStarted, 'the Runtime API closed the connection'
      end
      read_response
    end

    def read_response
      status = nil
      headers = nil
      status_line = nil
      loop do
        status_line = @socket.gets("\r\n")
        raise ResponseNotStarted, 'the Runtime API closed the connection' if status_line.nil?

        status = status_line[9, 3].to_i
        headers = {}
        while (line = read_line) != ''
          name, value = line.split(':', 2)
          headers[name.strip.downcase] = value.to_s.strip if value
        end
        break unless status >= 100 && status < 200
      end
      connection = headers.fetch('connection', '').downcase
      keep_alive = status_line.start_with?('HTTP/1.0') ? connection == 'keep-alive' : connection != 'close'
      body =
        if [204, 304].include?(status) then +''
        elsif headers.fetch('transfer-encoding', '').downcase.include?('chunked') then read_chunked
        elsif headers.key?('content-length') then read_exactly(headers['content-length'].to_i)
        else
          keep_alive = false
          @socket.read
        end
      close unless keep_alive
      Response.new(status, headers, body.force_encoding(Encoding::UTF_8))
    end

    def read_chunked
      body = +''
      loop do
        size = read_line.split(';', 2).first.strip.to_i(16)
        if size.zero?
          nil until read_line.empty? # trailers
          return body
        end
        body << read_exactly(size)
        read_exactly(2)
      end
    end

    def read_line
      line = @socket.gets("\r\n")
      raise EOFError, 'the Runtime API closed the connection' if line.nil?

      line.chomp("\r\n")
    end

    def read_exactly(count)
      data = @socket.read(count) || +''
      raise EOFError, 'the Runtime API closed the connection' if data.bytesize < count

      data
    end

    def close
      @socket&.close
    rescue IOError, SystemCallError
      nil
    ensure
      @socket = nil
    end
  end
end
