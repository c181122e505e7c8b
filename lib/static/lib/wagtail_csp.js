// Runs what Wagtail's widgets and panels would run in inline scripts, which our
// Content-Security-Policy blocks (lib/wagtail_csp.py says which and why): each leaves a hidden
// <span data-masthead-init="…"> with its options as data. Forms added later (an inline panel's
// "Add" button clones a template) are started as they are inserted. Only the constructors
// named here can be started, whatever a span says.
(function () {
  const CHOOSERS = ["Chooser", "PageChooser", "ImageChooser", "DocumentChooser", "SnippetChooser"];
  const starters = {
    initDateChooser: function (el, options) {
      window.initDateChooser(el.dataset.for, options);
    },
    initTimeChooser: function (el, options) {
      window.initTimeChooser(el.dataset.for, options);
    },
    initDateTimeChooser: function (el, options) {
      window.initDateTimeChooser(el.dataset.for, options);
    },
    InlinePanel: function (_el, options) {
      new window.InlinePanel(options);
    },
    MultipleChooserPanel: function (_el, options) {
      new window.MultipleChooserPanel(options);
    },
    createTaskChooser: function (el) {
      window.createTaskChooser(el.dataset.for);
    },
    chooser: function (el, options) {
      const name = el.dataset.constructor;
      if (CHOOSERS.indexOf(name) === -1) throw new Error(`Unknown chooser ${name}`);
      new window[name](el.dataset.for, options);
    },
  };

  function start(el) {
    if (el.dataset.mastheadStarted || el.closest("template")) return;
    const starter = starters[el.dataset.mastheadInit];
    if (!starter) return;
    el.dataset.mastheadStarted = "1";
    starter(el, el.dataset.options ? JSON.parse(el.dataset.options) : {});
  }

  function startWithin(root) {
    if (root.matches?.("[data-masthead-init]")) start(root);
    if (root.querySelectorAll) root.querySelectorAll("[data-masthead-init]").forEach(start);
  }

  function boot() {
    startWithin(document);
    new MutationObserver(function (changes) {
      changes.forEach(function (change) {
        change.addedNodes.forEach(startWithin);
      });
    }).observe(document.body, { childList: true, subtree: true });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", boot);
  else boot();
})();
