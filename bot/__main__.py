"""`python -m bot richmenu [--image-only out.png]`: create, upload and set the default rich menu."""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path


async def _richmenu() -> str:
    from backend.clock import SystemClock
    from backend.settings import get_settings
    from bot.line_client import build_line_client
    from bot.richmenu import install_rich_menu

    line = build_line_client(get_settings(), clock=SystemClock())
    try:
        return await install_rich_menu(line)
    finally:
        await line.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot")
    sub = parser.add_subparsers(dest="command", required=True)
    menu = sub.add_parser("richmenu", help="draw the rich menu image, upload it and set it as the default")
    menu.add_argument("--image-only", type=Path, metavar="PNG", help="only draw the image to this file")
    args = parser.parse_args(argv)
    if args.command == "richmenu":
        if args.image_only:
            from bot.richmenu import draw_rich_menu_image

            args.image_only.write_bytes(draw_rich_menu_image())
            print(args.image_only)
            return 0
        print(f"rich menu {asyncio.run(_richmenu())} is the default")
    return 0


if __name__ == "__main__":
    sys.exit(main())
