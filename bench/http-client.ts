import http from 'node:http';

export interface HttpAnswer {
  status: number;
  text: string;
}

/** A minimal JSON client over keep-alive sockets (node:http only, no extra dependency). */
export class HttpClient {
  private readonly agent: http.Agent;
  private readonly base: URL;

  constructor(
    base: string,
    connections: number,
    private token?: string,
  ) {
    this.base = new URL(base);
    if (this.base.hostname !== '127.0.0.1' && this.base.hostname !== 'localhost')
      throw new Error(`the bench stays on loopback, not ${base}`);
    this.agent = new http.Agent({ keepAlive: true, maxSockets: connections, maxFreeSockets: connections });
  }

  signIn(token: string): void {
    this.token = token;
  }

  request(method: string, path: string, body?: unknown): Promise<HttpAnswer> {
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const headers: http.OutgoingHttpHeaders = { accept: 'application/json' };
    if (payload) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = payload.length;
    }
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    return new Promise<HttpAnswer>((resolve, reject) => {
      const req = http.request({ agent: this.agent, host: this.base.hostname, port: this.base.port, method, path, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(payload);
    });
  }

  /** Sends and insists on one status; answers the parsed JSON body. */
  async expect<T = unknown>(status: number, method: string, path: string, body?: unknown): Promise<T> {
    const answer = await this.request(method, path, body);
    if (answer.status !== status)
      throw new Error(`${method} ${path}: expected ${status}, got ${answer.status} ${answer.text.slice(0, 500)}`);
    return (answer.text ? JSON.parse(answer.text) : undefined) as T;
  }

  close(): void {
    this.agent.destroy();
  }
}
