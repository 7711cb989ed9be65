import { toIsoTimestamp } from './clock.ts';
import type { Block } from './wiki.ts';

/**
 * A block as the Action API describes it (ApiBlockInfoTrait::getBlockDetails), for meta=userinfo,
 * list=allusers and the `blockinfo` of a `blocked` error: expiry `infinite` for indefinite blocks,
 * ISO timestamps otherwise.
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
    blockanononly: block.anonOnly,
    blockemail: block.noEmail,
    blockowntalk: !block.allowUserTalk,
  };
}
