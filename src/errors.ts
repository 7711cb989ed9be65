/**
 * The catalog of every error and warning a client can see. Each code is declared once, in
 * MediaWiki's style (stable, lowercase), with its English message ($1, $2… are filled from the
 * parameters; `{{PLURAL:$n|one|other}}` picks a form by the number in $n) and, for errors, the HTTP
 * status REST routes answer with (the Action API answers 200 with an error envelope, as MediaWiki
 * does). docs/errors.md lists them all; test/unit/error-catalog.test.ts keeps catalog, usage and docs
 * in step and fails on an entry nothing emits.
 *
 * Services throw `fail('code', …params)`; only the HTTP layer renders errors (the Action API as its
 * envelope, REST routes as a problem body: src/core/http/rest/problem.ts). Anything that is not a
 * WikiqueueError becomes a generic internal error, with the stack trace in the logs only.
 */
export const errorCatalog = {
  // Request and parameter validation (ApiMain / ApiBase)
  badvalue: { message: 'Unrecognized value for parameter "$1": $2.', status: 400 },
  missingparam: { message: 'The "$1" parameter must be set.', status: 400 },
  invalidparammix: { message: 'The parameters "$1" can not be used together.', status: 400 },
  'missingparam-one-of': { message: 'At least one of the parameters $1 is required.', status: 400 },
  badinteger: { message: 'Invalid value "$2" for integer parameter "$1".', status: 400 },
  badtimestamp: { message: 'Invalid value "$2" for timestamp parameter "$1".', status: 400 },
  baduser: { message: 'Invalid value "$2" for user parameter "$1".', status: 400 },
  toomanyvalues: { message: 'Too many values supplied for parameter "$1". The limit is $2.', status: 400 },
  show: { message: 'Incorrect parameter - mutually exclusive values may not be supplied.', status: 400 },
  badcontinue: {
    message: 'Invalid continue param. You should pass the original value returned by the previous query.',
    status: 400,
  },
  mustbeposted: { message: 'The "$1" module requires a POST request.', status: 405 },
  mustpostparams: {
    message:
      'The following {{PLURAL:$2|parameter was|parameters were}} found in the query string, but must be in the POST body: $1.',
    status: 400,
  },
  invalidtitle: { message: 'Bad title "$1".', status: 400 },
  invalidlang: { message: 'The language code given for $1 is not valid.', status: 400 },
  nosuchpageid: { message: 'There is no page with ID $1.', status: 404 },
  invalidcategory: { message: 'The category name you entered is not valid.', status: 400 },
  bad_image_title: { message: 'The title for $1 must be a file.', status: 400 },
  nosuchrevid: { message: 'There is no revision with ID $1.', status: 404 },
  missingtitle: { message: "The page you specified doesn't exist.", status: 404 },
  'bad-page': { message: "The page you specified doesn't exist.", status: 404 },
  nosuchuser: { message: 'The user "$1" does not exist.', status: 404 },
  nosuchwiki: { message: 'There is no wiki with id "$1" on this service.', status: 404 },
  'invalid-wiki-id': {
    message:
      '"$1" is not a wiki id: a wiki id is a lowercase letter followed by lowercase letters, digits and underscores (at most 64).',
    status: 400,
  },
  'invalid-wiki-settings': { message: 'Wiki "$1" was not saved: setting "$2" $3.', status: 400 },
  'suggestions-unavailable': {
    message:
      'Wiki "$1" gets no image suggestions: it is a media repository, has no media repository, or its setting suggestions.enabled is false.',
    status: 409,
  },
  'unknown-wiki-setting': {
    message: 'There is no wiki setting "$1"; the settings there are: $2.',
    status: 400,
  },
  'invalid-wiki-setting-json': {
    message: 'Setting "$1" takes a JSON value, and "$2" is not JSON: $3.',
    status: 400,
  },
  'invalid-wiki-config': {
    message: 'The config file\'s settings of wiki "$1" (wikis.$1) are refused: setting "$2" $3.',
    status: 400,
  },
  'no-database': {
    message:
      "There is no wikiqueue database at $1. Point at the server's with --config FILE (its wikiqueue.config.json), --data-dir DIR or --database-url URL; `wikiqueue serve`, `demo` and `import` create one.",
    status: 404,
  },
  readonly: { message: 'The wiki is currently in read-only mode: $1.', status: 503 },

  // Sessions, tokens and permissions
  badtoken: { message: 'Invalid CSRF token.', status: 403 },
  notoken: { message: 'The "token" parameter must be set.', status: 400 },
  mustbeloggedin: { message: 'You must be logged in to $1.', status: 401 },
  permissiondenied: { message: "You don't have permission to $1.", status: 403 },
  assertuserfailed: {
    message: 'You are no longer logged in, so the action could not be completed.',
    status: 401,
  },
  assertbotfailed: {
    message: 'You do not have the "bot" right, so the action could not be completed.',
    status: 403,
  },
  assertnameduserfailed: {
    message: 'You are no longer logged in as "$1", so the action could not be completed.',
    status: 401,
  },
  assertanonfailed: {
    message: 'You are no longer logged out, so the action could not be completed.',
    status: 403,
  },
  blocked: { message: 'You have been blocked from editing.', status: 403 },
  ratelimited: {
    message: "You've exceeded your rate limit. Please wait some time and try again.",
    status: 429,
  },
  acct_creation_throttle_hit: {
    message:
      'Visitors to this wiki using your IP address have created {{PLURAL:$1|1 account|$1 accounts}} in the last $2, which is the maximum allowed in this time period. As a result, visitors using this IP address cannot create any more accounts at the moment.',
    status: 429,
  },
  'login-throttled': {
    message: 'You have made too many recent login attempts. Please wait $1 before trying again.',
    status: 429,
  },
  wrongpassword: { message: 'Incorrect username or password entered. Please try again.', status: 401 },
  'authmanager-authn-no-primary': {
    message: 'The supplied credentials could not be authenticated.',
    status: 401,
  },
  userexists: { message: 'Username entered already in use. Please choose a different name.', status: 409 },
  'invalid-username': { message: 'The user name "$1" is not valid.', status: 400 },
  passwordtooshort: {
    message: 'Passwords must be at least {{PLURAL:$1|1 character|$1 characters}}.',
    status: 400,
  },
  passwordtoolong: {
    message: 'Passwords cannot be longer than {{PLURAL:$1|1 character|$1 characters}}.',
    status: 400,
  },
  'password-substring-username-match': {
    message: 'Your password cannot appear within your username.',
    status: 400,
  },
  'password-login-forbidden': {
    message: 'The use of this username and password has been forbidden.',
    status: 400,
  },
  passwordincommonlist: {
    message:
      'The password entered is in a list of very commonly used passwords. Please choose a more unique password.',
    status: 400,
  },
  badretype: { message: 'The passwords you entered do not match.', status: 400 },
  'createaccount-nocreate': { message: 'Account creation is not allowed from this address.', status: 403 },

  // Page operations (local wiki)
  articleexists: { message: 'The article you tried to create has been created already.', status: 409 },
  editconflict: { message: 'Edit conflict.', status: 409 },
  badmd5: { message: 'The supplied MD5 hash was incorrect.', status: 400 },
  undofailure: {
    message: 'The edit could not be undone due to conflicting intermediate edits.',
    status: 409,
  },
  toofewexpiries: { message: '$1 expiry timestamps were provided where $2 were needed.', status: 400 },
  protectedpage: {
    message: 'This page has been protected to prevent editing or other actions.',
    status: 403,
  },
  'protectednamespace-interface': {
    message:
      'This page provides interface text for the software on this wiki, and is protected to prevent abuse.',
    status: 403,
  },
  sitecssprotected: {
    message: 'You do not have permission to edit this CSS page because it may affect all visitors.',
    status: 403,
  },
  sitejsonprotected: {
    message: 'You do not have permission to edit this JSON page because it may affect all visitors.',
    status: 403,
  },
  sitejsprotected: {
    message: 'You do not have permission to edit this JavaScript page because it may affect all visitors.',
    status: 403,
  },
  customcssprotected: {
    message:
      "You do not have permission to edit this CSS page because it contains another user's personal settings.",
    status: 403,
  },
  customjsonprotected: {
    message:
      "You do not have permission to edit this JSON page because it contains another user's personal settings.",
    status: 403,
  },
  customjsprotected: {
    message:
      "You do not have permission to edit this JavaScript page because it contains another user's personal settings.",
    status: 403,
  },
  mycustomcssprotected: { message: 'You do not have permission to edit this CSS page.', status: 403 },
  mycustomjsonprotected: { message: 'You do not have permission to edit this JSON page.', status: 403 },
  mycustomjsprotected: { message: 'You do not have permission to edit this JavaScript page.', status: 403 },
  selfmove: { message: 'The title is the same; cannot move a page over itself.', status: 400 },
  'articleexists-move': {
    message:
      'A page of that name already exists, or the name you have chosen is not valid. Please choose another name.',
    status: 409,
  },
  cantundelete: {
    message: "Couldn't undelete: the requested revisions may not exist, or may have been undeleted already.",
    status: 409,
  },
  invalidrange: { message: 'Invalid IP range.', status: 400 },
  ip_range_toolarge: { message: 'Range blocks larger than /$1 are not allowed.', status: 400 },
  cidrtoobroad: { message: '$1 CIDR ranges broader than /$2 are not accepted.', status: 400 },
  param_ip: { message: 'IP parameter is not valid.', status: 400 },
  protectedtitle: {
    message: 'This title has been protected from creation by $1. The reason given is "$2".',
    status: 403,
  },
  'create-titleexists': { message: "Existing titles can't be protected with create.", status: 400 },
  'missingtitle-createonly': { message: 'Missing titles can only be protected with create.', status: 400 },
  alreadyblocked: { message: '"$1" is already blocked.', status: 409 },
  cantunblock: {
    message: 'The block you specified was not found. It may have been unblocked already.',
    status: 404,
  },
  badtags: { message: 'The tag "$1" is not allowed to be manually applied.', status: 400 },
  notpatrollable: { message: "The revision r$1 can't be patrolled as it's too old.", status: 409 },
  contenttoobig: {
    message: 'The content you supplied exceeds the page size limit of $1 kibibytes.',
    status: 413,
  },
  pagedeleted: { message: 'The page has been deleted since you fetched its timestamp.', status: 409 },
  nosuchsection: { message: 'There is no section $1.', status: 400 },
  'tags-apply-no-permission': {
    message: 'You are not allowed to apply change tags along with your changes.',
    status: 403,
  },
  immobilenamespace: {
    message:
      'Source or destination title is of a special type; cannot move pages from and into that namespace.',
    status: 400,
  },
  imagenocrossnamespace: {
    message: 'Cannot move a file to a non-file namespace, or a page into the file namespace.',
    status: 400,
  },
  invalidexpiry: { message: 'Invalid expiry time "$1".', status: 400 },
  pastexpiry: { message: 'Expiry time "$1" is in the past.', status: 400 },
  notloggedin: { message: 'Please log in to view or edit items on your watchlist.', status: 401 },
  invaliduser: { message: 'Invalid username "$1".', status: 400 },
  alreadyrolled: {
    message:
      'Cannot rollback the last edit of $1 by $2; someone else has edited or rolled back the page already. The last edit to the page was by $3.',
    status: 409,
  },
  onlyauthor: { message: 'Cannot rollback the last edit: the page has only one author.', status: 409 },
  nosuchrcid: { message: 'There is no recent change with ID $1.', status: 404 },
  'markedaspatrollederror-noautopatrol': {
    message: 'You are not allowed to mark your own changes as patrolled.',
    status: 403,
  },

  // Review queue (review-queue-reference.md §2)
  'bad-pagetriage-page': { message: 'The page specified is not in the new pages queue.', status: 404 },
  'bad-pagetriage-enqueue-mainpage': {
    message: 'The main page cannot be added to the new pages queue.',
    status: 400,
  },
  'bad-pagetriage-enqueue-invalidnamespace': {
    message: 'Pages in this namespace cannot be added to the new pages queue.',
    status: 400,
  },
  'bad-pagetriage-enqueue-alreadyqueued': {
    message: 'The page is already in the new pages queue.',
    status: 409,
  },
  'pagetriage-tag-deletion-error': { message: 'The page is already nominated for deletion.', status: 409 },
  moduledisabled: { message: 'The "$1" module has been disabled.', status: 403 },
  'login-required': { message: 'You must be logged in.', status: 401 },
  'pagetriage-not-local': {
    message: 'Wiki "$1" is not edited through this service, so tagging has to happen on the wiki itself.',
    status: 400,
  },

  // Suggested edits (suggested-edits-reference.md §4–5)
  'mustbeloggedin-generic': { message: 'You must be logged in.', status: 401 },
  'growthexperiments-newcomertasks-invalid-tasktype': {
    message: 'None of the requested task types is offered on this wiki.',
    status: 400,
  },
  'not-in-config': {
    message:
      'The task type "$1" is not configured on this wiki: it has no media repository to suggest images from.',
    status: 400,
  },
  // The errors of a suggestion left out of a recommendation (growthimagesuggestiondataerrors)
  'growthexperiments-invalid-recommendation-data': { message: '$1', status: 502 },
  'growthexperiments-image-file-not-found': { message: 'Image file not found: $1', status: 404 },
  'growthexperiments-image-too-narrow': {
    message: 'Invalid file $1 in article $2. Filtered because not wide enough: $3 (minimum $4)',
    status: 422,
  },
  'growthexperiments-image-invalid-media-type': {
    message: 'Invalid file $1 in article $2. Filtered because $3 is not valid mime type ($4)',
    status: 422,
  },
  'growthexperiments-no-recommendation-found': {
    message: 'There is no image suggestion of type "$2" for the page "$1".',
    status: 404,
  },
  // Submissions (AddImageSubmissionHandler, §5.2; the first failing rule answers)
  'growthexperiments-structuredtask-anonuser': {
    message: 'Anonymous users cannot submit structured tasks.',
    status: 401,
  },
  'growthexperiments-addimage-handler-accepted-missing': {
    message: 'The submission has no "accepted" field.',
    status: 400,
  },
  'growthexperiments-addimage-handler-accepted-wrongtype': {
    message: 'The "accepted" field must be true or false.',
    status: 400,
  },
  'growthexperiments-addimage-handler-reason-missing': {
    message: 'The submission has no "reasons" field.',
    status: 400,
  },
  'growthexperiments-addimage-handler-reason-wrongtype': {
    message: 'The "reasons" field must be a list.',
    status: 400,
  },
  'growthexperiments-addimage-handler-reason-invaliditem': {
    message: 'Invalid rejection reason: $1. Valid reasons: $2.',
    status: 400,
  },
  'growthexperiments-addimage-caption-warning-tooshort': {
    message: 'The caption is too short: at least $1 characters are needed.',
    status: 400,
  },
  'growthexperiments-addimage-handler-section-title-missing': {
    message: 'The submission has no "sectionTitle" field.',
    status: 400,
  },
  'growthexperiments-addimage-handler-section-number-missing': {
    message: 'The submission has no "sectionNumber" field.',
    status: 400,
  },
  'growthexperiments-addimage-handler-section-title-wrongtype': {
    message: 'An article-level image suggestion has no section: "sectionTitle" must be null, got $1.',
    status: 400,
  },
  'growthexperiments-addimage-handler-section-number-wrongtype': {
    message: 'An article-level image suggestion has no section: "sectionNumber" must be null, got $1.',
    status: 400,
  },
  'growthexperiments-addsectionimage-handler-section-title-wrongtype': {
    message:
      'A section-level image suggestion needs its section heading as a string in "sectionTitle", got $1.',
    status: 400,
  },
  'growthexperiments-addsectionimage-handler-section-number-wrongtype': {
    message:
      'A section-level image suggestion needs the section\'s number as a whole number in "sectionNumber", got $1.',
    status: 400,
  },
  'growthexperiments-addimage-filename-missing': {
    message: 'The submission names no image: "filename" must be a file name.',
    status: 400,
  },
  'growthexperiments-addimage-section-not-found': {
    message: 'The page "$1" has no level-2 section number $2 headed "$3" to put the image in.',
    status: 409,
  },
  // The REST feedback route (§5.5)
  'growthexperiments-addimage-feedback-accepted-editrevid': {
    message: 'An accepted image needs the id of the edit that added it (editRevId).',
    status: 400,
  },
  'growthexperiments-addimage-feedback-rejected-editrevid': {
    message: 'A rejected image has no edit: editRevId must not be given.',
    status: 400,
  },
  'growthexperiments-addimage-feedback-accepted-caption': {
    message: 'An accepted image needs its caption.',
    status: 400,
  },
  'growthexperiments-addimage-feedback-revid-nonexistent': {
    message: 'There is no revision $1.',
    status: 400,
  },
  'growthexperiments-addimage-feedback-invalid-revid-wrong-page': {
    message: 'Revision $1 is not an edit of "$2".',
    status: 400,
  },
  'growthexperiments-dailylimit-exceeded': {
    message: 'Daily limit exceeded for $1: you have done $2 of these tasks today, the most this wiki allows.',
    status: 429,
  },

  // Imports and jobs (CLI-visible)
  'import-malformed': { message: 'Malformed dump: $1', status: 400 },
  // A followed MediaWiki (src/wiki-source/mediawiki): its API could not be used.
  'wiki-unreachable': {
    message: 'The wiki "$1" cannot be reached at $2 ($3). Try again once it is back.',
    status: 503,
  },
  'wiki-api-error': { message: 'The wiki "$1" answered an error: $2 ($3).', status: 502 },
  'wiki-writes-unavailable': {
    message:
      'Wiki "$1" is followed from a MediaWiki, and wikiqueue cannot yet $2 on it in your name: make this change on the wiki itself.',
    status: 503,
  },
  'wiki-login-required': {
    message:
      'To change wiki "$1" through wikiqueue, sign in to wikiqueue with your account on that wiki ($2).',
    status: 403,
  },
  'wiki-accounts-remote': {
    message:
      'Accounts of wiki "$1" are made on that wiki itself: create yours there, then sign in here with it.',
    status: 400,
  },
  'wiki-login-unsupported': {
    message:
      'The wiki "$1" asks for a login step wikiqueue cannot relay ($2): sign in with a bot password of your account instead.',
    status: 400,
  },
  'wiki-not-mediawiki': {
    message: 'No MediaWiki Action API answers at $1 ($2).',
    status: 400,
  },
  'wiki-not-followed': {
    message: 'Wiki "$1" is not followed from a MediaWiki: it is a $2 wiki of this service.',
    status: 400,
  },
  'import-unsupported': { message: 'Unsupported dump: $1', status: 400 },
  'import-unreadable': { message: 'Cannot read the file $1: $2.', status: 400 },
  // One page or revision of a dump left out (the import goes on): ImportOutcome, dump-page-check.ts
  'import-error-invalid': { message: 'Page "$1" is not imported because its name is invalid.', status: 400 },
  'import-error-special': {
    message: 'Page "$1" is not imported because it belongs to a special namespace that does not allow pages.',
    status: 400,
  },
  'import-error-bad-id': {
    message: 'Page "$1" is not imported in full: $2 id "$3" is not a positive whole number.',
    status: 400,
  },
  'import-error-bad-timestamp': {
    message:
      'Revision $2 of page "$1" is not imported: its timestamp "$3" is not an ISO 8601 time (YYYY-MM-DDThh:mm:ssZ).',
    status: 400,
  },
  'import-nonewrevisions': {
    message: 'No revisions imported (all were either already present, or skipped due to errors).',
    status: 409,
  },

  // Lead-image page queue (image-suggestions-and-page-queue.md §3)
  'pagequeue-unavailable': {
    message:
      'Wiki "$1" has no lead-image page queue: it is a media repository, has no media repository, or its setting pagequeue.enabled is false.',
    status: 404,
  },
  'pagequeue-badlimit': { message: 'The limit "$1" is not a whole number from 1 to $2.', status: 400 },
  'pagequeue-badcontinue': {
    message: 'Invalid continue value "$1": pass the value the previous response gave.',
    status: 400,
  },
  'pagequeue-badclientid': {
    message:
      'The client id "$1" is not one: 8 to 64 letters, digits, ".", "_" or "-", the same in the X-Client-Id header and the client parameter.',
    status: 400,
  },
  'pagequeue-nosuchpage': {
    message: 'There is no article with id $1 in the lead-image queue of $2.',
    status: 404,
  },
  'pagequeue-toomanyleases': {
    message:
      'Apps at your address hold as many pages as one address may ($1): give some back (skip) or wait until their leases end ($2 minutes after they were handed out).',
    status: 429,
  },
  'pagequeue-page-done': { message: 'Page $1 has a lead image already.', status: 409 },
  'pagequeue-leased': {
    message: 'Page $1 is being worked on by another contributor; it is free again at $2.',
    status: 409,
  },
  'pagequeue-not-a-candidate': {
    message: 'The file "$1" is not a lead-image candidate of page $2. Its candidates are: $3.',
    status: 400,
  },
  'pagequeue-noholder': {
    message:
      'Say who gives the page back: log in, or send your client id (the X-Client-Id header or the client parameter).',
    status: 400,
  },

  // REST framework (src/core/http/rest/problem.ts): requests no route took or no parser understood
  notfound: { message: 'Nothing is found at $1.', status: 404 },
  'ui-not-built': {
    message: 'The web interface is not built on this server: run "wikiqueue ui build" (npm start does it).',
    status: 503,
  },
  'rest-invalid-request': { message: 'The request is not valid: $1', status: 400 },
  'rest-body-too-large': { message: 'The request body is too large.', status: 413 },
  'rest-unsupported-content-type': { message: 'Unsupported content type "$1".', status: 415 },
  'rest-permission-denied-anon': { message: 'You must be logged in to do this.', status: 401 },
  'rest-nonexistent-title': { message: 'The page "$1" does not exist.', status: 404 },
  'rest-unauthorized': {
    message: 'This resource needs a valid bearer token (Authorization: Bearer …).',
    status: 401,
  },
  'invalid-forwarded-for': {
    message: 'A trusted proxy forwarded an X-Forwarded-For header that is not a list of addresses: "$1".',
    status: 400,
  },

  // Media files (GET /images/…, core/media)
  'media-badpath': {
    message:
      '"$1" is not the path of a media file: /images/{repo}/{h}/{hh}/{name} or /images/{repo}/thumb/{h}/{hh}/{name}/{width}px-{name}.',
    status: 400,
  },
  'media-badthumbname': {
    message: '"$1" is not a thumbnail name of "$2": it is {width}px-$2 (with ".png" added for an SVG).',
    status: 400,
  },
  'media-badwidth': { message: 'Thumbnail width "$1" is not a whole number from 1 to $2.', status: 400 },
  'media-nosuchfile': { message: 'There is no file "$1" on $2.', status: 404 },
  'media-busy': { message: 'Too many thumbnails are being rendered; try again shortly.', status: 503 },
  'media-unsupportedtype': {
    message: 'Files of type "$1" cannot be stored on the media repository.',
    status: 415,
  },

  // Event streams (GET /v2/stream/{streams})
  nosuchstream: { message: 'There is no event stream named "$1".', status: 404 },
  // EventGate delivery: the reason recorded in event_rejection for a batch refused as a whole
  'eventgate-batch-rejected': {
    message:
      'EventGate answered HTTP $1 without naming the invalid events, so every event of the batch is taken as rejected. Its answer: $2',
    status: 400,
  },

  // Generic
  'store-unavailable': { message: 'The database is not answering.', status: 503 },
  internal_api_error: {
    message: 'An internal error occurred (request $1). See the server log for details.',
    status: 500,
  },
} as const satisfies Record<string, { message: string; status: number }>;

