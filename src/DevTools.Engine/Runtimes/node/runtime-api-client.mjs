// The Lambda Runtime API over one persistent HTTP/1.1 connection (a raw socket: no per-request agent
// bookkeeping, and full control over whether the connection keeps the event loop alive).
//
// - Requests go out one at a time, in the order they were asked for.
// - No timeouts: GET /next may legitimately wait for minutes (the process may be frozen meanwhile).
// - The socket is ref'd only while a request is in flight, so an idle connection never keeps the
//   event loop alive (callbackWaitsForEmptyEventLoop relies on the loop draining).
// - A request that fails because the server closed the idle connection is retried once on a new one.
import net from 'node:net';

const PREFIX = '/2018-06-01/runtime';
const HEAD_END = Buffer.from('\r\n\r\n');
const CRLF = Buffer.from('\r\n');

/** Parses one HTTP/1.1 response from the bytes fed to it. */
class ResponseReader {
  constructor() {
    this.pending = null; // bytes not yet consumed
    this.status = 0;
    this.headers = null;
    this.keepAlive = true;
    this.mode = 'head'; // head | length | chunk-size | chunk-data | chunk-end | trailers | close | done
    this.remaining = 0;
    this.parts = [];
    this.received = 0;
  }

  get done() {
    return this.mode === 'done';
  }

  get body() {
    return this.parts.length === 1 ? this.parts[0] : Buffer.concat(this.parts);
  }

  /** Feeds bytes; returns true once the whole response has been read. */
  feed(chunk) {
    this.received += chunk.length;
    this.pending = this.pending ? Buffer.concat([this.pending, chunk]) : chunk;
    for (;;) {
      const progressed = this.step();
      if (this.mode === 'done') return true;
      if (!progressed) return false;
    }
  }

  /** The connection closed: a body delimited by the close is now complete. */
  closed() {
    if (this.mode !== 'close') return false;
    this.mode = 'done';
    return true;
  }

  take(count) {
    const bytes = this.pending.subarray(0, count);
    this.pending = count === this.pending.length ? null : this.pending.subarray(count);
    return bytes;
  }

  readLine() {
    const end = this.pending ? this.pending.indexOf(CRLF) : -1;
    if (end < 0) return null;
    return this.take(end + 2).toString('latin1', 0, end);
  }

  step() {
    if (this.mode === 'head') return this.readHead();
    if (!this.pending) return false;
    switch (this.mode) {
      case 'length': {
        const bytes = this.take(Math.min(this.remaining, this.pending.length));
        this.parts.push(bytes);
        this.remaining -= bytes.length;
        if (this.remaining === 0) this.mode = 'done';
        return true;
      }
      case 'close':
        this.parts.push(this.take(this.pending.length));
        return false;
      case 'chunk-size': {
        const line = this.readLine();
        if (line === null) return false;
        const size = parseInt(line.split(';', 1)[0].trim(), 16);
        if (!Number.isFinite(size) || size < 0) throw new Error(`Runtime API: bad chunk size '${line}'`);
        if (size === 0) this.mode = 'trailers';
        else {
          this.mode = 'chunk-data';
          this.remaining = size;
        }
        return true;
      }
      case 'chunk-data': {
        const bytes = this.take(Math.min(this.remaining, this.pending.length));
        this.parts.push(bytes);
        this.remaining -= bytes.length;
        if (this.remaining === 0) this.mode = 'chunk-end';
        return true;
      }
      case 'chunk-end': {
        if (this.pending.length < 2) return false;
        this.take(2); // the CRLF after the chunk's data
        this.mode = 'chunk-size';
        return true;
      }
      case 'trailers': {
        const line = this.readLine();
        if (line === null) return false;
        if (line === '') this.mode = 'done';
        return true;
      }
      default:
        return false;
    }
  }

