"""The page checkers the quality tests run, pinned in scripts/browser-tools/ (npm ci installs
them): axe-core inside the page, the Nu HTML Checker on the served HTML, Lighthouse on the URLs.

Without them a developer's laptop skips these tests; CI (CI set) fails, as for the engine."""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

TOOLS = Path(__file__).resolve().parents[2] / "scripts" / "browser-tools"
MODULES = TOOLS / "node_modules"
AXE = MODULES / "axe-core" / "axe.min.js"
VNU = MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
LIGHTHOUSE = TOOLS / "lighthouse-pages.js"


def require(*needs):
    """Skip (or fail in CI) unless the tools and programs in `needs` are installed."""
    missing = [str(path) for path in needs if isinstance(path, Path) and not path.exists()]
    missing += [name for name in needs if isinstance(name, str) and shutil.which(name) is None]
    if missing:
        message = f"page checkers missing ({', '.join(missing)}): run npm ci in {TOOLS}"
        if os.environ.get("CI"):
            pytest.fail(f"CI needs the page checkers: {message}")
        pytest.skip(message)


def axe_violations(page):
    """axe-core's violations on the page as it stands, as short readable lines."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    results = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{violation['id']} ({violation['impact']}): {node['target']} {node['html'][:160]}"
        for violation in results["violations"]
        for node in violation["nodes"]
    ]


def html_errors(documents, workdir):
    """The Nu HTML Checker's errors on `documents` ({name: html}), in one Java run:
    {name: [message, …]} for the documents that have any."""
    require(VNU, "java")
    files = {}
    for number, (name, html) in enumerate(documents.items()):
        path = Path(workdir) / f"page-{number}.html"
        path.write_text(html, encoding="utf-8")
        files[path.name] = name
    run = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--format", "json", "--stdout", *files],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=workdir,
    )
    assert run.stdout, f"the HTML checker did not run: {run.stderr[-2000:]}"
    report = json.loads(run.stdout)
    errors = {}
    for message in report.get("messages", []):
        name = files.get(Path(message.get("url", "")).name, message.get("url"))
        errors.setdefault(name, []).append(f"line {message.get('lastLine')}: {message['message']}")
    return errors


def lighthouse(urls):
    """Lighthouse's accessibility and SEO scores for each URL, one Chrome for all of them."""
    require(LIGHTHOUSE, MODULES / "lighthouse", "node")
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    run = subprocess.run(
        ["node", str(LIGHTHOUSE), *urls],
        capture_output=True,
        text=True,
        timeout=60 * len(urls),
        env={**os.environ, "CHROME_PATH": chromium or ""},
    )
    assert run.returncode == 0, run.stderr[-2000:]
    return [json.loads(line) for line in run.stdout.splitlines() if line.startswith("{")]