export type ErrorCode = keyof typeof errorCatalog;

/**
 * The catalog of every warning the Action API adds to a response (`warnings`), emitted by name with
 * `warning('name', …params)`. The name is the client-visible code unless the entry gives `code`:
 * MediaWiki words one code several ways (its message keys differ, its code does not).
 */
export const warningCatalog = {
  // Parameter validation (ApiMain / ApiBase / ParamValidator)
  unrecognizedparams: { message: 'Unrecognized {{PLURAL:$2|parameter|parameters}}: $1.' },
  unrecognizedvalues: { message: 'Unrecognized {{PLURAL:$3|value|values}} for parameter "$1": $2.' },
  badutf8: {
    message:
      'The value passed for "$1" contains invalid or non-normalized data. Textual data should be valid, NFC-normalized Unicode without C0 control characters other than HT (\\t), LF (\\n), and CR (\\r).',
  },
  'integeroutofrange-min': {
    code: 'integeroutofrange',
    message: 'Invalid value "$2" for integer parameter "$1": must be no less than $3.',
  },
  'integeroutofrange-max': {
    code: 'integeroutofrange',
    message: 'Invalid value "$2" for integer parameter "$1": must be no greater than $3.',
  },
  unclearnowtimestamp: {
    message:
      'Passing "$2" for timestamp parameter "$1" has been deprecated. If for some reason you need to explicitly specify the current time without calculating it client-side, use "now".',
  },
  'growthtasks-tasktype-disabled': {
    message: 'The task type "$1" is not offered on this wiki; it was left out.',
  },
  'limit-toosmall': { code: 'integeroutofrange', message: '$1 may not be less than $2 (set to $2)' },
  'limit-toolarge': { code: 'integeroutofrange', message: '$1 may not be over $2 (set to $2) for users' },
  'limit-toolarge-highlimits': {
    code: 'integeroutofrange',
    message: '$1 may not be over $2 (set to $2) for bots or sysops',
  },

  // Modules
  badmodule: { message: 'The module "$1" does not exist.' },
  'validationfailed-badpref': {
    code: 'validationfailed',
    message: 'Validation error for "$1": not a valid preference.',
  },
  'validationfailed-badchars': {
    code: 'validationfailed',
    message:
      'Validation error for "$1": invalid characters in key (only a-z, A-Z, 0-9, _, and - are allowed).',
  },
  'validationfailed-keytoolong': {
    code: 'validationfailed',
    message: 'Validation error for "$1": key is too long (no more than $2 bytes allowed).',
  },
  'growthexperiments-suggestededits-inactive': {
    message:
      'Suggested edits are not activated for this account (preferences growthexperiments-homepage-enable and growthexperiments-homepage-suggestededits-activated): the "$1" data was not used.',
  },
  truncatedresult: {
    message: 'This result was truncated because it would otherwise be larger than the limit of $1 bytes.',
  },
  'textextracts-limit': {
    message: 'exlimit was too large for a whole article extracts request, lowered to $1.',
  },
  'textextracts-unsupportedmodel': {
    message: '$1 has content model $2, which is not supported; returning an empty extract.',
  },
  'textextracts-title-in-file-namespace': {
    message: 'Extracts of pages in the File namespace are not supported: their extracts are empty.',
  },
  'deprecation-login-token': {
    code: 'deprecated',
    message:
      'Fetching a token via "action=login" is deprecated. Use "action=query&meta=tokens&type=login" instead.',
  },
  'deprecation-revisions-legacy-slots': {
    code: 'deprecation',
    message:
      'Because "rvslots" was not specified, a legacy format has been used for the output. This format is deprecated, and in the future the new format will always be used.',
  },
} as const satisfies Record<string, { code?: string; message: string }>;

