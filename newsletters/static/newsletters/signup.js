// Sign-up forms: show "Please enter a valid email address" beside the field before sending,
// instead of the browser's bubble. Without this script the server says the same thing.
(function () {
  document.querySelectorAll("form[data-signup]:not([data-ready])").forEach(function (form) {
    form.setAttribute("data-ready", "");
    form.noValidate = true;
    const email = form.querySelector("input[name=email]");
    const emailError = form.querySelector("[data-error-for=email]");
    const listError = form.querySelector("[data-error-for=newsletters]");
    function checkEmail() {
      const ok = email.value.trim() !== "" && email.checkValidity();
      emailError.hidden = ok;
      if (ok) {
        email.removeAttribute("aria-invalid");
      } else {
        email.setAttribute("aria-invalid", "true");
      }
      return ok;
    }
    email.addEventListener("blur", function () {
      if (email.value) {
        checkEmail();
      }
    });
    email.addEventListener("input", function () {
      if (!emailError.hidden) {
        checkEmail();
      }
    });
    form.addEventListener("submit", function (event) {
      const emailOk = checkEmail();
      const listOk = form.querySelector("input[name=newsletters]:checked") !== null;
      listError.hidden = listOk;
      if (!emailOk || !listOk) {
        event.preventDefault();
        (emailOk ? form.querySelector("input[name=newsletters]") : email).focus();
      }
    });
  });
})();
