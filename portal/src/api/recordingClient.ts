import { ApiClient } from './client';

/** For tests of the API modules: a response as the server would send it (JSON unless told otherwise). */
export function response(status: number, body: string, headers: Record<string, string> = {}) {
  return new Response(status === 204 ? null : body, { status, headers: { 'Content-Type': 'application/json', ...headers } });
}

/** A real ApiClient whose network is `reply`: every call is recorded (URL, method, headers, body) for the test to read. */
export function recordingClient(reply: (url: string, init: RequestInit) => Response) {
  const calls: { url: string; init: RequestInit }[] = [];
  const client = new ApiClient(async (url, init) => {
    calls.push({ url, init });
    return reply(url, init);
  });
  const header = (i: number, name: string) => (calls[i].init.headers as Record<string, string>)[name];
  const body = (i: number) => JSON.parse(String(calls[i].init.body));
  return { client, calls, header, body };
}
