import { errorFormats } from './error-format.ts';
import type { ParamSpecs } from './module.ts';

/**
 * Parameters of the main module (ApiMain) and of the JSON format module (ApiFormatJson), shared by
 * the dispatcher, action=help and action=paraminfo. `action` gets its values from the module list.
 */
export function mainParams(actions: readonly string[]): ParamSpecs {
  return {
    action: { type: 'enum', values: actions, default: 'help', description: 'Which action to perform.' },
    format: {
      type: 'enum',
      values: formatNames,
      default: 'jsonfm',
      description: 'The format of the output: json, jsonfm (JSON pretty-printed in HTML) or none.',
    },
    maxlag: {
      type: 'integer',
      description:
        'Maximum lag can be used when MediaWiki is installed on a replicated cluster; this service is never lagged.',
    },
    smaxage: {
      type: 'integer',
      default: 0,
      min: 0,
      description: 'Sets the s-maxage HTTP cache control header.',
    },
    maxage: {
      type: 'integer',
      default: 0,
      min: 0,
      description: 'Sets the max-age HTTP cache control header.',
    },
    assert: {
      type: 'enum',
      values: ['anon', 'bot', 'user'],
      description:
        'Verify that the user is logged in (user), is not logged in (anon), or has the bot right (bot).',
    },
    assertuser: { type: 'user', description: 'Verify the current user is the named user.' },
    requestid: { type: 'string', description: 'Any value given here will be included in the response.' },
    servedby: {
      type: 'boolean',
      description: 'Include the hostname that served the request in the results.',
    },
    curtimestamp: { type: 'boolean', description: 'Include the current timestamp in the result.' },
    responselanginfo: {
      type: 'boolean',
      description: 'Include the languages used for uselang and errorlang in the result.',
    },
    origin: {
      type: 'string',
      description:
        'When accessing the API using a cross-domain AJAX request (CORS), set this to the originating domain; `*` makes an anonymous request.',
    },
    uselang: {
      type: 'string',
      default: 'user',
      description:
        'Language to use for message translations (i18n/: English, German, Czech and Arabic; error texts in English and Arabic).',
    },
    variant: { type: 'string', description: 'Variant of the language.' },
    errorformat: {
      type: 'enum',
      values: errorFormats,
      default: 'bc',
      description: 'Format to use for warning and error text output.',
    },
    errorlang: {
      type: 'string',
      default: 'uselang',
      description: 'Language to use for warnings and errors.',
    },
    errorsuselocal: {
      type: 'boolean',
      description: 'If given, error texts will use locally-customized messages.',
    },
    centralauthtoken: {
      type: 'string',
      sensitive: true,
      description: 'Accepted and ignored (no CentralAuth here).',
    },
  };
}

export const formatNames = ['json', 'jsonfm', 'none'] as const;

/** Parameters of format=json / jsonfm (ApiFormatJson). */
export const jsonFormatParams: ParamSpecs = {
  callback: {
    type: 'string',
    description:
      'If specified, wraps the output into a given function call (JSONP); the request is then made anonymously.',
  },
  utf8: {
    type: 'boolean',
    description: 'If specified, encodes most non-ASCII characters as UTF-8 instead of escape sequences.',
  },
  ascii: {
    type: 'boolean',
    description: 'If specified, encodes all non-ASCII using hexadecimal escape sequences.',
  },
  formatversion: {
    type: 'enum',
    values: ['1', '2', 'latest'],
    default: '1',
    description:
      'Output formatting: 1 (backwards-compatible: bools as "", content under "*"), 2 or latest (modern).',
  },
};
