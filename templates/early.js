// The finder's search, started as soon as this script arrives, while the browser is still
// laying out the page: the index files the search needs are fetched then, and finder.js,
// which runs once the page is parsed, finds them in the page's shared index (sharedIndex)
// instead of asking for them one after another. This script reads no element and shows
// nothing; a search it cannot start (near me, which waits for the visitor's permission) is
// left to finder.js.

import { find, searchOfURL } from "./find.js";
import { sharedIndex, siteBase } from "./search-index.js";

const s = searchOfURL(location.search);
if (!s.near && (s.q.trim() || Object.keys(s.filters).length > 0)) {
  const index = sharedIndex(siteBase(), document.documentElement.lang || "en");
  find(index, { q: s.q, filters: s.filters, exact: s.exact, limit: s.n }).catch(() => {});
}