export type WarningName = keyof typeof warningCatalog;

/**
 * A warning as the Action API renders it: its client-visible code and its filled message, with
 * the catalog name and parameters it was built from (for a translation of the message).
 */
export interface Warning {
  readonly code: string;
  readonly text: string;
  readonly name: WarningName;
  readonly params: readonly (string | number)[];
}

/** Builds the catalogued warning `name`, filling $1… in its message from `params`. */
export function warning(name: WarningName, ...params: (string | number)[]): Warning {
  const entry: { code?: string; message: string } = warningCatalog[name];
  return { code: entry.code ?? name, text: fillMessage(entry.message, params), name, params };
}

export class WikiqueueError extends Error {
  override readonly name = 'WikiqueueError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly status: number,
    /** Extra machine-readable fields rendered next to code/info (MediaWiki puts e.g. `blockinfo` here). */
    readonly data: Record<string, unknown> = {},
    /** The parameters the message was filled from (for a translation of it). */
    readonly params: readonly (string | number)[] = [],
  ) {
    super(message);
  }
}

/** Builds the catalogued error `code`, filling $1… in its message from `params`. */
export function fail(code: ErrorCode, ...params: (string | number)[]): WikiqueueError {
  const entry = errorCatalog[code];
  return new WikiqueueError(code, fillMessage(entry.message, params), entry.status, {}, params);
}

/** Like fail() but with machine-readable data attached (rendered next to code and info). */
export function failWith(
  code: ErrorCode,
  data: Record<string, unknown>,
  ...params: (string | number)[]
): WikiqueueError {
  const entry = errorCatalog[code];
  return new WikiqueueError(code, fillMessage(entry.message, params), entry.status, data, params);
}

/** Fills $1… from `params`, then resolves `{{PLURAL:n|one|other}}` (English: one form for 1). */
function fillMessage(message: string, params: readonly (string | number)[]): string {
  return message
    .replace(/\$(\d+)/g, (m, n: string) => {
      const v = params[Number(n) - 1];
      return v === undefined ? m : String(v);
    })
    .replace(/\{\{PLURAL:([^|}]*)\|([^|}]*)\|([^}]*)\}\}/g, (_m, n: string, one: string, other: string) =>
      Number(n) === 1 ? one : other,
    );
}

export function isWikiqueueError(e: unknown): e is WikiqueueError {
  return e instanceof WikiqueueError;
}
