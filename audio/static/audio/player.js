// The article's audio player. Without this script the native <audio controls> works on its own;
// with it, the same element gets larger controls with a speed choice (0.75×–2×).
(function () {
  function clock(seconds) {
    const total = Math.max(0, Math.round(seconds || 0));
    const hours = Math.floor(total / 3600);
    const minutes = Math.floor((total % 3600) / 60);
    const secs = String(total % 60).padStart(2, "0");
    return hours ? `${hours}:${String(minutes).padStart(2, "0")}:${secs}` : `${minutes}:${secs}`;
  }

  function enhance(player) {
    const audio = player.querySelector("audio");
    const controls = player.querySelector("[data-controls]");
    const play = player.querySelector("[data-play]");
    const seek = player.querySelector("[data-seek]");
    const speed = player.querySelector("[data-speed]");
    const current = player.querySelector("[data-current]");
    const iconPlay = player.querySelector("[data-icon-play]");
    const iconPause = player.querySelector("[data-icon-pause]");
    if (!audio || !controls) return;

    audio.removeAttribute("controls");
    controls.hidden = false;
    let total = Number(seek.max) || 0;

    function showState() {
      const playing = !audio.paused && !audio.ended;
      play.setAttribute("aria-label", playing ? "Pause the audio" : "Play the audio of this article");
      iconPlay.hidden = playing;
      iconPause.hidden = !playing;
    }

    play.addEventListener("click", function () {
      if (audio.paused || audio.ended) {
        audio.play();
      } else {
        audio.pause();
      }
    });
    audio.addEventListener("play", showState);
    audio.addEventListener("pause", showState);
    audio.addEventListener("ended", showState);
    audio.addEventListener("loadedmetadata", function () {
      if (Number.isFinite(audio.duration)) {
        total = audio.duration;
        seek.max = Math.round(total);
      }
    });
    audio.addEventListener("timeupdate", function () {
      if (!seek.matches(":active")) seek.value = Math.round(audio.currentTime);
      current.textContent = clock(audio.currentTime);
      seek.setAttribute("aria-valuetext", `${clock(audio.currentTime)} of ${clock(total)}`);
    });
    seek.addEventListener("input", function () {
      audio.currentTime = Number(seek.value);
    });
    speed.addEventListener("change", function () {
      audio.playbackRate = Number(speed.value);
    });
  }

  document.querySelectorAll("[data-narration-player]").forEach(enhance);
})();
