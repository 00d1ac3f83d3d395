"""Claiming ready users: their drain locks and first events, as many as there are free slots, in one round trip."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from backend.runtime import Runtime
from bot.inbox.keys import LOCK_TTL_MS, _handled_prefix, _prefix, _script, ready_key


@dataclass(frozen=True, slots=True)
class Claimed:
    """A user's drain lock taken by `claim_ready` and the first event it found (inbox item, its id)."""

    token: str
    raw: bytes
    event_id: str


# Take users off the ready list (first the one BLPOP already took, ARGV[6], if any) up to ARGV[5] in all; for
# each, take its drain lock and find its first unhandled event, as _ADVANCE does for a drain's first step.
# KEYS: ready list. ARGV: inbox key prefix, lock key prefix, handled-key prefix, lock TTL ms, how many, the
# user BLPOP took ('' for none), lock token prefix. Returns {1 if the list ran dry else 0, user, token, raw, id,
# user, ...} for
# the users whose lock it took and whose inbox has an event; a user whose lock another drain holds is left
# to it (that drain looks again before it stops), an empty inbox's lock is given back at once.
_CLAIM = """
local out = {0}
local taken = 0
local function claim(user)
  taken = taken + 1
  local lock, inbox = ARGV[2] .. user, ARGV[1] .. user
  local token = ARGV[7] .. taken
  if not redis.call('SET', lock, token, 'NX', 'PX', ARGV[4]) then return end
  while true do
    local raw = redis.call('LINDEX', inbox, 0)
    if not raw then
      redis.call('DEL', lock)
      return
    end
    local ok, item = pcall(cjson.decode, string.sub(raw, 2))
    local id = ok and type(item) == 'table' and item['id'] or nil
    if type(id) ~= 'string' then id = '' end
    if id == '' or redis.call('EXISTS', ARGV[3] .. id) == 0 then
      out[#out + 1] = user
      out[#out + 1] = token
      out[#out + 1] = raw
      out[#out + 1] = id
      return
    end
    redis.call('LPOP', inbox)
  end
end
local limit = tonumber(ARGV[5])
if ARGV[6] ~= '' then claim(ARGV[6]) end
while taken < limit do
  local user = redis.call('LPOP', KEYS[1])
  if not user then
    out[1] = 1
    break
  end
  claim(user)
end
return out
"""


def _text(value: Any) -> str:
    return value.decode() if isinstance(value, bytes) else str(value)


async def claim_ready(runtime: Runtime, limit: int, woken_by: str | None = None
                      ) -> tuple[bool, list[tuple[str, Claimed]]]:
    """Up to `limit` ready users (`woken_by` first: already taken off the list), each with its lock and first
    event, in one round trip; returns whether the ready list ran dry, and the claims."""
    prefix = _prefix(runtime)
    result = await _script(runtime.redis, _CLAIM)(keys=[ready_key(runtime)], args=[
        f"{prefix}inbox:", f"{prefix}lock:", _handled_prefix(runtime), LOCK_TTL_MS, limit, woken_by or "",
        f"{uuid.uuid4().hex}:"])
    claims = [(_text(result[i]), Claimed(_text(result[i + 1]), bytes(result[i + 2]), _text(result[i + 3])))
              for i in range(1, len(result), 4)]
    return bool(int(result[0])), claims
