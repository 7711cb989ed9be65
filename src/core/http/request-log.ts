import type { FastifyRequest } from 'fastify';

/**
 * Names of request parameters whose values are secrets: passwords (`password`, `lgpassword`,
 * `retype`, `newpassword`…) and tokens (`token`, `lgtoken`, `logintoken`, `centralauthtoken`…),
 * as MediaWiki marks them sensitive.
 */
const SECRET_PARAM = /(password|token|retype)$/i;

/** What a logged value of a secret parameter is replaced with (ApiMain::logRequest's word). */
export const REDACTED = '[redacted]';

/**
 * The request as pino logs it (Fastify's own fields), with the values of secret query-string
 * parameters replaced by `[redacted]`, so that a client sending a password in the URL does not
 * leave it in the logs. Bodies are never logged.
 */
export function serializeRequestForLog(req: FastifyRequest): Record<string, unknown> {
  return {
    method: req.method,
    url: redactUrl(req.url),
    host: req.host,
    remoteAddress: req.ip,
    remotePort: req.socket?.remotePort,
  };
}

function redactUrl(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const redacted = url
    .slice(q + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const rawName = eq < 0 ? pair : pair.slice(0, eq);
      let name: string;
      try {
        name = decodeURIComponent(rawName.replace(/\+/g, ' '));
      } catch {
        name = rawName;
      }
      return eq >= 0 && SECRET_PARAM.test(name) ? `${rawName}=${encodeURIComponent(REDACTED)}` : pair;
    });
  return `${url.slice(0, q)}?${redacted.join('&')}`;
}
