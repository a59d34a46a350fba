// Sharing a group's page: the system's share sheet (the Web Share API) where the browser has
// one, else a button that copies the page's address. The page works without this script: it
// shows the address in a field to copy by hand. Every word comes from the page (data-*
// attributes the build writes from the catalogue).

const item = document.querySelector(".actions .share");
if (item instanceof HTMLElement) start(item);

/** @param {HTMLElement} item the hidden list item holding the button and its status */
function start(item) {
  const button = item.querySelector("button");
  const label = button?.querySelector("span");
  const status = item.querySelector(".share-status");
  const field = document.getElementById("share-url");
  if (!button || !label || !status) return;
  const url = field instanceof HTMLInputElement && field.value ? field.value : location.href;
  const canShare = typeof navigator.share === "function";
  if (!canShare) {
    if (!navigator.clipboard) return; // the field stays the way to share
    label.textContent = item.dataset.copy || label.textContent;
  }
  item.hidden = false;
  button.addEventListener("click", async () => {
    status.textContent = "";
    if (canShare) {
      try {
        await navigator.share({ title: document.title, url });
      } catch {
        // Cancelled by the visitor, or refused: nothing to say.
      }
      return;
    }
    try {
      await navigator.clipboard.writeText(url);
      status.textContent = item.dataset.copied || "";
    } catch {
      status.textContent = item.dataset.failed || "";
      if (field instanceof HTMLInputElement) {
        field.focus();
        field.select();
      }
    }
  });
}
