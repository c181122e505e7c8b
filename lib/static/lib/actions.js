/* Small page actions that would otherwise be inline handlers, which the Content-Security-Policy
   forbids: data-confirm="question" asks before a button submits; data-print prints the page. */
document.addEventListener("click", function (event) {
  const confirmer = event.target.closest("[data-confirm]");
  if (confirmer && !window.confirm(confirmer.getAttribute("data-confirm"))) {
    event.preventDefault();
    return;
  }
  if (event.target.closest("[data-print]")) {
    window.print();
  }
});
