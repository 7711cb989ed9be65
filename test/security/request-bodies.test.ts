import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../factories/app.ts';

/**
 * Issue 10 item 11: a POST body the parsers cannot read is a catalogued client error
 * (`rest-invalid-request`, 400, with the problem body of docs/errors.md), never HTTP 500.
 */
let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => t.close());

async function post(contentType: string, payload: string) {
  const res = await t.app.inject({
    method: 'POST',
    url: '/w/api.php',
    headers: { 'content-type': contentType },
    payload,
  });
  return { status: res.statusCode, body: res.json() as { type?: string; status?: number } };
}

describe('unreadable api.php bodies', () => {
  it('answers 400 rest-invalid-request for multipart without a boundary', async () => {
    const res = await post('multipart/form-data', 'action=query');
    expect(res).toEqual({
      status: 400,
      body: expect.objectContaining({ type: 'rest-invalid-request', status: 400 }),
    });
  });

  it('answers 400 rest-invalid-request for multipart with parameters but no boundary', async () => {
    const res = await post('multipart/form-data; charset=utf-8', 'action=query');
    expect(res).toEqual({ status: 400, body: expect.objectContaining({ type: 'rest-invalid-request' }) });
  });

  it('reads a multipart body that does not match its boundary as no parameters, as PHP does', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/w/api.php',
      headers: { 'content-type': 'multipart/form-data; boundary=xyz' },
      payload: '--abc\r\ngarbage',
    });
    expect(res.statusCode).toBe(200);
  });
});
