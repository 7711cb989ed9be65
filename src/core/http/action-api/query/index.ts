import type { QueryModule } from '../module.ts';
import { allmessagesModule } from './allmessages.ts';
import { allpagesModule } from './allpages.ts';
import { allusersModule } from './allusers.ts';
import { backlinksListModule, embeddedinModule, imageusageModule } from './backlinks.ts';
import { fileusageModule, linkshereModule, transcludedinModule } from './backlinks-prop.ts';
import { blocksModule } from './blocks.ts';
import { categoriesModule } from './categories.ts';
import { categorymembersModule } from './categorymembers.ts';
import { contributorsModule } from './contributors.ts';
import { extlinksModule } from './extlinks.ts';
import { extractsModule } from './extracts.ts';
import { imageinfoModule } from './imageinfo.ts';
import { imagesModule } from './images.ts';
import { infoModule } from './info.ts';
import { langlinksModule } from './langlinks.ts';
import { linksModule, templatesModule } from './links.ts';
import { logeventsModule } from './logevents.ts';
import { notificationsModule } from './notifications.ts';
import { pageimagesModule } from './pageimages.ts';
import { pagepropsModule } from './pageprops.ts';
import { protectedtitlesModule } from './protectedtitles.ts';
import { recentchangesModule } from './recentchanges.ts';
import { revisionsModule } from './revisions.ts';
import { searchModule } from './search.ts';
import { siteinfoModule } from './siteinfo.ts';
import { tokensModule } from './tokens.ts';
import { userinfoModule } from './userinfo.ts';
import { usersModule } from './users.ts';
import { usercontribsModule } from './usercontribs.ts';
import { watchlistModule } from './watchlist.ts';
import { watchlistrawModule } from './watchlistraw.ts';

/** The core action=query submodules (prop=, list=, meta=) of MediaWiki's Action API. */
export const queryModules: QueryModule[] = [
  revisionsModule,
  infoModule,
  categoriesModule,
  linksModule,
  templatesModule,
  imageinfoModule,
  imagesModule,
  langlinksModule,
  pageimagesModule,
  extractsModule,
  contributorsModule,
  extlinksModule,
  pagepropsModule,
  linkshereModule,
  transcludedinModule,
  fileusageModule,
  recentchangesModule,
  watchlistModule,
  watchlistrawModule,
  logeventsModule,
  allusersModule,
  usersModule,
  usercontribsModule,
  allpagesModule,
  blocksModule,
  protectedtitlesModule,
  searchModule,
  categorymembersModule,
  backlinksListModule,
  embeddedinModule,
  imageusageModule,
  siteinfoModule,
  allmessagesModule,
  tokensModule,
  userinfoModule,
  notificationsModule,
];
