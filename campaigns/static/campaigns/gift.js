// The gift page: what to give and to whom; the card steps are members' card-steps.js.
(function () {
  "use strict";
  const form = document.getElementById("gift-form");
  if (!form || !window.MastheadCardSteps) { return; }
  const emailFields = form.querySelector("[data-gift-email-fields]");
  form.querySelectorAll("input[name=delivery]").forEach(function (radio) {
    radio.addEventListener("change", function () { emailFields.hidden = form.delivery.value === "link"; });
  });

  function order() {
    const pick = ((form.querySelector("input[name=pick]:checked") || {}).value || ":").split(":");
    const fields = ["recipient_name", "recipient_email", "deliver_on", "message", "buyer_email", "buyer_name", "source", "campaign", "article"];
    const body = {plan: pick[0], months: pick[1], delivery: form.delivery.value};
    fields.forEach(function (name) { body[name] = form.elements[name].value; });
    return body;
  }

  window.MastheadCardSteps.attach({
    form: form,
    start: function () { return window.MastheadCardSteps.post("/support/gift/start/", order()); },
    tokenKey: "gift",
    payUrl: "/support/gift/pay/",
    confirmUrl: "/support/gift/confirm/",
    redirect: "/support/gift/",
  });
})();
