import { toIsoTimestamp } from '../../../domain/clock.ts';
import type { Block } from '../../../domain/wiki.ts';

/**
 * The block fields meta=userinfo and list=allusers print (ApiBlockInfoTrait::getBlockDetails):
 * expiry `infinite` for indefinite blocks, ISO timestamps otherwise.
 */
export function blockDetails(block: Block): Record<string, unknown> {
  return {
    blockid: block.id,
    blockedby: block.byName,
    blockedbyid: block.byUserId,
    blockreason: block.reason,
    blockedtimestamp: toIsoTimestamp(block.timestamp),
    blockexpiry: block.expiry === null ? 'infinite' : toIsoTimestamp(block.expiry),
    blockpartial: !block.sitewide,
    blocknocreate: block.noCreate,
    blockanononly: false,
    blockemail: block.noEmail,
    blockowntalk: !block.allowUserTalk,
  };
}
