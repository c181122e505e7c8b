/* Tells the server one article was read: no cookie, no identifier, sent after the page has
   loaded (sendBeacon does not hold up anything the reader sees). */
(function () {
  const me = document.currentScript;
  const article = me.getAttribute("data-article");
  const url = me.getAttribute("data-url");
  function send() {
    const body = new URLSearchParams({ article: article });
    if (navigator.sendBeacon) {
      navigator.sendBeacon(url, body);
    } else {
      fetch(url, { method: "POST", body: body, keepalive: true, credentials: "omit" });
    }
  }
  if (document.readyState === "complete") send();
  else window.addEventListener("load", send, { once: true });
})();
