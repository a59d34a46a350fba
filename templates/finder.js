// The group finder (/groups/): the page around find.js. Every state of the finder lives in the
// URL (the query, the filters, "near me" as near=me, how many results are shown as n, and
// exact=1 for a query searched as typed), so a list can be shared and back/forward work; the
// visitor's position is only ever in this page's memory. Without this script the form stays
// hidden and the page lists every state's groups.

import { find } from "./find.js";
import { queryTerms, tokens } from "./fold.js";
import { filterNames, intersect, keepInSwitch, onPage } from "./search-index.js";
import { markResults } from "./projection.js";
import { el, groupItem } from "./results.js";
import { lang, t, tn } from "./words.js";
// Named here too, so the browser fetches them with the others rather than one after another.
import "./meetings.js";
import "./query.js";
import "./rank.js";

const pageSize = 20;
const maxShown = 500;

onPage("form.finder", lang, start);

// placeName returns the name of a place found ("Tucson, AZ", "Pima County, AZ") as the page's
// language writes it: a county's or a parish's name by the catalogue (js.county, js.parish:
// "Condado de Pima, AZ" in Spanish), a town's as the gazetteer has it.
function placeName(label) {
  const m = /^(.+) (County|Parish)(, [A-Z]{2})$/.exec(label);
  return m ? `${t(`js.${m[2].toLowerCase()}`, { name: m[1] })}${m[3]}` : label;
}

/**
 * start wires the finder up.
 * @param {HTMLFormElement} form
 * @param {HTMLElement} status the live region: it says what was found
 * @param {{base: string, home: string, index: import("./search-index.js").Index}} site
 */