  readHead() {
    if (!this.pending) return false;
    const end = this.pending.indexOf(HEAD_END);
    if (end < 0) return false;
    const lines = this.take(end + 4).toString('latin1', 0, end).split('\r\n');
    const statusLine = lines[0];
    this.status = parseInt(statusLine.slice(9, 12), 10);
    const headers = {};
    for (let i = 1; i < lines.length; i++) {
      const colon = lines[i].indexOf(':');
      if (colon <= 0) continue;
      headers[lines[i].slice(0, colon).trim().toLowerCase()] = lines[i].slice(colon + 1).trim();
    }
    if (this.status >= 100 && this.status < 200) return true; // interim response: read the next head

    this.headers = headers;
    const connection = (headers.connection || '').toLowerCase();
    this.keepAlive = statusLine.startsWith('HTTP/1.0') ? connection === 'keep-alive' : connection !== 'close';

    if (this.status === 204 || this.status === 304) this.mode = 'done';
    else if ((headers['transfer-encoding'] || '').toLowerCase().includes('chunked')) this.mode = 'chunk-size';
    else if (headers['content-length'] !== undefined) {
      this.remaining = parseInt(headers['content-length'], 10) || 0;
      this.mode = this.remaining === 0 ? 'done' : 'length';
    } else {
      this.mode = 'close';
      this.keepAlive = false;
    }
    return true;
  }
}

export class RuntimeApiClient {
  #host;
  #port;
  #hostHeader;
  #socket = null;
  #exchange = null; // the request in flight
  #queue = Promise.resolve();

