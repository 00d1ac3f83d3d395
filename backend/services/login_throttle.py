"""Sign-in throttling: wrong passwords slow down whoever sends them, with a wait that doubles.

Counted in Redis (every web process agrees), per username as typed, whether such an account exists or not
(so the answers never tell which usernames exist):

- one account from one address: 5 wrong passwords, then 1, 2, 4 ... up to 60 minutes of waiting for that
  address only, so someone guessing the well-known `admin` from their machine does not lock the real admin
  out of theirs;
- one address over every username (password spraying): 20 wrong passwords an hour, then the same backoff;
- one account from every address (a distributed guess): 50 an hour, then a wait of up to 15 minutes.

Counters last an hour after the last failure; a successful sign-in clears its own account-and-address
counter; an admin can clear an account's counters and waits (`unlock`).
"""

from __future__ import annotations

from dataclasses import dataclass

from redis.asyncio import Redis

WINDOW_SECONDS = 3600
FIRST_WAIT_SECONDS = 60


@dataclass(frozen=True)
class Limit:
    scope: str
    free: int  # wrong passwords allowed before waits begin
    max_wait: int


PAIR = Limit("pair", free=5, max_wait=3600)
ADDRESS = Limit("address", free=20, max_wait=3600)
ACCOUNT = Limit("account", free=50, max_wait=900)


def normalize_username(username: str) -> str:
    return username.strip().lower()[:100]


def backoff(limit: Limit, failures: int) -> int:
    """Seconds to wait after `failures` wrong passwords (0 while within the free allowance)."""
    over = failures - limit.free
    return 0 if over < 0 else min(limit.max_wait, FIRST_WAIT_SECONDS * 2 ** min(over, 12))


class LoginThrottle:
    def __init__(self, redis: Redis, prefix: str) -> None:
        self.redis = redis
        self.prefix = f"{prefix}login:"

    def _subjects(self, username: str, address: str) -> list[tuple[Limit, str]]:
        user = normalize_username(username)
        return [(PAIR, f"{user}|{address}"), (ADDRESS, address), (ACCOUNT, user)]

    def _fail_key(self, limit: Limit, subject: str) -> str:
        return f"{self.prefix}fail:{limit.scope}:{subject}"

    def _wait_key(self, limit: Limit, subject: str) -> str:
        return f"{self.prefix}wait:{limit.scope}:{subject}"

    async def wait_seconds(self, username: str, address: str) -> int:
        """How long this username from this address must wait before its password is even checked."""
        keys = [self._wait_key(limit, subject) for limit, subject in self._subjects(username, address)]
        async with self.redis.pipeline(transaction=False) as pipe:
            for key in keys:
                pipe.ttl(key)
            ttls = await pipe.execute()
        return max([int(t) for t in ttls if int(t) > 0], default=0)

    async def record_failure(self, username: str, address: str) -> int:
        """Count a wrong password; returns the wait it starts (0 when still within the allowance)."""
        subjects = self._subjects(username, address)
        async with self.redis.pipeline(transaction=False) as pipe:
            for limit, subject in subjects:
                pipe.incr(self._fail_key(limit, subject))
                pipe.expire(self._fail_key(limit, subject), WINDOW_SECONDS)
            counts = (await pipe.execute())[::2]
        longest = 0
        async with self.redis.pipeline(transaction=False) as pipe:
            for (limit, subject), failures in zip(subjects, counts, strict=True):
                wait = backoff(limit, int(failures))
                if wait:
                    pipe.set(self._wait_key(limit, subject), b"1", ex=wait)
                    longest = max(longest, wait)
            await pipe.execute()
        return longest

    async def record_success(self, username: str, address: str) -> None:
        limit, subject = self._subjects(username, address)[0]
        await self.redis.delete(self._fail_key(limit, subject), self._wait_key(limit, subject))

    async def unlock(self, username: str) -> int:
        """Clear every counter and wait of one account (from every address); returns how many were cleared."""
        user = normalize_username(username)
        keys = [self._fail_key(ACCOUNT, user), self._wait_key(ACCOUNT, user)]
        for kind in ("fail", "wait"):
            pattern = f"{self.prefix}{kind}:{PAIR.scope}:{_escape_glob(user)}|*"
            keys += [key async for key in self.redis.scan_iter(match=pattern, count=500)]
        return int(await self.redis.delete(*keys)) if keys else 0

    async def is_held(self, username: str) -> bool:
        """Whether some address (or everyone) is made to wait for this account right now."""
        user = normalize_username(username)
        if await self.redis.exists(self._wait_key(ACCOUNT, user)):
            return True
        pattern = f"{self.prefix}wait:{PAIR.scope}:{_escape_glob(user)}|*"
        async for _ in self.redis.scan_iter(match=pattern, count=500):
            return True
        return False


def _escape_glob(text: str) -> str:
    return "".join(f"\\{c}" if c in "*?[]\\" else c for c in text)
