// The join page and the card form on the account page. Card numbers go from Stripe.js
// (Elements) straight to Stripe; our server only ever sees ids.
(function () {
  "use strict";
  const form = document.getElementById("join-form") || document.getElementById("card-form");
  if (!form || typeof Stripe === "undefined") { return; }
  const stripe = Stripe(form.dataset.stripeKey);
  const elements = stripe.elements();
  const card = elements.create("card");
  card.mount("#card-element");
  const errorBox = form.querySelector("[role=alert]");
  const statusBox = form.querySelector("[role=status]");
  const submit = form.querySelector("button[type=submit]");

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
    if (!data.status) { data = {status: "failed", message: "Something went wrong on our side. Nothing was charged. Please try again."}; }
    return data;
  }

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

  async function finish(step, checkout) {
    if (step.status === "requires_action") {
      show(statusBox, "Your bank wants to confirm it is you…");
      const result = await stripe.confirmCardPayment(step.client_secret);
      if (result.error) {
        return {status: "failed", message: "Your bank's security check was not completed. No money was taken. Try again or use another card."};
      }
      step = await post("/membership/join/confirm/", {checkout: checkout});
    }
    return step;
  }

  form.addEventListener("submit", async function (event) {
    event.preventDefault();
    show(errorBox, ""); submit.disabled = true; show(statusBox, "Checking your card…");
    try {
      let start;
      if (form.id === "card-form") {
        start = await post("/membership/account/card/", {}, {"X-CSRFToken": form.dataset.csrf});
      } else {
        start = await post("/membership/join/start/", startBody());
      }
      if (start.status !== "confirm_card") { throw start; }
      const setup = await stripe.confirmCardSetup(start.client_secret, {
        payment_method: {card: card, billing_details: {email: (form.querySelector("#join-email") || {}).value || undefined}},
      });
      if (setup.error) {
        throw {message: (setup.error.message || "Your card was declined.") + " No money was taken. Check the details or try another card."};
      }
      show(statusBox, "Taking the payment…");
      let step = await post("/membership/join/pay/", {checkout: start.checkout});
      step = await finish(step, start.checkout);
      if (step.status !== "succeeded") { throw step; }
      show(statusBox, "Done. Thank you!");
      window.location.assign(step.redirect || "/membership/account/");
    } catch (failure) {
      show(statusBox, "");
      show(errorBox, (failure && failure.message) || "Something went wrong. Nothing was charged. Please try again.");
      submit.disabled = false;
    }
  });
})();
