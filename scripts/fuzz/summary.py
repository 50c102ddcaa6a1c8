"""Summarises the schemathesis runs of scripts/fuzz-api, one line per identity: requests
sent, failed checks (by check name), and the operations whose answers went past
authentication (at least one status other than 401 and 403) out of the operations run, and
those that succeeded at least once (2xx).

    python3 summary.py REPORT_DIR IDENTITY…

Reads REPORT_DIR/<identity>.har (every request and answer), REPORT_DIR/<identity>.ndjson
(the checks' results) and REPORT_DIR/openapi.json (to name the operation of each request).
"""

import json
import re
import sys
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

METHODS = ("get", "put", "post", "delete", "patch")


def operation_matchers(spec):
    matchers = []
    for template, item in spec["paths"].items():
        pattern = "^" + re.sub(r"\\\{[^/]*?\\\}", "[^/]+", re.escape(template)) + "/?$"
        for method in METHODS:
            if method in item:
                matchers.append((method.upper(), re.compile(pattern), item[method].get("operationId", template)))
    return matchers


def operation_of(matchers, method, path):
    for wanted, pattern, operation in matchers:
        if wanted == method and pattern.match(path):
            return operation
    return None


def failed_checks(ndjson):
    """Check name → number of failed requests, from the ScenarioFinished events."""
    failures = Counter()
    if not ndjson.exists():
        return failures
    for line in ndjson.read_text().splitlines():
        event = json.loads(line)
        finished = event.get("ScenarioFinished")
        if not finished:
            continue
        for checks in (finished.get("recorder") or {}).get("checks", {}).values():
            for check in checks:
                if str(check.get("status")).lower() == "failure":
                    failures[check["name"]] += 1
    return failures


def errors(ndjson):
    """Operations schemathesis could not test (a body it cannot serialise, say)."""
    if not ndjson.exists():
        return 0
    return sum(1 for line in ndjson.read_text().splitlines() if '"NonFatalError"' in line[:20])


def main():
    report_dir = Path(sys.argv[1])
    spec = json.loads((report_dir / "openapi.json").read_text())
    matchers = operation_matchers(spec)
    total = len(matchers)
    print(f"operations in the document: {total}")
    for identity in sys.argv[2:]:
        har = report_dir / f"{identity}.har"
        entries = json.loads(har.read_text())["log"]["entries"] if har.exists() else []
        answered = {}
        for entry in entries:
            request = entry["request"]
            operation = operation_of(matchers, request["method"], urlsplit(request["url"]).path)
            if operation:
                answered.setdefault(operation, set()).add(entry["response"]["status"])
        past_auth = sorted(op for op, statuses in answered.items() if statuses - {401, 403})
        succeeded = sorted(op for op, statuses in answered.items() if any(200 <= s < 300 for s in statuses))
        failures = failed_checks(report_dir / f"{identity}.ndjson")
        described = ", ".join(f"{name} {count}" for name, count in sorted(failures.items())) or "none"
        described += f"; errors: {errors(report_dir / f'{identity}.ndjson')}"
        print(
            f"{identity}: {len(entries)} requests; failed checks: {described}; "
            f"operations past 401/403: {len(past_auth)} of {len(answered)} run, "
            f"{len(succeeded)} of them answered 2xx"
        )


if __name__ == "__main__":
    main()