  /** @param {string} address host:port, as in AWS_LAMBDA_RUNTIME_API */
  constructor(address) {
    const match = /^\[?([^\]]*?)\]?:(\d+)$/.exec(address || '');
    if (!match) throw new Error(`AWS_LAMBDA_RUNTIME_API is not host:port: '${address}'`);
    this.#host = match[1];
    this.#port = Number(match[2]);
    this.#hostHeader = address;
  }

  /** Waits for the next event: { status, headers (lower-case names), body (Buffer) }. */
  async nextInvocation() {
    const head = `GET ${PREFIX}/invocation/next HTTP/1.1\r\nHost: ${this.#hostHeader}\r\n\r\n`;
    const response = await this.#enqueue(() => this.#send(head, null, true));
    if (response.status !== 200) {
      throw new RuntimeApiError('invocation/next', response);
    }
    return response;
  }

  /** Posts a handler result (already serialized). Resolves with the HTTP status. */
  postInvocationResponse(requestId, body, contentType = 'application/json') {
    return this.#post(`${PREFIX}/invocation/${encodeURIComponent(requestId)}/response`, body, contentType, '');
  }

  /** Posts a function error for the invocation. Resolves with the HTTP status. */
  postInvocationError(requestId, errorResponse) {
    return this.#postError(`${PREFIX}/invocation/${encodeURIComponent(requestId)}/error`, errorResponse);
  }

  /** Posts an init failure. Resolves with the HTTP status. */
  postInitError(errorResponse) {
    return this.#postError(`${PREFIX}/init/error`, errorResponse);
  }

  /**
   * Starts a streamed response (Transfer-Encoding: chunked, HTTP trailers for a mid-stream error).
   * Returns { write(buffer), end(errorResponse?) → Promise<status> }; nothing else may use the
   * connection until end() has been called.
   */
  openResponseStream(requestId, contentType) {
    const head =
      `POST ${PREFIX}/invocation/${encodeURIComponent(requestId)}/response HTTP/1.1\r\n` +
      `Host: ${this.#hostHeader}\r\n` +
      'Lambda-Runtime-Function-Response-Mode: streaming\r\n' +
      'Transfer-Encoding: chunked\r\n' +
      'Trailer: Lambda-Runtime-Function-Error-Type, Lambda-Runtime-Function-Error-Body\r\n' +
      `Content-Type: ${contentType}\r\n\r\n`;
    // The head goes out when the connection is ours; chunks are then written straight to the socket.
    let socket;
    let markReady;
    const ready = new Promise((resolve) => (markReady = resolve));
    const response = this.#enqueue(() => {
      socket = this.#connection();
      const answered = this.#start(socket, head, null, true); // close the connection afterwards
      markReady();
      return answered;
    });
    return {
      write: async (chunk) => {
        await ready;
        if (chunk.length === 0) return;
        socket.write(chunk.length.toString(16) + '\r\n');
        socket.write(chunk);
        socket.write('\r\n');
      },
      end: async (errorResponse) => {
        await ready;
        if (errorResponse) {
          const errorBody = Buffer.from(JSON.stringify(errorResponse)).toString('base64');
          socket.write(
            '0\r\n' +
              `Lambda-Runtime-Function-Error-Type: ${headerValue(errorResponse.errorType)}\r\n` +
              `Lambda-Runtime-Function-Error-Body: ${errorBody}\r\n\r\n`,
          );
        } else {
          socket.write('0\r\n\r\n');
        }
        const { status } = await response;
        return status;
      },
    };
  }

  #postError(path, errorResponse) {
    const body = JSON.stringify(errorResponse);
    const typeHeader = `Lambda-Runtime-Function-Error-Type: ${headerValue(errorResponse.errorType)}\r\n`;
    return this.#post(path, body, 'application/json', typeHeader);
  }

  async #post(path, body, contentType, extraHeaders) {
    const bytes = Buffer.byteLength(body);
    const head =
      `POST ${path} HTTP/1.1\r\nHost: ${this.#hostHeader}\r\n${extraHeaders}` +
      `Content-Type: ${contentType}\r\nContent-Length: ${bytes}\r\n\r\n`;
    const response = await this.#enqueue(() => this.#send(head, body, true));
    return response.status;
  }

  #enqueue(task) {
    const result = this.#queue.then(task);
    this.#queue = result.catch(() => {});
    return result;
  }

  async #send(head, body, retryIfStale) {
    const socket = this.#connection();
    const reused = socket.usedBefore === true;
    try {
      return await this.#start(socket, head, body);
    } catch (error) {
      if (retryIfStale && reused && error.beforeAnyResponse) return this.#send(head, body, false);
      throw error;
    }
  }

  /** Sends a request (or, with body null, just its head) and resolves with the response. */
  #start(socket, head, body, closeAfter = false) {
    return new Promise((resolve, reject) => {
      this.#exchange = { reader: new ResponseReader(), resolve, reject, socket, closeAfter };
      socket.ref();
      socket.usedBefore = true;
      if (!body) socket.write(head);
      else if (typeof body === 'string' && body.length < 65536) socket.write(head + body);
      else {
        socket.cork();
        socket.write(head);
        socket.write(body);
        socket.uncork();
      }
    });
  }

  #connection() {
    if (this.#socket && !this.#socket.destroyed) return this.#socket;
    const socket = net.connect({ host: this.#host, port: this.#port });
    socket.setNoDelay(true);
    socket.on('data', (chunk) => this.#onData(socket, chunk));
    socket.on('error', (error) => {
      socket.lastError = error;
    });
    socket.on('close', () => this.#onClose(socket));
    this.#socket = socket;
    return socket;
  }

  #onData(socket, chunk) {
    const exchange = this.#exchange;
    if (!exchange || exchange.socket !== socket) return; // stray bytes: ignore
    let complete;
    try {
      complete = exchange.reader.feed(chunk);
    } catch (error) {
      this.#exchange = null;
      socket.destroy();
      exchange.reject(error);
      return;
    }
    if (complete) this.#complete(exchange);
  }

  #complete(exchange) {
    this.#exchange = null;
    const { reader, socket } = exchange;
    if (!reader.keepAlive || exchange.closeAfter) socket.destroy();
    else socket.unref();
    exchange.resolve({ status: reader.status, headers: reader.headers, body: reader.body });
  }

  #onClose(socket) {
    if (this.#socket === socket) this.#socket = null;
    const exchange = this.#exchange;
    if (!exchange || exchange.socket !== socket) return;
    if (exchange.reader.closed()) {
      this.#complete(exchange);
      return;
    }
    this.#exchange = null;
    const reason = socket.lastError ? `: ${socket.lastError.message}` : '';
    const error = new Error(`Runtime API connection to ${this.#hostHeader} closed${reason}`);
    error.beforeAnyResponse = exchange.reader.received === 0;
    exchange.reject(error);
  }
}

/** A non-success answer from the Runtime API. */
export class RuntimeApiError extends Error {
  constructor(endpoint, response) {
    super(
      `Runtime API ${endpoint} answered ${response.status}: ${response.body?.toString('utf8').slice(0, 500) ?? ''}`,
    );
    this.status = response.status;
  }
}

/** Header values cannot carry CR/LF. */
function headerValue(value) {
  return String(value).replace(/[\r\n]/g, ' ');
}
