"""No secrets in the repository: every tracked file is searched for keys and passwords."""

import re
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# Built from pieces so this file does not match itself.
SECRET_PATTERNS = {
    "private key": re.compile("-----BEGIN ([A-Z]+ )?" + "PRIVATE KEY-----"),
    "AWS access key id": re.compile(r"\b(AKIA|ASIA)[0-9A-Z]{16}\b"),
    "AWS secret access key": re.compile(r"aws_secret_access_key\s*[=:]\s*\S{20,}", re.I),
    "SECRET_KEY literal": re.compile(r"""\bSECRET_KEY\s*=\s*["'][^"']+["']"""),
    "GitHub token": re.compile(r"\bgh[pousr]_[A-Za-z0-9]{36,}\b"),
    "Slack token": re.compile(r"\bxox[baprs]-[A-Za-z0-9-]{10,}\b"),
}


def _key(value: str) -> str:
    # Written in two pieces so that this file does not match itself.
    return "SECRET_KEY" + f' = "{value}"'


# Where a match is deliberate: (path, pattern) -> the only text it may match there.
ALLOWED = {
    # Benchmarks' keys for the throwaway local servers they start.
    ("bench/trends_load.py", "SECRET_KEY literal"): _key(
        "bench-trends-not-a-real-secret-key-0123456789abcdefghijklmnop"
    ),
    ("bench/load.py", "SECRET_KEY literal"): _key(
        "bench-load-not-a-real-secret-key-0123456789abcdefghijklmnop"
    ),
    # The system tests' key for the private stack they start (its first piece).
    ("tests/system/_stack.py", "SECRET_KEY literal"): _key("system-tests-only-not-a-real-secret-"),
    # Only ever used with DEBUG on (the production profile refuses to start without a key).
    ("scr_platform/settings.py", "SECRET_KEY literal"): _key(
        "local-development-only-key-not-for-any-deployment"
    ),
}


def _tracked_files() -> list[str]:
    try:
        listed = subprocess.run(
            ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True, timeout=60
        )
    except (OSError, subprocess.CalledProcessError) as error:
        pytest.skip(f"not a git work tree ({error}): nothing tracked to scan")
    return [name for name in listed.stdout.decode().split("\0") if name]


def test_no_secrets_are_tracked_in_the_repository():
    found = []
    files = _tracked_files()
    for name in files:
        base = Path(name).name
        if base == ".env" or (base.startswith(".env.") and base != ".env.example"):
            found.append(f"{name}: an environment file (keep it out of git)")
        if base.endswith((".pem", ".key", ".p12", ".pfx")) or base in ("id_rsa", "id_ed25519"):
            found.append(f"{name}: a key file")
        path = ROOT / name
        if name.startswith(("node_modules/", "static/dist/")) or not path.is_file():
            continue
        if path.stat().st_size > 2_000_000:
            continue  # sample PDFs and the like
        text = path.read_bytes().decode("utf-8", "ignore")
        for label, pattern in SECRET_PATTERNS.items():
            for match in pattern.finditer(text):
                if ALLOWED.get((name, label)) == match.group(0):
                    continue
                if name == "scr_platform/settings_test.py" and label == "SECRET_KEY literal":
                    continue
                line = text.count("\n", 0, match.start()) + 1
                found.append(f"{name}:{line}: {label}")
    assert len(files) > 50, "git ls-files listed too few files to be this repository"
    assert not found, "Possible secrets in tracked files:\n" + "\n".join(found)
