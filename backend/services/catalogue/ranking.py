"""Ranking search candidates from the in-memory text index: which active courses qualify, and their scores.

A course tagged with a topic or target group named in the query scores 100, each query word in its title
10, a matching course code 1000, the member's own target group 50; ties go to the soonest matching
session, then the course code.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import Any

from backend.services.catalogue.query_parsing import ParsedQuery
from backend.services.search_index import CourseTextIndex


def ranked_candidates(
    parsed: ParsedQuery,
    index: CourseTextIndex,
    topic_codes: list[str],
    group_codes: list[str],
    modality: str | None,
    preferred: list[str],
    *,
    any_word: bool,
) -> tuple[set[int] | None, dict[int, int]]:
    """(the active courses that qualify, or None when every active course does; course id -> score, for
    ranking: tagged with a topic/target group named in the query, words in the title, preferred group)."""
    restrict: set[int] | None = None
    scores: dict[int, int] = defaultdict(int)

    def narrow(ids: Iterable[int]) -> None:
        nonlocal restrict
        restrict = set(ids) if restrict is None else restrict & set(ids)

    if topic_codes:
        narrow(set().union(*(index.topics.get(c, set()) for c in topic_codes)))
    if group_codes:
        narrow(set().union(*(index.groups.get(c, set()) for c in group_codes)))
    if modality:
        narrow(cid for cid, m in index.modality.items() if m == modality)

    matches: list[frozenset[int] | set[int]] = []
    for phrase in parsed.phrases:
        tagged = (index.topics if phrase.kind == "topic" else index.groups).get(phrase.code, set())
        mentioned = frozenset.intersection(*(index.word(w) for w in phrase.words))
        matches.append((tagged & index.active) | mentioned)
        for cid in tagged:
            scores[cid] += 100
        for cid in frozenset.intersection(*(index.in_title(w) for w in phrase.words)):
            scores[cid] += 10
    for term in parsed.terms:
        matches.append(index.word(term))
        for cid in index.in_title(term):
            scores[cid] += 10
    text_ids: set[int] | None = None
    if matches:
        if any_word:
            text_ids = set().union(*matches)
            for found in matches:
                for cid in found:
                    scores[cid] += 1
        else:
            text_ids = set(frozenset.intersection(*map(frozenset, matches)))
    if parsed.code:
        code_id = index.codes.get(parsed.code)
        if code_id is not None and code_id in index.active:
            text_ids = (text_ids or set()) | {code_id}
            scores[code_id] += 1000
        elif text_ids is None:
            text_ids = set()
    if text_ids is not None:
        narrow(text_ids)
    for code in preferred:
        for cid in index.groups.get(code, set()):
            scores[cid] += 50
    if restrict is not None:
        restrict &= index.active
    return restrict, scores


def top_ranked(pool: Iterable[int], scores: dict[int, int], count: int, key: Callable[[int], Any]) -> list[int]:
    """The first `count` of `pool` by score (highest first), then `key`: sorts only the buckets it needs."""
    if not scores:
        return heapq.nsmallest(count, pool, key=key)
    buckets: dict[int, list[int]] = defaultdict(list)
    get = scores.get
    for cid in pool:
        buckets[get(cid, 0)].append(cid)
    result: list[int] = []
    for score in sorted(buckets, reverse=True):
        bucket = buckets[score]
        if len(result) + len(bucket) <= count:
            result.extend(sorted(bucket, key=key))
        else:
            result.extend(heapq.nsmallest(count - len(result), bucket, key=key))
        if len(result) >= count:
            break
    return result

