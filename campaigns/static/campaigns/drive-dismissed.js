/* Hides the drive banner before it paints if this reader dismissed this drive (a first-party
   cookie, read here so the cached page stays the same for everyone). Loaded without defer right
   after the banner opens; a file, not an inline script, so the Content-Security-Policy needs no
   nonce or hash. */
(function () {
  const b = document.getElementById("drive-banner");
  if (b && new RegExp(`(^|; )masthead_drive_dismissed=${b.getAttribute("data-drive")}(;|$)`).test(document.cookie)) {
    b.hidden = true;
  }
})();
