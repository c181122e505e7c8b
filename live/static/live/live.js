/* Live coverage: new entries without reloading.

   Every few seconds (with jitter, slower while the tab is hidden) the page asks its shared,
   cached updates.json with the ETag it last saw; an unchanged page answers 304 with no body.
   New entries are held behind a "N new updates" button, announced politely to screen readers,
   and inserted only when the reader asks, so the text being read never moves. Corrected
   entries, pinned entries, the summary box and the key-events list are updated in place, with
   the scroll position kept on the entry the reader is looking at. No inline script (CSP). */
(function () {
  const root = document.querySelector("[data-live-page]");
  if (!root) return;
  const url = root.getAttribute("data-updates-url");
  const baseSeconds = parseInt(root.getAttribute("data-poll-seconds"), 10) || 5;
  const firstStreamPage = root.getAttribute("data-stream-page") === "1";
  const pinnedList = root.querySelector("[data-live-pinned]");
  const entryList = root.querySelector("[data-live-entries]");
  const newBox = root.querySelector("[data-live-new]");
  const newButton = root.querySelector("[data-live-show]");
  const announcer = root.querySelector("[data-live-announcer]");
  const summaryBox = root.querySelector("[data-live-summary]");
  const keyEventsBox = root.querySelector("[data-live-key-events]");
  let etag = null;
  let pending = [];       // entries (JSON) not yet shown, newest first
  let reloadNeeded = false;
  let timer = null;
  let stopped = root.getAttribute("data-live-status") !== "live";

  function fragment(html) {
    const template = document.createElement("template");
    template.innerHTML = html.trim();
    return template.content.firstElementChild;
  }

  function item(entry) {
    const li = document.createElement("li");
    li.className = "live__item";
    li.appendChild(fragment(entry.html));
    return li;
  }

  function shown(id) {
    return root.querySelector(`[data-entry="${id}"]`);
  }

  /* Run a DOM change without moving what the reader is looking at: the first entry whose top
     is on screen stays where it was. */
  function keepingScroll(change) {
    let anchor = null;
    let before = 0;
    const entries = root.querySelectorAll("[data-entry]");
    for (let i = 0; i < entries.length; i++) {
      const top = entries[i].getBoundingClientRect().top;
      if (top >= 0) { anchor = entries[i].getAttribute("data-entry"); before = top; break; }
    }
    change();
    if (anchor === null) return;
    const again = shown(anchor);
    if (again) window.scrollBy(0, again.getBoundingClientRect().top - before);
  }

  function replaceInPlace(element, entry) {
    element.parentNode.replaceChild(fragment(entry.html), element);
  }

  function sameList(list, entries) {
    const have = list.querySelectorAll("[data-entry]");
    if (have.length !== entries.length) return false;
    for (let i = 0; i < entries.length; i++) {
      if (have[i].getAttribute("data-entry") !== String(entries[i].id)) return false;
    }
    return true;
  }

  function setPinned(entries) {
    if (sameList(pinnedList, entries)) {
      entries.forEach(function (entry) {
        const element = shown(entry.id);
        if (element && element.getAttribute("data-updated") !== updatedStamp(entry)) replaceInPlace(element, entry);
      });
      return;
    }
    pinnedList.textContent = "";
    entries.forEach(function (entry) {
      const old = entryList.querySelector(`[data-entry="${entry.id}"]`);
      if (old) old.parentNode.parentNode.removeChild(old.parentNode); // pinned now: shown once, on top
      pinnedList.appendChild(item(entry));
    });
  }

  function updatedStamp(entry) {
    return entry.stamp; // the template's data-updated, from the server
  }

  function announce(count) {
    const label = reloadNeeded
      ? "New updates: reload the page to see them"
      : count === 1 ? "1 new update" : `${count} new updates`;
    newButton.textContent = reloadNeeded ? "New updates · reload" : `Show ${label}`;
    newBox.hidden = false;
    if (announcer.textContent !== label) announcer.textContent = label;
  }

  function apply(data) {
    if (summaryBox.innerHTML.trim() !== data.summary_html.trim()) {
      keepingScroll(function () { summaryBox.innerHTML = data.summary_html; });
    }
    if (keyEventsBox.innerHTML.trim() !== data.key_events_html.trim()) {
      keepingScroll(function () { keyEventsBox.innerHTML = data.key_events_html; });
    }
    keepingScroll(function () { setPinned(data.pinned); });

    const listed = {};
    data.pinned.concat(data.entries).forEach(function (entry) { listed[entry.id] = true; });
    const oldest = data.entries.length ? Date.parse(data.entries[data.entries.length - 1].posted_at) : 0;
    const windowHoldsAll = data.total <= data.entries.length;
    // Removed entries go, if the answer covers the stretch of time they were in.
    entryList.querySelectorAll("[data-entry]").forEach(function (element) {
      if (listed[element.getAttribute("data-entry")]) return;
      const time = element.querySelector("time");
      const when = time ? Date.parse(time.getAttribute("datetime")) : 0;
      if (windowHoldsAll || when >= oldest) {
        keepingScroll(function () { element.parentNode.parentNode.removeChild(element.parentNode); });
      }
    });
    pending = pending.filter(function (entry) { return listed[entry.id]; });

    const fresh = [];
    data.entries.forEach(function (entry) {
      const element = shown(entry.id);
      if (element) {
        if (element.getAttribute("data-updated") !== updatedStamp(entry)) {
          keepingScroll(function () { replaceInPlace(element, entry); });
        }
        return;
      }
      fresh.push(entry);
    });
    // Every entry in the answer is new to this reader and there are more: too far behind.
    const seen = entryList.querySelectorAll("[data-entry]").length;
    reloadNeeded = seen > 0 && fresh.length === data.entries.length && data.total > data.entries.length;
    pending = fresh;
    if (pending.length) announce(pending.length);
    else { newBox.hidden = true; }

    if (data.status !== "live") {
      stopped = true;
      const badge = root.querySelector(".live-badge");
      if (badge) { badge.textContent = "Coverage ended"; badge.className = "live-badge live-badge--ended"; }
    }
  }

  function showPending() {
    if (reloadNeeded) { window.location.reload(); return; }
    const empty = entryList.querySelector("[data-live-empty]");
    if (empty) empty.parentNode.removeChild(empty);
    let first = null;
    for (let i = pending.length - 1; i >= 0; i--) {
      if (shown(pending[i].id)) continue;
      const li = item(pending[i]);
      entryList.insertBefore(li, entryList.firstChild);
      first = li.firstElementChild;
    }
    pending = [];
    newBox.hidden = true;
    announcer.textContent = "";
    if (first) {
      // Keyboard and screen-reader users continue at the newest entry.
      first.setAttribute("tabindex", "-1");
      first.focus();
    }
  }

  function delay() {
    const seconds = document.visibilityState === "hidden" ? baseSeconds * 12 : baseSeconds;
    return seconds * 1000 + Math.floor(Math.random() * 2000);
  }

  function schedule(ms) {
    window.clearTimeout(timer);
    if (!stopped) timer = window.setTimeout(poll, ms);
  }

  function poll() {
    const headers = {};
    if (etag) headers["If-None-Match"] = etag;
    fetch(url, { credentials: "omit", cache: "no-store", headers: headers })
      .then(function (response) {
        if (response.status === 304 || !response.ok) return null;
        etag = response.headers.get("ETag");
        return response.json();
      })
      .then(function (data) { if (data) apply(data); })
      .catch(function () { /* offline for a moment: the next poll tries again */ })
      .then(function () { schedule(delay()); });
  }

  newButton.addEventListener("click", showPending);
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible") schedule(500);
  });
  // Older stream pages are an archive; only the first one grows.
  if (firstStreamPage) schedule(delay());
})();
