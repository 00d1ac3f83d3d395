"""Hooks through which feature packages (the LINE bot, ...) attach their clients to a runtime.

Each entry in FEATURE_HOOKS is "module:function"; the function is `async def f(runtime) -> None`
and may register closers with runtime.on_close().
"""

from __future__ import annotations

import importlib

from backend.runtime import Runtime

FEATURE_HOOKS: list[str] = [
    "bot.app:attach_bot_runtime",
    "backend.admin.staff_accounts:ensure_demo_admin",
]


async def attach_features(runtime: Runtime) -> None:
    for ref in FEATURE_HOOKS:
        module_name, func_name = ref.split(":")
        hook = getattr(importlib.import_module(module_name), func_name)
        await hook(runtime)
