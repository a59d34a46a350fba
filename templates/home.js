// The home page: shows the search box and "Near me", which need the finder's script (without
// script the page offers each state's list instead, which this hides), and keeps the list of meetings today and
// soon current: the build wrote a week of them, this drops those that have ended and shows the
// next few.

const shown = 5;

for (const el of document.querySelectorAll(".home-search, .hero .near")) {
  if (el instanceof HTMLElement) el.hidden = false;
}
// The search now leads the way in; the states' list, long in a national directory, gives way
// to the link to it, so that meetings come next on a phone's first screen.
const states = document.querySelector(".home-states");
if (states instanceof HTMLElement) states.hidden = true;

const list = document.querySelector("ul.soon");
if (list instanceof HTMLElement) {
  const now = Date.now();
  let kept = 0;
  for (const li of [...list.children]) {
    if (!(li instanceof HTMLElement)) continue;
    const end = Date.parse(li.dataset.end || "");
    if (!Number.isNaN(end) && end <= now) {
      li.remove();
      continue;
    }
    li.hidden = kept >= shown;
    kept++;
  }
  list.classList.add("is-live");
  if (kept === 0) {
    const p = document.createElement("p");
    p.textContent = list.dataset.empty || "";
    list.replaceWith(p);
  }
}
