/* The drive banner: a "Hide" button that remembers the choice for a week in a first-party
   cookie, and live progress fetched from a shared, briefly cached JSON endpoint (the page
   itself may come from the page cache). */
(function () {
  const banner = document.getElementById("drive-banner");
  if (!banner) return;
  const drive = banner.getAttribute("data-drive");
  const dismiss = banner.querySelector("[data-drive-dismiss]");
  dismiss.hidden = false;
  dismiss.addEventListener("click", function () {
    document.cookie = `masthead_drive_dismissed=${drive}; max-age=${7 * 24 * 3600}; path=/; SameSite=Lax`;
    banner.hidden = true;
  });

  function show(progress) {
    document.querySelectorAll("[data-drive-progress]").forEach(function (box) {
      box.querySelector("[data-drive-text]").textContent = progress.text;
      box.querySelector("[data-drive-supporters]").textContent = `· ${progress.supporters_text}`;
      const bar = box.querySelector("[data-drive-bar]");
      bar.setAttribute("aria-valuenow", progress.percent);
      bar.setAttribute("aria-valuetext", progress.text);
      bar.firstElementChild.style.width = `${progress.percent}%`;
    });
  }
  fetch(banner.getAttribute("data-progress-url"), { credentials: "omit" })
    .then(function (response) {
      return response.ok ? response.json() : null;
    })
    .then(function (data) {
      if (!data) return;
      if (!data.drive || String(data.drive.campaign_id) !== drive) {
        // The drive ended (or another began) since this page was cached.
        banner.hidden = true;
        document.querySelectorAll(".drive-appeal").forEach(function (el) {
          el.hidden = true;
        });
        return;
      }
      show(data.drive);
    })
    .catch(function () {
      /* the numbers printed in the page stay */
    });
})();
