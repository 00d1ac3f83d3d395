"""``python -m line_emulator --port 8090 --webhook-url http://127.0.0.1:8000/line/webhook ...``"""

from __future__ import annotations

import argparse
from collections.abc import Sequence

import uvicorn

from line_emulator.app import create_emulator_app
from line_emulator.config import EmulatorConfig, FaultConfig, RateLimit


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m line_emulator", description="LINE platform emulator")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8090)
    parser.add_argument("--webhook-url", default=None, help="the bot's webhook, e.g. http://127.0.0.1:8000/line/webhook")
    parser.add_argument("--channel-secret", default=EmulatorConfig.model_fields["channel_secret"].default)
    parser.add_argument("--channel-token", default=EmulatorConfig.model_fields["channel_access_token"].default)
    parser.add_argument("--rate-limit", type=float, default=2000, help="default requests per second per endpoint")
    parser.add_argument("--multicast-rate", type=float, default=200, help="multicast requests per second")
    parser.add_argument("--error-rate", type=float, default=0.0, help="share of calls answered 500")
    parser.add_argument("--timeout-rate", type=float, default=0.0, help="share of calls that hang")
    parser.add_argument("--delay", type=float, default=0.0, help="added latency per call, seconds")
    parser.add_argument("--seed", type=int, default=0, help="seed of the fault RNG")
    parser.add_argument("--reply-token-ttl", type=float, default=60.0, help="seconds a reply token stays valid")
    parser.add_argument("--no-redelivery", action="store_true", help="do not retry unacknowledged webhooks")
    parser.add_argument("--access-log", action="store_true", help="log every request (slows the emulator down)")
    return parser.parse_args(argv)


def config_from_args(args: argparse.Namespace) -> EmulatorConfig:
    config = EmulatorConfig(
        channel_access_token=args.channel_token,
        channel_secret=args.channel_secret,
        webhook_url=args.webhook_url,
        default_rate_limit=RateLimit(requests=args.rate_limit),
        faults=FaultConfig(error_rate=args.error_rate, timeout_rate=args.timeout_rate,
                           delay_seconds=args.delay, seed=args.seed),
        reply_token_ttl_seconds=args.reply_token_ttl,
        webhook_redelivery=not args.no_redelivery,
    )
    config.rate_limits["multicast"] = RateLimit(requests=args.multicast_rate)
    return config


def main(argv: Sequence[str] | None = None) -> None:
    args = parse_args(argv)
    app = create_emulator_app(config_from_args(args))
    uvicorn.run(app, host=args.host, port=args.port, log_level="info", access_log=args.access_log)


if __name__ == "__main__":
    main()
