// The rich-text editor (Draftail) copies what was typed into its form field 250 ms after the last
// keystroke. "Save draft" clicked sooner than that saved the paragraph empty. So a form holding
// rich text waits out that interval once before it is really submitted.
(function () {
  const WAIT_MS = 300; // Draftail's stateSaveInterval is 250 ms

  document.addEventListener(
    "submit",
    function (event) {
      const form = event.target;
      if (!(form instanceof HTMLFormElement) || !form.querySelector(".Draftail-Editor")) return;
      if (form.dataset.richTextSaved === "yes") {
        delete form.dataset.richTextSaved;
        return; // the second, real submit
      }
      event.preventDefault();
      event.stopImmediatePropagation();
      const submitter = event.submitter || null;
      window.setTimeout(function () {
        form.dataset.richTextSaved = "yes";
        if (submitter && form.requestSubmit) {
          form.requestSubmit(submitter);
        } else if (form.requestSubmit) {
          form.requestSubmit();
        } else {
          form.submit();
        }
        // If the browser's own validation stopped that submit, the next one waits again.
        window.setTimeout(function () {
          delete form.dataset.richTextSaved;
        }, 0);
      }, WAIT_MS);
    },
    true,
  );
})();
