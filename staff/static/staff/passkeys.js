// After django-otp-webauthn added a passkey, show the list with it (the page lists passkeys).
document.addEventListener("otp_webauthn.register_complete", function () {
  window.location.reload();
});
