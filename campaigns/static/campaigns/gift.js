// The gift page: card details go from Stripe.js straight to Stripe; our server sees ids only.
(function () {
  "use strict";
  const form = document.getElementById("gift-form");
  if (!form || typeof Stripe === "undefined") { return; }
  const stripe = Stripe(form.dataset.stripeKey);
  const card = stripe.elements().create("card");
  card.mount("#card-element");
  const errorBox = form.querySelector("[role=alert]");
  const statusBox = form.querySelector("[role=status]");
  const submit = form.querySelector("button[type=submit]");
  const emailFields = form.querySelector("[data-gift-email-fields]");

  function show(box, text) { box.textContent = text; box.hidden = !text; }
  form.querySelectorAll("input[name=delivery]").forEach(function (radio) {
    radio.addEventListener("change", function () { emailFields.hidden = form.delivery.value === "link"; });
  });

  async function post(url, body) {
    const response = await fetch(url, {
      method: "POST", credentials: "same-origin",
      headers: {"Content-Type": "application/json"}, body: JSON.stringify(body),
    });
    let data = {};
    try { data = await response.json(); } catch (e) { data = {}; }
    if (!data.status) { data = {status: "failed", message: "Something went wrong on our side. Nothing was charged. Please try again."}; }
    return data;
  }

  function order() {
    const pick = ((form.querySelector("input[name=pick]:checked") || {}).value || ":").split(":");
    const fields = ["recipient_name", "recipient_email", "deliver_on", "message", "buyer_email", "buyer_name", "source", "campaign", "article"];
    const body = {plan: pick[0], months: pick[1], delivery: form.delivery.value};
    fields.forEach(function (name) { body[name] = form.elements[name].value; });
    return body;
  }

  form.addEventListener("submit", async function (event) {
    event.preventDefault();
    show(errorBox, ""); submit.disabled = true; show(statusBox, "Checking your card…");
    try {
      const start = await post("/support/gift/start/", order());
      if (start.status !== "confirm_card") { throw start; }
      const setup = await stripe.confirmCardSetup(start.client_secret, {payment_method: {card: card}});
      if (setup.error) {
        throw {message: (setup.error.message || "Your card was declined.") + " No money was taken. Check the details or try another card."};
      }
      show(statusBox, "Taking the payment…");
      let step = await post("/support/gift/pay/", {gift: start.gift});
      if (step.status === "requires_action") {
        show(statusBox, "Your bank wants to confirm it is you…");
        const result = await stripe.confirmCardPayment(step.client_secret);
        if (result.error) { throw {message: "Your bank's security check was not completed. No money was taken. Try again or use another card."}; }
        step = await post("/support/gift/confirm/", {gift: start.gift});
      }
      if (step.status !== "succeeded") { throw step; }
      show(statusBox, "Done. Thank you!");
      window.location.assign(step.redirect);
    } catch (failure) {
      show(statusBox, "");
      show(errorBox, (failure && failure.message) || "Something went wrong. Nothing was charged. Please try again.");
      submit.disabled = false;
    }
  });
})();
