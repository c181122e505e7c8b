"""What tests (and the screenshot and bench scripts) share, kept out of the runtime apps:
`newsroom` (a small newsroom made in code and the fixed cast), `browser` (how Chromium is
launched), `axe` (the accessibility check run in browser tests)."""
