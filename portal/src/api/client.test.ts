import { describe, expect, it, vi } from 'vitest';
import { ApiClient, CSRF_HEADER, isUnsafe, requestInit, withQuery } from './client';
import { ApiError, errorFromResponse, parseHarborError } from './errors';
import { recordingClient, response } from './recordingClient';

describe('Harbor error bodies', () => {
  it('give the API message and code', () => {
    const body = JSON.stringify({ errors: [{ code: 'PRECONDITION', message: 'the project p still contains repositories; delete them first' }] });
    const error = errorFromResponse(412, 'Precondition Failed', body);
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(412);
    expect(error.code).toBe('PRECONDITION');
    expect(error.message).toBe('the project p still contains repositories; delete them first');
  });
  it('join several messages', () => {
    expect(parseHarborError('{"errors":[{"code":"A","message":"one"},{"code":"B","message":"two"}]}')).toEqual({ code: 'A', message: 'one; two' });
  });
  it('fall back to the code when there is no message', () => {
    expect(parseHarborError('{"errors":[{"code":"UNAUTHORIZED"}]}')).toEqual({ code: 'UNAUTHORIZED', message: 'UNAUTHORIZED' });
  });
  it('are not guessed from other bodies: the status is shown', () => {
    expect(parseHarborError('<html>bad gateway</html>')).toBeNull();
    expect(parseHarborError('{"errors":[]}')).toBeNull();
    expect(parseHarborError('null')).toBeNull();
    expect(errorFromResponse(502, 'Bad Gateway', '<html></html>').message).toBe('502 Bad Gateway');
    expect(errorFromResponse(500, '', '').message).toBe('HTTP 500');
  });
});

describe('the CSRF token', () => {
  it('is sent on unsafe methods only', () => {
    for (const m of ['POST', 'PUT', 'PATCH', 'DELETE', 'delete']) {
      expect(isUnsafe(m)).toBe(true);
      expect((requestInit(m, {}, 'tok').headers as Record<string, string>)[CSRF_HEADER]).toBe('tok');
    }
    for (const m of ['GET', 'HEAD', 'OPTIONS']) {
      expect(isUnsafe(m)).toBe(false);
      expect((requestInit(m, {}, 'tok').headers as Record<string, string>)[CSRF_HEADER]).toBeUndefined();
    }
  });

  it('is learnt from a response and sent on the next unsafe call', async () => {
    const { client, header } = recordingClient(() => response(200, '{"username":"admin"}', { [CSRF_HEADER]: 'from-server' }));
    await client.get('/api/v2.0/users/current');
    await client.post('/api/v2.0/projects', { project_name: 'p' });
    expect(header(0, CSRF_HEADER)).toBeUndefined();
    expect(header(1, CSRF_HEADER)).toBe('from-server');
    expect(header(1, 'Content-Type')).toBe('application/json');
  });

  it('is forgotten on logout', async () => {
    const { client, header } = recordingClient(() => response(200, ''));
    client.setCsrfToken('t1');
    client.setCsrfToken(null);
    await client.delete('/api/v2.0/robots/1');
    expect(header(0, CSRF_HEADER)).toBeUndefined();
  });

  it('rides with the session cookie: same-origin credentials, never a stored token', () => {
    const init = requestInit('POST', { json: {} }, 'tok');
    expect(init.credentials).toBe('same-origin');
  });
});

describe('requests', () => {
  it('send forms url-encoded (the login)', () => {
    const init = requestInit('POST', { form: { principal: 'a b', password: 'p&q=' } }, null);
    expect((init.headers as Record<string, string>)['Content-Type']).toBe('application/x-www-form-urlencoded');
    expect(init.body).toBe('principal=a+b&password=p%26q%3D');
  });

  it('leave empty query values out and encode the rest', () => {
    expect(withQuery('/p', { q: 'name=~a b', page: 2, page_size: undefined, x: '' })).toBe('/p?q=name%3D%7Ea+b&page=2');
    expect(withQuery('/p', {})).toBe('/p');
  });

  it('throw the API message on failure', async () => {
    const { client } = recordingClient(() => response(409, '{"errors":[{"code":"CONFLICT","message":"the project p already exists"}]}'));
    await expect(client.post('/api/v2.0/projects', {})).rejects.toMatchObject({ status: 409, message: 'the project p already exists' });
  });

  it('report a 401 from the API as the end of the session, but not a failed login', async () => {
    const { client } = recordingClient(() => response(401, '{"errors":[{"code":"UNAUTHORIZED","message":"wrong user name or password"}]}'));
    const ended = vi.fn();
    client.onUnauthorized(ended);
    await expect(client.request('POST', '/c/login', { form: {} })).rejects.toThrow('wrong user name or password');
    expect(ended).not.toHaveBeenCalled();
    await expect(client.get('/api/v2.0/projects')).rejects.toBeInstanceOf(ApiError);
    expect(ended).toHaveBeenCalledOnce();
  });

  it('turn a network failure into an ApiError with status 0', async () => {
    const client = new ApiClient(async () => {
      throw new TypeError('Failed to fetch');
    });
    await expect(client.get('/api/v2.0/projects')).rejects.toMatchObject({ status: 0, message: 'Failed to fetch' });
  });

  it('read a text/plain log as text, asking for text', async () => {
    const { client, header } = recordingClient(
      () => new Response('line 1\n<b>line 2</b>', { status: 200, headers: { 'Content-Type': 'text/plain' } }),
    );
    expect(await client.text('/api/v2.0/jobservice/jobs/7/log')).toBe('line 1\n<b>line 2</b>');
    expect(header(0, 'Accept')).toContain('text/plain');
  });
});
