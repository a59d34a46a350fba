// The site search (/search/): groups, affiliates, trainings and guides matching every word
// of the query by prefix, grouped by kind, with the query kept in the URL.

import { queryWords } from "./fold.js";
import { parse } from "./query.js";
import { keepInSwitch, onPage } from "./search-index.js";
import { el, groupItem } from "./results.js";
import { lang, t, tn } from "./words.js";
// Named here too, so the browser fetches it with the others rather than after results.js.
import "./meetings.js";

const groupsShown = 10;
const kinds = [
  ["affiliate", "nav.affiliates"],
  ["training", "nav.trainings"],
  ["guide", "nav.guides"],
  ["page", "js.pages"],
];

onPage("form.search-form", lang, start);

/**
 * siteGuides returns the guides of the site index whose slugs are given, in that order: the
 * same objects index.siteMatches returns for them. (Here, not in search-index.js, whose
 * bytes the finder's page carries too.)
 * @param {import("./search-index.js").Index} index
 * @param {string[]} slugs
 */
async function siteGuides(index, slugs) {
  if (!slugs.length) return [];
  const m = await index.manifest();
  const idx = await index.json(m.sites[index.lang] || Object.values(m.sites)[0]);
  return slugs.flatMap((slug) => idx.docs.filter((d) => d.kind === "guide" && d.url.endsWith(`guides/${slug}/`)));
}

/**
 * start wires the search page up.
 * @param {HTMLFormElement} form
 * @param {HTMLElement} status the live region: it says what was found
 * @param {{base: string, home: string, index: import("./search-index.js").Index}} site
 */
function start(form, status, { base, home, index }) {
  form.hidden = false;
  for (const p of document.querySelectorAll(".search-nojs")) p.hidden = true;
  const input = form.elements.namedItem("q");
  const list = el("div", "search-results");
  status.after(list);
  let runs = 0;
  let typing = false;

  const read = () => new URLSearchParams(location.search).get("q") || "";
  const crisis = document.getElementById("finder-crisis");
  // say puts text in the live region, after first when given.
  const say = (text, first) => status.replaceChildren(...(first ? [first] : []), el("p", "search-status", text));

  function go(q, replace) {
    const url = q ? `?${new URLSearchParams({ q })}` : location.pathname;
    if (q !== read()) {
      if (replace) history.replaceState(null, "", url);
      else history.pushState(null, "", url);
    }
    run(q);
  }

  async function run(q) {
    const id = ++runs;
    status.setAttribute("aria-busy", "true");
    try {
      if (!queryWords(q).length) {
        list.replaceChildren();
        say(q.trim() ? t("js.too-short-word") : "");
        return;
      }
      const [refs, matched, phrases] = await Promise.all([index.match(q), index.siteMatches(q), index.dictionary()]);
      // The guides whose topic the query names in the dictionary's words ("campeón", "jail"),
      // first, though their text has not the word.
      const parsed = parse(q, phrases);
      const topics = await siteGuides(index, parsed.topics);
      const docs = [...topics, ...matched.filter((d) => !topics.includes(d))];
      const recs = await index.records(refs.slice(0, groupsShown));
      const { paths } = await index.manifest();
      if (id !== runs) return;
      const now = Date.now();
      const total = refs.length + docs.length;
      // Words of someone in crisis ("i want to die"): the crisis line first.
      const first = crisis && parsed.crisis ? crisis.content.firstElementChild.cloneNode(true) : null;
      say(tn("js.results-for", total, { what: q.trim() }), first);
      status.dataset.count = String(total);
      const parts = [];
      if (refs.length) {
        const sec = el("section", "results-kind");
        sec.append(el("h2", "", t("js.groups-count", { count: refs.length })));
        const ul = el("ul", "groups");
        for (const rec of recs) ul.append(groupItem(rec, { home, paths, lang, now }));
        sec.append(ul);
        if (refs.length > recs.length) {
          const a = el("a", "", t("js.see-all", { count: refs.length }));
          a.href = `${home}groups/?${new URLSearchParams({ q })}`;
          sec.append(el("p").appendChild(a).parentNode);
        }
        parts.push(sec);
      }
      const today = new Date().toISOString().slice(0, 10);
      for (const [kind, title] of kinds) {
        const these = docs.filter((d) => d.kind === kind);
        if (!these.length) continue;
        const sec = el("section", "results-kind");
        sec.append(el("h2", "", `${t(title)} (${these.length})`));
        const ul = el("ul", "trainings");
        for (const d of these) {
          const li = el("li");
          const a = el("a", "training-name", d.title);
          a.href = base + d.url;
          if (d.lang) a.lang = d.lang;
          li.append(a);
          if (d.end && d.end < today) li.append(" ", el("strong", "tag", t("js.past")));
          if (d.summary) li.append(el("span", "training-what", d.summary));
          ul.append(li);
        }
        sec.append(ul);
        parts.push(sec);
      }
      if (!parts.length) {
        const box = el("div", "notice");
        box.append(el("p", "", t("js.nothing")));
        const ul = el("ul");
        for (const [href, key] of [["groups/", "finder.by-state"], ["affiliates/", "nav.affiliates"], ["trainings/", "nav.trainings"]]) {
          const a = el("a", "", t(key));
          a.href = home + href;
          ul.append(el("li").appendChild(a).parentNode);
        }
        box.append(ul);
        parts.push(box);
      }
      list.replaceChildren(...parts);
    } catch (err) {
      if (id !== runs) return;
      list.replaceChildren();
      say(t("js.failed-search"));
      console.error(err);
    } finally {
      if (id === runs) {
        status.setAttribute("aria-busy", "false");
        status.dataset.state = "done";
        keepInSwitch();
      }
    }
  }

  form.addEventListener("submit", (e) => {
    e.preventDefault();
    typing = false;
    go(input.value.trim());
  });
  let timer = 0;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      go(input.value.trim(), typing);
      typing = true;
    }, 250);
  });
  window.addEventListener("popstate", () => {
    typing = false;
    input.value = read();
    run(read());
  });
  input.value = read();
  run(read());
}
