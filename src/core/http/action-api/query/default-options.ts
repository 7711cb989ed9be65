/**
 * Options every account has until it changes them (a subset of MediaWiki's DefaultUserOptions),
 * printed by meta=userinfo&uiprop=options and meta=siteinfo&siprop=defaultoptions; `registered`
 * adds the preferences the subsystems register (CoreServices.preferences).
 */
export function defaultUserOptions(
  lang: string,
  registered: Readonly<Record<string, string | number>> = {},
): Record<string, string | number> {
  return {
    ...registered,
    date: 'default',
    editfont: 'monospace',
    gender: 'unknown',
    language: lang,
    minordefault: 0,
    rcdays: 7,
    rclimit: 50,
    skin: 'vector-2022',
    timecorrection: 'System|0',
    variant: lang,
    watchcreations: 1,
    watchdefault: 1,
    watchdeletion: 0,
    watchmoves: 0,
    watchrollback: 0,
  };
}
