"""The emulator's memory: users, chats, reply tokens, retry keys, rich menus, recorded calls.

``records`` holds the record types, ``channel_state`` the channel's state and lifecycle, and
``emulator`` the :class:`Emulator` that adds the users' actions played to the bot's webhook.
"""

from line_emulator.state.emulator import Emulator
from line_emulator.state.records import (
    BRIEF_FIELDS,
    Delivery,
    Fault,
    RecordedCall,
    ReplyTokenError,
    RichMenu,
    SentEvent,
)

__all__ = [
    "BRIEF_FIELDS",
    "Delivery",
    "Emulator",
    "Fault",
    "RecordedCall",
    "ReplyTokenError",
    "RichMenu",
    "SentEvent",
]
