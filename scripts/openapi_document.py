#!/usr/bin/env python3
"""Write the open API's OpenAPI document to a file, for the manual (`make docs`).

The document is the one the site serves at /api/v1/schema/, asked for through Django's test
client, so the manual shows exactly what the code answers. No database or service is needed.
"""

import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCHEMA_PATH = "/api/v1/schema/"


def main(argv):
    if len(argv) != 2:
        sys.exit(f"usage: {argv[0]} OUTPUT.json")
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tasharuk.settings.dev")
    import django

    django.setup()
    from django.test import Client

    response = Client(HTTP_HOST="127.0.0.1").get(SCHEMA_PATH)
    if response.status_code != 200:
        sys.exit(f"{SCHEMA_PATH} answered {response.status_code}")
    document = json.loads(response.content)
    output = Path(argv[1])
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(document, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {output} ({len(document.get('paths', {}))} paths)")


if __name__ == "__main__":
    main(sys.argv)
