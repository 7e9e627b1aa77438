import type { ArgumentsHost } from '@nestjs/common';
import { ErrorFilter, isStatementTimeout } from './errors';

function hostFor() {
  const sent: { status?: number; body?: unknown; headers: Record<string, string> } = { headers: {} };
  const res = {
    status(n: number) {
      sent.status = n;
      return this;
    },
    json(b: unknown) {
      sent.body = b;
      return this;
    },
    setHeader(k: string, v: string) {
      sent.headers[k] = v;
    },
  };
  const host = {
    switchToHttp: () => ({ getResponse: () => res, getRequest: () => ({ requestId: 'req-1' }) }),
  } as unknown as ArgumentsHost;
  return { host, sent };
}

describe('ErrorFilter', () => {
  it('answers a statement cancelled by statement_timeout (57014) with a 503 and Retry-After, in the one shape, no SQL', () => {
    const { host, sent } = hostFor();
    const err = Object.assign(new Error('canceling statement due to statement timeout'), {
      driverError: { code: '57014' },
      query: 'SELECT secret',
    });
    expect(isStatementTimeout(err)).toBe(true);
    new ErrorFilter().catch(err, host);
    expect(sent.status).toBe(503);
    expect(sent.headers['Retry-After']).toBe('5');
    expect(sent.body).toEqual({
      statusCode: 503,
      error: 'Service Unavailable',
      message: 'The request took too long and was stopped; try again, or narrow it',
      requestId: 'req-1',
    });
  });

  it('any other unexpected error stays a bare 500', () => {
    const { host, sent } = hostFor();
    new ErrorFilter().catch(Object.assign(new Error('boom'), { code: '23505' }), host);
    expect(sent.status).toBe(500);
    expect(sent.body).toEqual({
      statusCode: 500,
      error: 'Internal Server Error',
      message: 'Internal server error',
      requestId: 'req-1',
    });
  });
});
