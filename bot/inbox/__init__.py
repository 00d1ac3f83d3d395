"""Per-user inboxes in Redis: the webhook appends, the worker drains one user's events in order.

- `enqueue_events` (request path, one Redis round trip): SET NX on each webhookEventId (48 h) drops
  duplicates, RPUSH the new events to their user's inbox, count them for the per-user rate limit, and
  put each user whose inbox was empty on the ready list (otherwise a drain is already due or running).
- `consume_ready_inboxes` (worker, a service beside the arq jobs, see bot/jobs.py): take users from the ready
  list and drain each in its own task, up to a set number at once. One round trip (`claim_ready`) takes
  every waiting user there is a free slot for, with its lock and first event; the consumer blocks (BLPOP)
  only when the list is empty. An arq job per burst would cost about eight round trips (arq claims each job
  with WATCH/EXISTS/ZSCORE/MULTI), which capped dispatch well below what the handlers can do.
- `drain_user`: take the user's lock (refreshed per event), handle events oldest first, mark each
  webhookEventId handled before removing it, and release the lock in the same step that finds the inbox
  empty (an event that arrives later puts the user on the ready list again, so none is stranded). A
  crashed worker's lock expires and the sweep cron puts the inbox back on the ready list: at least once,
  and never twice thanks to the marks.

An inbox item is one flag character ("1": over the user's rate limit, "0": not) followed by the JSON
{"id", "event", "received_at"}; the flag is set inside the enqueue script, so the event is encoded once.
"""

from bot.inbox.claims import Claimed, claim_ready
from bot.inbox.consumer import consume_ready_inboxes
from bot.inbox.drain import drain_user
from bot.inbox.enqueue import enqueue_events, forget_user, mark_ready, pending_inboxes
from bot.inbox.keys import (
    HANDLED_TTL_SECONDS,
    LOCK_TTL_MS,
    RATE_LIMIT_EVENTS,
    RATE_WINDOW_SECONDS,
    SEEN_TTL_SECONDS,
    EventHandler,
    event_id,
    event_user,
    inbox_key,
    ready_key,
)

__all__ = ["HANDLED_TTL_SECONDS", "LOCK_TTL_MS", "RATE_LIMIT_EVENTS", "RATE_WINDOW_SECONDS", "SEEN_TTL_SECONDS",
           "Claimed", "EventHandler", "claim_ready", "consume_ready_inboxes", "drain_user", "enqueue_events",
           "event_id", "event_user", "forget_user", "inbox_key", "mark_ready", "pending_inboxes", "ready_key"]
