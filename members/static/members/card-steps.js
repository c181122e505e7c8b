// The card steps every payment form runs (join, new card, gift): start, card in Stripe.js,
// pay, 3-D Secure when the bank asks, outcome. Card numbers go from Stripe.js (Elements)
// straight to Stripe; our server only ever sees ids. Each page script says where to post.
window.MastheadCardSteps = (function () {
  "use strict";
  const OUR_FAULT = "Something went wrong on our side. Nothing was charged. Please try again.";

  function show(box, text) { box.textContent = text; box.hidden = !text; }

  async function post(url, body, headers) {
    const response = await fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: Object.assign({"Content-Type": "application/json"}, headers || {}),
      body: JSON.stringify(body),
    });
    let data = {};
    try { data = await response.json(); } catch (e) { data = {}; }
    if (!data.status) { data = {status: "failed", message: OUR_FAULT}; }
    return data;
  }

  // options: form; start() → the start answer ({status, client_secret, <tokenKey>});
  // tokenKey ("checkout" or "gift"); payUrl; confirmUrl; billingEmail() (optional);
  // redirect (where to go when the answer names nowhere).
  function attach(options) {
    const form = options.form;
    if (!form || typeof Stripe === "undefined") { return; }
    const stripe = Stripe(form.dataset.stripeKey);
    const card = stripe.elements().create("card");
    card.mount("#card-element");
    const errorBox = form.querySelector("[role=alert]");
    const statusBox = form.querySelector("[role=status]");
    const submit = form.querySelector("button[type=submit]");

    function tokenBody(start) {
      const body = {};
      body[options.tokenKey] = start[options.tokenKey];
      return body;
    }

    form.addEventListener("submit", async function (event) {
      event.preventDefault();
      show(errorBox, ""); submit.disabled = true; show(statusBox, "Checking your card…");
      try {
        const start = await options.start();
        if (start.status !== "confirm_card") { throw start; }
        const email = options.billingEmail ? options.billingEmail() : "";
        const setup = await stripe.confirmCardSetup(start.client_secret, {
          payment_method: email ? {card: card, billing_details: {email: email}} : {card: card},
        });
        if (setup.error) {
          throw {message: (setup.error.message || "Your card was declined.") + " No money was taken. Check the details or try another card."};
        }
        show(statusBox, "Taking the payment…");
        let step = await post(options.payUrl, tokenBody(start));
        if (step.status === "requires_action") {
          show(statusBox, "Your bank wants to confirm it is you…");
          const result = await stripe.confirmCardPayment(step.client_secret);
          if (result.error) {
            throw {message: "Your bank's security check was not completed. No money was taken. Try again or use another card."};
          }
          step = await post(options.confirmUrl, tokenBody(start));
        }
        if (step.status !== "succeeded") { throw step; }
        show(statusBox, "Done. Thank you!");
        window.location.assign(step.redirect || options.redirect);
      } catch (failure) {
        show(statusBox, "");
        show(errorBox, (failure && failure.message) || "Something went wrong. Nothing was charged. Please try again.");
        submit.disabled = false;
      }
    });
  }

  return {attach: attach, post: post};
})();
