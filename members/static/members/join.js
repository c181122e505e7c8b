// The join page and the card form on the account page; the card steps are card-steps.js.
(function () {
  "use strict";
  const form = document.getElementById("join-form") || document.getElementById("card-form");
  if (!form || !window.MastheadCardSteps) { return; }
  const steps = window.MastheadCardSteps;
  const submit = form.querySelector("button[type=submit]");

  // Word the button for what is paid: a donation is not joining.
  function labelSubmit() {
    if (form.id !== "join-form") { return; }
    const pick = (form.querySelector("input[name=pick]:checked") || {}).value || "";
    submit.textContent = pick.indexOf("donation") === 0 ? "Pay and donate" : "Pay and join";
  }
  form.addEventListener("change", labelSubmit);
  labelSubmit();

  form.querySelectorAll(".member-amount").forEach(function (button) {
    button.addEventListener("click", function () {
      form.querySelector("#join-amount").value = button.dataset.amount;
      const pick = form.querySelector("input[name=pick][value^=donation]:checked");
      if (!pick) { form.querySelector("input[name=pick][value=donation_once]").checked = true; }
      labelSubmit();
    });
  });

  function startBody() {
    const pick = (form.querySelector("input[name=pick]:checked") || {}).value || "";
    const parts = pick.split(":");
    return {
      choice: parts[0], plan: parts[1] || "", interval: parts[2] || "month",
      amount: (form.querySelector("#join-amount") || {}).value || "",
      email: form.querySelector("#join-email").value, name: form.querySelector("#join-name").value,
      source: form.source.value, campaign: form.campaign.value, article: form.article.value,
    };
  }

  steps.attach({
    form: form,
    start: function () {
      if (form.id === "card-form") {
        return steps.post("/membership/account/card/", {}, {"X-CSRFToken": form.dataset.csrf});
      }
      return steps.post("/membership/join/start/", startBody());
    },
    tokenKey: "checkout",
    payUrl: "/membership/join/pay/",
    confirmUrl: "/membership/join/confirm/",
    billingEmail: function () { return (form.querySelector("#join-email") || {}).value || ""; },
    redirect: "/membership/account/",
  });
})();
