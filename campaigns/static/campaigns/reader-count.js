/* Tells the server one article was read: no cookie, no identifier, sent after the page has
   loaded (sendBeacon does not hold up anything the reader sees). */
(function () {
  var me = document.currentScript;
  var article = me.getAttribute("data-article");
  var url = me.getAttribute("data-url");
  function send() {
    var body = new URLSearchParams({ article: article });
    if (navigator.sendBeacon) {
      navigator.sendBeacon(url, body);
    } else {
      fetch(url, { method: "POST", body: body, keepalive: true, credentials: "omit" });
    }
  }
  if (document.readyState === "complete") send();
  else window.addEventListener("load", send, { once: true });
})();
