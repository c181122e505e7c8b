// Fills a cached page's per-person slots (`data-member-fill`) from /membership/me.json.
// Cached pages are shared by every reader of a kind (members/reader_kind.py), so the
// member's name arrives here, after the page, and only as text (never as HTML).
(function () {
  
  const slots = document.querySelectorAll("[data-member-fill]");
  if (!slots.length || !window.fetch) return;
  fetch("/membership/me.json", { credentials: "same-origin", headers: { Accept: "application/json" } })
    .then(function (response) { return response.ok ? response.json() : null; })
    .then(function (me) {
      if (!me || !me.signed_in || !me.name) return;
      slots.forEach(function (slot) {
        if (slot.getAttribute("data-member-fill") === "name") slot.textContent = `, ${me.name}`;
      });
    })
    .catch(function () { /* the page reads fine without the name */ });
})();
