"""What a consent scan may be, by its content, not its name: PDF, JPEG or PNG. No Django here.

A browser decides how to show a file by sniffing it as well as by its name and type, so a file that only
calls itself a PDF (an HTML page, an SVG with a script, a program) is refused, and so is a «polyglot» that
starts like a PDF or an image but carries markup a browser would run.
"""

SIGNATURES = {b"%PDF-": "pdf", b"\xff\xd8\xff": "jpg", b"\x89PNG\r\n\x1a\n": "png"}
CONTENT_TYPES = {"pdf": "application/pdf", "jpg": "image/jpeg", "png": "image/png"}
HEAD = 4096
MARKUP = (b"<html", b"<script", b"<svg", b"<body", b"<iframe", b"<?xml", b"javascript:")
REFUSED = "Скан согласия принимается только в формате PDF, JPEG или PNG, а этот файл не похож ни на один из них."


def kind_of(head: bytes) -> str | None:
    """«pdf», «jpg» or «png» for the first bytes of an acceptable file, None for anything else."""
    kind = next((k for signature, k in SIGNATURES.items() if head.startswith(signature)), None)
    lowered = head[:HEAD].lower()
    return None if kind is None or any(tag in lowered for tag in MARKUP) else kind
