import hashlib
import json
import secrets


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def load(text: str) -> dict:
    return json.loads(text)


def token() -> str:
    return secrets.token_hex(16)