function start(form, status, { base, home, index }) {
  const page = form.closest(".finder-page") || document.body;
  // The page holds the elements the script fills, and the "Near me" button, so that
  // starting the script moves nothing on it.
  const list = /** @type {HTMLElement} */ (page.querySelector(".finder-results"));
  const offers = /** @type {HTMLElement} */ (page.querySelector(".finder-offers"));
  const helpline = document.getElementById("finder-helpline");
  const crisis = document.getElementById("finder-crisis");
  const topics = document.getElementById("finder-topics");
  const filters = form.querySelector("details.finder-filters");
  const summary = filters?.querySelector("summary");
  const summaryText = summary?.textContent ?? "";
  const input = /** @type {HTMLInputElement} */ (form.elements.namedItem("q"));

  // The form can search now: show it, and no longer the words for pages without scripts.
  form.hidden = false;
  for (const p of document.querySelectorAll(".finder-nojs")) p.hidden = true;
  for (const e of document.querySelectorAll(".finder-js")) e.hidden = false;

  const near = /** @type {HTMLButtonElement} */ (form.querySelector("button.near"));
  near.hidden = false;

  // The values each filter may take: those the form offers.
  const allowed = {};
  for (const name of filterNames) {
    const sel = form.elements.namedItem(name);
    if (sel instanceof HTMLSelectElement) allowed[name] = new Set([...sel.options].map((o) => o.value).filter(Boolean));
  }

  let runs = 0;
  let position = null; // [lat, lon], only in memory, only after the visitor asked
  let locating = null; // the pending request for it
  let locateFailed = false;
  let typing = false; // a query being typed replaces the history entry it pushed first
  let firstResults = true; // for markFirst
  let firstDone = true;

  /** read returns the state of the finder the URL holds. */
  function read() {
    const p = new URLSearchParams(location.search);
    const s = { q: p.get("q") || "", filters: {}, near: p.get("near") === "me", n: pageSize, exact: p.get("exact") === "1" };
    for (const name of filterNames) if (p.get(name)) s.filters[name] = valueOf(name, p.get(name));
    const n = Number(p.get("n"));
    if (Number.isInteger(n) && n > pageSize) s.n = Math.min(maxShown, Math.ceil(n / pageSize) * pageSize);
    return s;
  }

  // valueOf returns the value of filter name that a URL's v asks for: as the form writes it
  // ("az"), or written as a hand-made link may write it, in capitals ("AZ") or as the form's
  // label for it ("Spanish", "Martes"). Anything else is left as it is, for find to say it
  // left it out.
  function valueOf(name, v) {
    const lower = v.trim().toLowerCase();
    if (allowed[name]?.has(lower)) return lower;
    const sel = form.elements.namedItem(name);
    const said = tokens(v).join(" ");
    const opt = sel instanceof HTMLSelectElement && said && [...sel.options].find((o) => o.value && tokens(o.textContent ?? "").join(" ") === said);
    return opt ? opt.value : v;
  }

  /** searchOf returns the URL's query string of state s. */
  function searchOf(s) {
    const p = new URLSearchParams();
    if (s.q) p.set("q", s.q);
    for (const name of filterNames) if (s.filters[name]) p.set(name, s.filters[name]);
    if (s.near) p.set("near", "me");
    if (s.exact && s.q) p.set("exact", "1");
    if (s.n > pageSize) p.set("n", String(s.n));
    const str = p.toString();
    return str ? `${location.pathname}?${str}` : location.pathname;
  }

  function fill(s) {
    input.value = s.q;
    for (const name of filterNames) {
      const sel = form.elements.namedItem(name);
      if (sel instanceof HTMLSelectElement) sel.value = allowed[name]?.has(s.filters[name]) ? s.filters[name] : "";
    }
    near.setAttribute("aria-pressed", String(s.near));
    countFilters(s);
  }

  function countFilters(s) {
    const n = filterNames.filter((name) => allowed[name]?.has(s.filters[name])).length;
    if (summary) summary.textContent = n ? t("js.filters-count", { count: n }) : summaryText;
  }

  function fromForm() {
    const s = { q: input.value.trim(), filters: {}, near: near.getAttribute("aria-pressed") === "true", n: pageSize, exact: false };
    for (const name of filterNames) {
      const sel = form.elements.namedItem(name);
      if (sel instanceof HTMLSelectElement && sel.value) s.filters[name] = sel.value;
    }
    return s;
  }

  // go records s in the history (a new entry, or replacing the current one) and runs it. The
  // form shows s, but for a query being typed, which stays as it is (spaces included).
  function go(s, replace = false, typed = false) {
    const url = searchOf(s);
    if (url !== searchOf(read())) {
      if (replace) history.replaceState(null, "", url);
      else history.pushState(null, "", url);
    }
    if (typed) {
      near.setAttribute("aria-pressed", String(s.near));
      countFilters(s);
    } else {
      fill(s);
    }
    run(s);
  }

  function label(name, value) {
    const sel = form.elements.namedItem(name);
    const opt = sel instanceof HTMLSelectElement && [...sel.options].find((o) => o.value === value);
    return opt ? opt.textContent : value;
  }

  // inSentence writes a filter's label as a sentence holds it: "groups for women", "grupos
  // que coinciden con martes"; the names of states and programs, English days and languages,
  // and "LGBTQ+" keep their capitals.
  function inSentence(name, text) {
    const lower = /^(time|attendance|audience)$/.test(name) || (lang === "es" && /^(day|language)$/.test(name));
    return lower && /^\p{Lu}\p{Ll}/u.test(text) ? text[0].toLowerCase() + text.slice(1) : text;
  }

  // locate asks the browser for the visitor's position once, and keeps it in memory.
  function locate() {
    if (position) return Promise.resolve(position);
    if (locating) return locating;
    if (!navigator.geolocation) {
      locateFailed = true;
      return Promise.resolve(null);
    }
    locating = new Promise((resolve) => {
      navigator.geolocation.getCurrentPosition(
        (p) => {
          // The position stays in this page's memory: it is never sent or stored.
          position = [p.coords.latitude, p.coords.longitude];
          locateFailed = false;
          resolve(position);
        },
        () => {
          locateFailed = true;
          resolve(null);
        },
        { maximumAge: 600000, timeout: 20000 },
      );
    }).finally(() => {
      locating = null;
    });
    return locating;
  }

  async function run(s) {
    const id = ++runs;
    status.setAttribute("aria-busy", "true");
    try {
      const words = queryTerms(s.q).length;
      const hasFilters = filterNames.some((n) => s.filters[n]);
      if (!s.near && !words && !hasFilters) {
        page.classList.remove("answered");
        list.replaceChildren();
        offers.replaceChildren();
        say(s.q.trim() ? [t("js.too-short")] : []);
        highlight([], null);
        return;
      }
      let pos = null;
      if (s.near) {
        if (!position && !locateFailed) say([t("js.waiting-location")]);
        pos = await locate();
        if (id !== runs) return;
      }
      // The first results show as soon as their records come, the others below them after.
      const partial = (f) => {
        // A failure here shows in the full results, which follow.
        if (id === runs && !(asksPosition(f) && !s.near)) show(s, f, s.near && !pos, true).catch(() => {});
      };
      let found = await find(index, { q: s.q, filters: s.filters, allowed, position: pos, exact: s.exact, typing: !!s.typing, limit: s.n, partial });
      if (id !== runs) return;
      if (asksPosition(found) && !s.near) {
        // "groups near me": the visitor's position, as the button gives it.
        const next = { ...s, near: true };
        history.replaceState(null, "", searchOf(next));
        near.setAttribute("aria-pressed", "true");
        say([t("js.waiting-location")]);
        pos = await locate();
        if (id !== runs) return;
        if (pos) found = await find(index, { q: s.q, filters: s.filters, allowed, position: pos, exact: s.exact, limit: s.n });
        if (id !== runs) return;
        s = next;
      }
      await show(s, found, s.near && !pos);
      if (s.near && !pos && id === runs) {
        // No position: the button is not left pressed for a sort that is not happening, nor
        // the address saying so.
        near.setAttribute("aria-pressed", "false");
        history.replaceState(null, "", searchOf({ ...s, near: false }));
      }
    } catch (err) {
      if (id !== runs) return;
      list.replaceChildren();
      offers.replaceChildren();
      say([t("js.failed-finder")]);
      console.error(err);
    } finally {
      if (id === runs) {
        status.setAttribute("aria-busy", "false");
        status.dataset.state = "done";
        markFirst();
        keepInSwitch();
      }
    }
  }

  // markFirst marks the moment the first results (or what stands for them) show, for the
  // benchmark (bench/measure.mjs); with all, the moment every result of the page's first
  // search shows.
  function markFirst(all = false) {
    if (firstResults) {
      firstResults = false;
      performance.mark("finder:results");
    }
    if (all && firstDone) {
      firstDone = false;
      performance.mark("finder:all");
    }
  }

  // say puts sentences (text, or elements) in the live region, unless it says them already:
  // a screen reader would read them again.
  function say(parts) {
    const nodes = parts.map((p) => (typeof p === "string" ? el("p", "finder-status", p) : p));
    const text = (list) => list.map((n) => n.textContent).join("\n");
    if (text(nodes) !== text([...status.children])) status.replaceChildren(...nodes);
  }

  // The page's words that carry accents (its filters' labels: "Mañana", "En línea", "Nuevo
  // México"; its link to the Spanish pages, "Español"), by their folded form, and the names of
  // its states, read once.
  let accented = null;
  let states = null;
  // written returns a correction or completion, which the index gives folded ("por la
  // manana"), with each of its words that the visitor typed with accents as typed, or that
  // the page writes with them as the page does ("por la mañana"). Names are written as the
  // page writes them, capitals too: the place found ("Albuquerque", and "Albuquerque NM" with
  // its state's code, which alone may be a word: "in") and the states of the form ("Nuevo
  // México").
  function written(corrected, typed, place) {
    accented ??= accents([...form.querySelectorAll("option, label"), ...document.querySelectorAll("a[hreflang]")].map((n) => n.textContent ?? ""));
    states ??= [...form.querySelectorAll("select[name=state] option[value]:not([value=''])")].map((n) => n.textContent ?? "");
    const mine = accents([typed]);
    const keys = corrected.split(" ");
    const words = keys.map((w) => mine.get(w) ?? accented.get(w) ?? w);
    for (const name of [...(place?.from === "place" ? [place.label, place.label.split(", ")[0]] : []), ...states]) {
      const raw = wordsOf(name);
      const folded = raw.map((w) => tokens(w).join(""));
      for (let i = 0; i + raw.length <= keys.length; i++) {
        if (folded.every((k, j) => keys[i + j] === k)) words.splice(i, raw.length, ...raw);
      }
    }
    // A word the visitor wrote with 's ("women's") is written so, not as two ("women s").
    const possessive = new Map([...typed.matchAll(/([\p{L}\p{M}]+)(['’])s(?![\p{L}\p{M}\p{N}])/gu)].map((mt) => [tokens(mt[1]).join(""), mt[2]]));
    for (let i = words.length - 1; i > 0; i--) {
      if (keys[i] === "s" && possessive.has(keys[i - 1])) words.splice(i - 1, 2, `${words[i - 1]}${possessive.get(keys[i - 1])}s`);
    }
    return words.join(" ");
  }

  // The list the first results of a search went into, while the others were coming (see
  // show): the others are added to it.
  let firstList = null;

  /**
   * show writes what find found.
   * @param {ReturnType<typeof read>} s
   * @param {import("./find.js").Found} found
   * @param {boolean} noPosition near me was asked, but the position is not available
   * @param {boolean} [first] found holds the first results only, the others still coming
   */
  async function show(s, found, noPosition, first = false) {
    const id = runs;
    const m = await index.manifest();
    if (id !== runs) return;
    const corrected = found.corrected && written(found.corrected, s.q, found.place);
    const q = (corrected || s.q).trim();
    const shortQ = [...q].length > 60 ? `${[...q].slice(0, 60).join("")}…` : q;
    const filterLabels = filterNames.filter((n) => s.filters[n] && allowed[n]?.has(s.filters[n])).map((n) => inSentence(n, label(n, s.filters[n])));
    const sentences = [];
    if (noPosition) sentences.push(t(navigator.geolocation ? "js.location-unavailable" : "js.no-geolocation"));
    const miles = found.radius;
    if (found.mode === "near" || found.mode === "place") {
      const place = placeName(found.place.label);
      const you = found.mode === "near";
      // Words of the query besides the place, and the form's filters, narrow the groups: said
      // in the same sentence, so that "no group" is not read as no group at all ("No group
      // for Tuesday meets within 100 miles of Columbus, OH").
      const what = [...(found.narrowed ? [t("js.quoted", { what: shortQ })] : []), ...filterLabels].join(", ");
      const key = `${found.within > 0 ? "js.within" : "js.none-within"}-${you ? "you" : "place"}${what ? "-for" : ""}`;
      sentences.push(found.within > 0 ? tn(key, found.within, { miles, place, what }) : t(key, { miles, place, what }));
      // What those farther match: the place's words, not the words besides that say nothing
      // ("mi hijo springfield": "springfield").
      const far = found.farWords ? written(found.farWords, s.q, found.place) : shortQ;
      if (found.count > found.within) sentences.push(tn("js.farther", found.count - found.within, { what: t("js.quoted", { what: far }) }));
    } else if (found.mode === "text") {
      const what = [];
      // Words that restrict nothing ("support groups", "i want to die") are not quoted as if
      // the groups were found for them.
      if (q && !found.unrestricted) what.push(t("js.quoted", { what: shortQ }));
      what.push(...filterLabels);
      let text = what.length ? tn("js.count-for", found.count, { what: what.join(", ") }) : tn("js.count", found.count);
      if (found.count > 1) text += t("js.soonest-first");
      sentences.push(text);
    } else if (!noPosition && s.q.trim()) {
      // (With no words, what was asked was an unknown filter's, which is said below.)
      sentences.push(t("js.too-short"));
    }
    const shown = found.items.length + (found.pending || 0);
    if (shown < found.count && sentences.length) sentences[sentences.length - 1] += t("js.showing", { shown });
    const out = sentences.map((x) => (/[.!?…]$/.test(x) ? x : `${x}.`));
    // Words of someone in crisis ("i want to die"): the crisis line first, before any group.
    const parts = found.crisis && crisis ? [crisis.content.firstElementChild.cloneNode(true), ...out] : [...out];
    if (found.noneLeftToday) parts.push(t("js.none-left-today"));
    // Notes, in plain type under the count, so that on a phone the first result still shows
    // below them; the note for family says what the one for conditions would.
    if (found.condition && !found.family) parts.push(el("p", "finder-note", t("js.any-condition")));
    if (found.family) parts.push(el("p", "finder-note", t("js.for-family")));
    // "how do i become a facilitator", "jail": the guide, or the trainings, it is about.
    for (const key of found.topics || []) {
      const p = [...(topics?.content.children ?? [])].find((x) => x instanceof HTMLElement && x.dataset.topic === key);
      if (p) parts.push(p.cloneNode(true));
    }
    if (found.corrected) {
      const p = el("p", "finder-corrected", `${t("js.showing-for", { query: corrected })} `);
      const a = el("a", "", t("js.search-instead", { query: t("js.quoted", { what: s.q.trim() }) }));
      a.href = searchOf({ ...s, exact: true, n: pageSize });
      a.addEventListener("click", (e) => {
        e.preventDefault();
        go({ ...s, exact: true, n: pageSize });
      });
      p.append(a);
      parts.push(p);
    }
    // The name's other places ("columbus": Columbus, GA), each the search with its state,
    // called by their name: the place found may be called otherwise ("brooklyn" is New York).
    if (found.alsoNamed?.length && found.place) {
      const p = el("p", "finder-also", `${t("js.also-named", { name: placeName(found.alsoNamed[0].label).replace(/, [A-Z]{2}$/, "") })} `);
      found.alsoNamed.forEach((other, i) => {
        const next = { ...s, q: `${q} ${other.state}`, exact: false, n: pageSize };
        const a = el("a", "", placeName(other.label));
        a.href = searchOf(next);
        a.addEventListener("click", (e) => {
          e.preventDefault();
          go(next);
        });
        p.append(...(i ? [" · ", a] : [a]));
      });
      parts.push(p);
    }
    for (const u of found.unknown) {
      const name = form.querySelector(`label[for="f-${u.name}"]`)?.textContent ?? u.name;
      parts.push(t("js.unknown-filter", { filter: name, value: u.value }));
    }
    if (found.zip) parts.push(t("js.zip-unknown", { zip: found.zip }));
    if (found.zipFrom && found.place) parts.push(t("js.zip-nearest", { zip: found.place.label, near: found.zipFrom }));
    say(parts);
    status.dataset.count = String(found.count);
    status.dataset.mode = found.mode;

    const items = found.items;
    // The answer to a search, results or none, comes right after the search box: on a phone
    // the map gives way to it, on a wide screen the map stands beside it (site.css). A
    // search that finds nothing says so, and what to try next, where it can be seen.
    page.classList.add("answered");
    const now = Date.now();
    const nodes = [];
    // The rest of a list whose first results show already goes below them.
    const rest = !first && firstList?.id === id && firstList.ids.every((x, i) => found.items[i]?.rec.id === x) ? firstList : null;
    firstList = null;
    if (items.length) {
      const ul = rest ? rest.ul : el("ul", "groups");
      for (const it of items.slice(rest ? rest.count : 0)) ul.append(groupItem(it.rec, { home, paths: m.paths, lang, now, miles: it.miles, meetings: found.meetings }));
      nodes.push(ul);
      if (first) {
        list.replaceChildren(ul);
        offers.replaceChildren();
        firstList = { id, ul, count: items.length, ids: items.map((it) => it.rec.id) };
        highlight(items, m);
        markFirst();
        return;
      }
    }
    if (items.length < found.count) {
      // What the next page shows: pageSize more than was asked for, or than the search's
      // budget let this one show (see withinBudget in find.js).
      const more = el("button", "more", tn("js.show-more", Math.min(maxShown, s.n + pageSize, found.count) - items.length));
      more.type = "button";
      more.addEventListener("click", async () => {
        const before = items.length;
        go({ ...s, n: Math.min(maxShown, s.n + pageSize) });
        await new Promise((r) => status.addEventListener("results", r, { once: true }));
        list.querySelectorAll("a.group-name")[before]?.focus();
      });
      nodes.push(more);
    }
    if (rest) {
      // Not moved, so that a link of it the visitor is on stays where it is.
      for (const child of [...list.children]) if (child !== rest.ul) child.remove();
      list.append(...nodes.filter((n) => n !== rest.ul));
    } else {
      list.replaceChildren(...nodes);
    }
    highlight(items, m);
    markFirst(true);
    offers.replaceChildren(...(await nextSteps(s, found, m)));
    status.dispatchEvent(new Event("results"));
  }

  /**
   * nextSteps returns what to offer beside the results: when nothing matches, ways to widen
   * the search; with a place, the online groups of its state; always, when results are few,
   * the HelpLine.
   */
  async function nextSteps(s, found, m) {
    const out = [];
    const ways = el("ul", "finder-ways");
    const add = (node) => ways.append(el("li").appendChild(node).parentNode);
    const button = (text, next) => {
      const b = el("button", "link", text);
      b.type = "button";
      b.addEventListener("click", () => go(next));
      return b;
    };
    const link = (text, href) => {
      const a = el("a", "", text);
      a.href = href;
      return a;
    };
    const empty = found.count === 0;
    const placeEmpty = (found.mode === "place" || found.mode === "near") && found.within === 0;
    // What narrowed a search that found nothing, or nothing near, can be taken away: each
    // filter, and the words besides a place ("albuquerque" with "Near me" in Ohio, which
    // can also be searched where it is).
    if ((empty && found.mode === "text") || placeEmpty) {
      for (const n of filterNames) {
        if (s.filters[n] && allowed[n]?.has(s.filters[n])) add(button(t("js.remove", { what: inSentence(n, label(n, s.filters[n])) }), { ...s, filters: { ...s.filters, [n]: "" }, n: pageSize }));
      }
      if (s.q.trim() && (found.mode === "text" || found.narrowed)) add(button(t("js.without", { what: s.q.trim() }), { ...s, q: "", exact: false, n: pageSize }));
      if (s.q.trim() && found.mode === "near" && found.narrowed) add(button(t("js.search-instead", { query: t("js.quoted", { what: s.q.trim() }) }), { ...s, near: false, n: pageSize }));
      if (!s.near && found.mode === "text") add(button(t("js.near-you"), { ...s, q: "", near: true, n: pageSize }));
    }
    // Online groups: of the state the search is about, else all; with the form's other
    // filters where some are ("Tuesday" with Columbus, Ohio: Ohio's online groups on
    // Tuesday), else without. Their count is of the groups having each filter; a day and a
    // time together hold for one meeting (see find.js), so the link then gives no count.
    // Online groups, hybrid ones among them: the manifest counts them, of each state and of
    // all, so that offering them reads no file; the files are read only to keep other filters,
    // and then they are more of the search's 100 KB.
    const attendance = m.filters.attendance ?? {};
    const onlineCount = (st) => (st ? st.online ?? 0 : (attendance.online?.count ?? 0) + (attendance.hybrid?.count ?? 0));
    // With those the words named: "grupos en español cerca de 85004" is offered Spanish
    // groups online, or none (until 2026-12-06, an English group).
    const named = Object.entries(found.named || {}).filter(([n, v]) => !s.filters[n] && allowed[n]?.has(v));
    const kept = [...Object.entries(s.filters).filter(([n, v]) => n !== "state" && n !== "attendance" && allowed[n]?.has(v)), ...named];
    const keptLabels = kept.map(([n, v]) => inSentence(n, label(n, v))).join(", ");
    const counted = !(kept.some(([n]) => n === "day") && kept.some(([n]) => n === "time"));
    const onlineLink = async (st) => {
      const state = st ? { state: st.code } : {};
      const what = st ? { state: label("state", st.code) } : {};
      if (kept.length) {
        let narrowed = await index.filterRefs("attendance", "online");
        if (st) narrowed = intersect(narrowed, await index.filterRefs("state", st.code));
        for (const [n, v] of kept) narrowed = intersect(narrowed, await index.filterRefs(n, v));
        if (narrowed.length) {
          const text = counted ? `${tn(st ? "js.online-in-state" : "js.online-groups", narrowed.length, what)}: ${keptLabels}` : t(st ? "js.online-in-state-for" : "js.online-for", { ...what, filters: keptLabels });
          return link(text, searchOf({ q: "", filters: { ...Object.fromEntries(kept), ...state, attendance: "online" }, near: false, n: pageSize }));
        }
      }
      if (named.length) return null;
      const count = onlineCount(st);
      return count ? link(tn(st ? "js.online-in-state" : "js.online-groups", count, what), searchOf({ q: "", filters: { ...state, attendance: "online" }, near: false, n: pageSize })) : null;
    };
    const state = found.state && m.states.find((st) => st.code === found.state);
    if (state && (empty || placeEmpty || found.mode === "place" || found.mode === "near")) {
      const a = await onlineLink(state);
      if (a) add(a);
      if (empty || placeEmpty) add(link(t("js.every-in-state", { state: label("state", state.code) }), home + m.paths.state.replace("{state}", state.code)));
    }
    if (empty || placeEmpty) {
      const a = await onlineLink(null);
      if (a) add(a);
    }
    if (empty || placeEmpty) add(link(t("js.browse-states"), "#states"));
    if (ways.childElementCount) {
      if (empty || placeEmpty) {
        const box = el("div", "notice");
        if (empty && found.mode === "text") box.append(el("p", "", t("js.no-match")));
        box.append(el("p", "", t("js.next-steps")), ways);
        if (helpline) box.append(helpline.content.cloneNode(true));
        out.push(box);
      } else {
        out.push(ways);
      }
    } else if (empty && helpline) {
      out.push(helpline.content.cloneNode(true));
    }
    return out;
  }

  // highlight marks the results on the maps of the page: the markers the build drew get
  // is-result (off every other); a national map too full for them gets markers of its own
  // (projection.js).
  function highlight(items, m) {
    const shown = new Set(items.map((it) => it.rec.id));
    for (const a of document.querySelectorAll("svg.map a.marker")) {
      a.classList.toggle("is-result", shown.has(a.getAttribute("data-id")));
    }
    for (const svg of document.querySelectorAll("svg.map[data-projection]")) {
      markResults(/** @type {SVGSVGElement} */ (svg), items, (rec) => home + m.paths.group.replace("{id}", rec.id));
    }
  }

  form.addEventListener("submit", (e) => {
    e.preventDefault();
    clearTimeout(timer);
    typing = false;
    go(fromForm(), false, true);
  });
  form.addEventListener("change", (e) => {
    if (e.target instanceof HTMLSelectElement) {
      typing = false;
      go(fromForm(), false, true);
    }
  });
  let timer = 0;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      // typing: find completes a place's name being typed ("san anto").
      go({ ...fromForm(), typing: true }, typing, true);
      typing = true;
    }, 250);
  });
  window.addEventListener("popstate", () => {
    typing = false;
    const s = read();
    fill(s);
    run(s);
  });
  near.addEventListener("click", () => {
    typing = false;
    const s = fromForm();
    s.near = near.getAttribute("aria-pressed") !== "true";
    go(s);
  });

  // Filters fold away on small screens, so that results come first; open on wide ones. The
  // page has them open, and the stylesheet shows them folded on a small screen until this
  // folds them (is-live): neither moves the page.
  if (filters && !window.matchMedia("(min-width: 40rem)").matches) filters.open = false;
  filters?.classList.add("is-live");

  const s = read();
  fill(s);
  run(s);
}

// asksPosition reports whether a search asks for the visitor's position: its words say "near
// me" ("in my area", "close by") and name no place, which would come first ("groups close by
// Dayton" are Dayton's).
function asksPosition(found) {
  return found.asksNear && !found.place;
}

// accents returns, for each word of texts written with accents or other marks ("Mañana"), its
// folded form → the word in lower case ("manana" → "mañana").
function accents(texts) {
  const words = new Map();
  for (const text of texts) {
    for (const raw of wordsOf(text)) {
      const [key, more] = tokens(raw);
      const lower = raw.toLowerCase();
      if (key && !more && key !== lower) words.set(key, lower);
    }
  }
  return words;
}

// wordsOf returns the words of text as written, marks and all ("Nuevo México": "Nuevo",
// "México").
function wordsOf(text) {
  return text.split(/[^\p{L}\p{M}\p{N}]+/u).filter((w) => w !== "");
}
