"""Quality: read gold annotations and score a built graph by the rules of gold/GUIDE.md."""
from __future__ import annotations

__all__: list[str] = []
