from payments.testing import localstripe, stripe_settings  # noqa: F401
