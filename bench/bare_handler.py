"""The least a LINE worker can do per event: take it from a ready list, read the member with one query, POST a
short reply to LINE (the emulator). Nothing else: no per-user order, no lock, no handled marks, no chat log.

Run with the same process count as the product's workers so the webhook storm can report the product's
saturated handling throughput as a ratio of this ceiling:

    REDIS_URL=... DATABASE_URL=... LINE_API_BASE_URL=... LINE_CHANNEL_ACCESS_TOKEN=... \
        python -m bench.bare_handler [--queue bare:ready] [--concurrency 64]

Each list item is a LINE webhook event (JSON) with a reply token.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal

import aiohttp
import asyncpg
import orjson
import uvloop
from redis.asyncio import Redis

from bench.storm_support import pg_url

POOL_SIZE = 20
MEMBER_SQL = "SELECT id, display_name, consent_at FROM member WHERE line_user_id = $1 AND deleted_at IS NULL"


async def serve(queue: str, concurrency: int) -> None:
    redis = Redis.from_url(os.environ["REDIS_URL"])
    # the product's worker pool: 20 connections, all opened at start
    pool = await asyncpg.create_pool(pg_url(os.environ["DATABASE_URL"]), min_size=POOL_SIZE, max_size=POOL_SIZE)
    base = os.environ["LINE_API_BASE_URL"].rstrip("/")
    headers = {"Authorization": f"Bearer {os.environ['LINE_CHANNEL_ACCESS_TOKEN']}",
               "Content-Type": "application/json"}
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    loop.add_signal_handler(signal.SIGTERM, stop.set)
    loop.add_signal_handler(signal.SIGINT, stop.set)
    connector = aiohttp.TCPConnector(limit=100)
    async with aiohttp.ClientSession(connector=connector) as http:

        async def handle(raw: bytes) -> None:
            event = orjson.loads(raw)
            user = event["source"]["userId"]
            row = await pool.fetchrow(MEMBER_SQL, user)
            name = row["display_name"] if row else "ท่าน"
            body = orjson.dumps({"replyToken": event["replyToken"],
                                 "messages": [{"type": "text", "text": f"สวัสดี {name}"}]})
            for attempt in range(3):  # a kept-alive connection the emulator closed meanwhile: post again
                try:
                    async with http.post(f"{base}/v2/bot/message/reply", data=body, headers=headers) as response:
                        await response.read()
                    return
                except (aiohttp.ClientOSError, aiohttp.ServerDisconnectedError):
                    if attempt == 2:
                        raise

        async def loop_forever() -> None:
            while not stop.is_set():
                popped = await redis.blpop([queue], timeout=1)  # type: ignore[misc]
                if popped:
                    try:
                        await handle(popped[1])
                    except Exception as exc:  # a benchmark: report and go on
                        print(f"bare handler: {type(exc).__name__}: {exc}", flush=True)

        await asyncio.gather(*(loop_forever() for _ in range(concurrency)))
    await pool.close()
    await redis.aclose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--queue", default="bare:ready")
    parser.add_argument("--concurrency", type=int, default=64)
    args = parser.parse_args()
    uvloop.run(serve(args.queue, args.concurrency))


if __name__ == "__main__":
    main()
