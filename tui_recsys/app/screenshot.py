"""Renders the README's screenshot (assets/screenshot.svg) from the real data.

    python -m tui_recsys.app.screenshot [--data ../shared/data]
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
from pathlib import Path

from tui_recsys.app.recsys_app import RecsysApp
from tui_recsys.engine.cache.store import Store
from tui_recsys.engine.engine import Engine


async def shoot(data: Path, cache: Path, target: Path) -> None:
    app = RecsysApp(Engine(Store(cache), data))
    async with app.run_test(size=(120, 36)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("slash", *"avatar")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("enter")
        for _ in range(3):
            await app.workers.wait_for_complete()
            await pilot.pause()
        app.save_screenshot(filename=target.name, path=str(target.parent))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=Path("../shared/data"),
                        help="shown in the header as given: run from the project's folder")
    parser.add_argument("--out", type=Path, default=Path("assets/screenshot.svg"))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as cache:
        asyncio.run(shoot(args.data, Path(cache), args.out))
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
