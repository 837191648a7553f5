#!/usr/bin/env python3
"""Screenshot a running site's Arabic home page for the README (docs/images/home-ar.png).

    .venv/bin/python scripts/home_screenshot.py http://127.0.0.1:PORT docs/images/home-ar.png

Run it against the demo site (`make run`, or `manage.py runserver` on any free port after
`load_demo_data`). It drives Debian's Chromium headless through Playwright, as the browser
tests do, at a laptop's width, and keeps the top of the page: what a newcomer sees first.
"""

import shutil
import sys

WIDTH, HEIGHT = 1280, 900


def main(argv):
    if len(argv) != 3:
        sys.exit(f"usage: {argv[0]} BASE_URL OUTPUT.png")
    base_url, output = argv[1].rstrip("/"), argv[2]
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        sys.exit("Chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium, args=["--no-sandbox", "--disable-gpu"]
        )
        page = browser.new_page(
            viewport={"width": WIDTH, "height": HEIGHT}, locale="ar", color_scheme="light"
        )
        response = page.goto(f"{base_url}/ar/", wait_until="networkidle")
        if response is None or response.status != 200:
            sys.exit(f"{base_url}/ar/ answered {response and response.status}")
        page.screenshot(path=output, full_page=False)
        browser.close()
    print(f"wrote {output}")


if __name__ == "__main__":
    main(sys.argv)
