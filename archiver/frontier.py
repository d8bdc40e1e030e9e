"""What a crawl has seen and what it still owes the archive.

One process keeps it in memory (`Frontier`, `SeenKeys`). Workers sharing one Redis
(`ARCHIVER_REDIS_URL`) keep it there (`RedisFrontier`, `RedisSeenKeys`), under one key prefix
per crawl, beside scrapy-redis's request queue:

- `PREFIX:requested`, `PREFIX:archived`, `PREFIX:walked_over`: sets of article keys. A claim is
  one atomic `SADD` (in a script that also checks `max_articles` against the set's size), so
  two workers never both request one article.
- `PREFIX:pending` (article key -> its URL and direction) and `PREFIX:holders` (article key ->
  worker): every article claimed and not yet written to the archive, and the worker that holds
  it (the one that claimed it while its request waits in the queue, then the one that took it
  from the queue). A killed worker's articles (fetched, half-walked, or waiting in its batch
  for the archive) stay there; a worker with nothing to do requests them again.
- `PREFIX:workers`: live workers, each with the Redis-clock time its heartbeat runs out.

A crawl whose frontier owes nothing and has no live worker is over: the next worker to join
it starts it afresh (so tomorrow's scheduled run walks the chain again, as without Redis).
"""

from __future__ import annotations

import enum
import json
import logging
import os
import socket
import uuid
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit

logger = logging.getLogger(__name__)

# The keys of a crawl's state, under its prefix; `workers` is not state: it is never reset.
STATE_KEYS = ("requests", "dupefilter", "requested", "archived", "walked_over", "pending",
              "holders")


class Claim(enum.Enum):
    NEW = "new"
    SEEN = "seen"
    FULL = "full"  # the set holds `limit` keys already


class SeenKeys:
    """A set of article keys in memory: what one process has seen."""

    def __init__(self) -> None:
        self._keys: set[str] = set()

    def add(self, key: str, limit: int | None = None, note: str | None = None) -> Claim:
        """Add `key` unless the set holds it or holds `limit` keys already. (`note`, the
        request to redo if the claimer dies, matters only to the Redis frontier.)"""
        if key in self._keys:
            return Claim.SEEN
        if limit is not None and len(self._keys) >= limit:
            return Claim.FULL
        self._keys.add(key)
        return Claim.NEW

    def __contains__(self, key: object) -> bool:
        return key in self._keys

    def __len__(self) -> int:
        return len(self._keys)


# KEYS: the set, the pending hash, the holders hash; ARGV: key, limit (-1: none), note, worker.
_CLAIM = """
if redis.call('SISMEMBER', KEYS[1], ARGV[1]) == 1 then return 0 end
local limit = tonumber(ARGV[2])
if limit >= 0 and redis.call('SCARD', KEYS[1]) >= limit then return -1 end
redis.call('SADD', KEYS[1], ARGV[1])
if ARGV[3] ~= '' then
  redis.call('HSET', KEYS[2], ARGV[1], ARGV[3])
  redis.call('HSET', KEYS[3], ARGV[1], ARGV[4])
end
return 1
"""


class RedisSeenKeys:
    """A set of article keys in Redis, shared by the workers of one crawl. `add` with a `note`
    also records the key as pending, held by `worker`, in the same atomic step: a worker
    killed between the two would otherwise leave an article claimed that no one fetches."""

    def __init__(self, server: Any, key: str, pending_key: str = "", holders_key: str = "",
                 worker: str = "") -> None:
        self.server = server
        self.key = key
        self._keys = (key, pending_key or key + ":pending", holders_key or key + ":holders")
        self.worker = worker
        self._claim = server.register_script(_CLAIM)

    def add(self, key: str, limit: int | None = None, note: str | None = None) -> Claim:
        added = self._claim(keys=self._keys,
                            args=[key, -1 if limit is None else limit, note or "", self.worker])
        return {1: Claim.NEW, 0: Claim.SEEN, -1: Claim.FULL}[int(added)]

    def __contains__(self, key: object) -> bool:
        return bool(self.server.sismember(self.key, key))

    def __len__(self) -> int:
        return int(self.server.scard(self.key))


class Frontier:
    """One process's frontier: in-memory sets; nothing is owed to anyone else."""

    def seen_keys(self, name: str) -> SeenKeys:
        return SeenKeys()

    def join(self) -> None:
        pass

    def leave(self, reason: str) -> None:
        pass

    def taken(self, key: str) -> None:
        pass

    def owes(self, item: Any, key: str) -> Any:
        return item

    def settled(self, key: str) -> None:
        pass

    def archived(self, items: Iterable[Any]) -> None:
        pass

    def dropped(self, item: Any) -> None:
        pass

    def orphans(self) -> tuple[list[tuple[str, str, str]], bool]:
        return [], False


# Redis-clock seconds, so workers on machines whose clocks differ agree on who is alive.
_NOW = "local t = redis.call('TIME') local now = tonumber(t[1]) + tonumber(t[2]) / 1e6 "

# KEYS: workers, then the state keys; ARGV: worker, timeout. Joining a crawl that owes nothing
# and has no live worker starts it afresh. Returns 1 when it did.
_JOIN = _NOW + """
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
local fresh = 0
if redis.call('ZCARD', KEYS[1]) == 0 and redis.call('HLEN', KEYS[7]) == 0 then
  for i = 2, #KEYS do redis.call('DEL', KEYS[i]) end
  fresh = 1
end
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[1])
return fresh
"""

# KEYS: workers, then the state keys; ARGV: worker. The last worker out of a finished crawl
# clears its state (the next join would; this frees the memory at once).
_LEAVE = _NOW + """
redis.call('ZREM', KEYS[1], ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if ARGV[2] == 'finished' and redis.call('ZCARD', KEYS[1]) == 0
    and redis.call('HLEN', KEYS[7]) == 0 then
  for i = 2, #KEYS do redis.call('DEL', KEYS[i]) end
end
return 0
"""

_HEARTBEAT = _NOW + "redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[1]) return 0"

_ALIVE = _NOW + "return redis.call('ZRANGEBYSCORE', KEYS[1], now, '+inf')"

# KEYS: holders; ARGV: key, the holder it had, the new holder. Two idle workers must not both
# take over one dead worker's article.
_TAKE = """
if redis.call('HGET', KEYS[1], ARGV[1]) ~= ARGV[2] then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
return 1
"""

# KEYS: pending, holders; ARGV: key, worker. A key is settled by whoever holds it; one a dead
# worker's article a live one took over is not the dead one's to settle.
_SETTLE = """
local holder = redis.call('HGET', KEYS[2], ARGV[1])
if holder and holder ~= ARGV[2] then return 0 end
redis.call('HDEL', KEYS[1], ARGV[1])
redis.call('HDEL', KEYS[2], ARGV[1])
return 1
"""


class RedisFrontier(Frontier):
    """This worker's view of a crawl's frontier in Redis (see the module's docstring)."""

    def __init__(self, server: Any, prefix: str, worker_timeout: float = 30.0,
                 worker: str | None = None) -> None:
        self.server = server
        self.prefix = prefix
        self.worker_timeout = worker_timeout
        self.worker = worker or f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        self.keys = {name: f"{prefix}:{name}" for name in ("workers", *STATE_KEYS)}
        self._scripts = {name: server.register_script(source) for name, source in (
            ("join", _JOIN), ("leave", _LEAVE), ("heartbeat", _HEARTBEAT), ("alive", _ALIVE),
            ("take", _TAKE), ("settle", _SETTLE))}
        # Items this worker yielded that settle an article once the archive holds them.
        self._owed: dict[int, str] = {}

    def _state(self) -> list[str]:
        return [self.keys["workers"], *(self.keys[name] for name in STATE_KEYS)]

    def seen_keys(self, name: str) -> RedisSeenKeys:
        return RedisSeenKeys(self.server, self.keys[name], self.keys["pending"],
                             self.keys["holders"], self.worker)

    def join(self) -> None:
        if self._scripts["join"](keys=self._state(), args=[self.worker, self.worker_timeout]):
            logger.info("Redis frontier %s: a new crawl", self.prefix)
        else:
            logger.info("Redis frontier %s: joining a crawl under way (%d articles owed)",
                        self.prefix, self.server.hlen(self.keys["pending"]))

    def heartbeat(self) -> None:
        self._scripts["heartbeat"](keys=[self.keys["workers"]],
                                   args=[self.worker, self.worker_timeout])

    def leave(self, reason: str) -> None:
        self._scripts["leave"](keys=self._state(), args=[self.worker, reason])

    def taken(self, key: str) -> None:
        """This worker took a request for the article `key` from the queue."""
        if self.server.hexists(self.keys["pending"], key):
            self.server.hset(self.keys["holders"], key, self.worker)

    def owes(self, item: Any, key: str) -> Any:
        """`item` settles the article `key` once the archive holds it."""
        self._owed[id(item)] = key
        return item

    def settled(self, key: str) -> None:
        """Nothing more to fetch or write for the article `key`."""
        self._scripts["settle"](keys=[self.keys["pending"], self.keys["holders"]],
                                args=[key, self.worker])

    def archived(self, items: Iterable[Any]) -> None:
        for item in items:
            if (key := self._owed.pop(id(item), None)) is not None:
                self.settled(key)

    def dropped(self, item: Any) -> None:
        # A pipeline refused it (a duplicate, an article without content: its error row is
        # another item): nothing of it is to be written.
        self.archived([item])

    def orphans(self) -> tuple[list[tuple[str, str, str]], bool]:
        """For a worker with nothing to do: the articles (key, URL, direction) it takes over
        from dead workers, and whether live ones still hold some (then it should stay: they
        may yet die, or add to the queue)."""
        if self.server.zcard(self.keys["requests"]):
            return [], True  # queued work: whoever takes it becomes its holder
        alive = {w.decode() if isinstance(w, bytes) else w
                 for w in self._scripts["alive"](keys=[self.keys["workers"]])}
        alive.add(self.worker)
        taken, waiting = [], False
        holders = self.server.hgetall(self.keys["holders"])
        for key, holder in ((_text(k), _text(h)) for k, h in holders.items()):
            if holder == self.worker:
                if key not in self._owed.values():
                    # Held here with nothing in flight nor waiting for the archive: a request
                    # lost to an error no errback saw. Asking again could loop; say so, once.
                    logger.warning("Redis frontier: %s was claimed here and never settled; "
                                   "given up", key)
                    self.settled(key)
            elif holder in alive:
                waiting = True
            elif self._scripts["take"](keys=[self.keys["holders"]],
                                       args=[key, holder, self.worker]):
                note = self.server.hget(self.keys["pending"], key)
                if note is not None:
                    url, direction = json.loads(note)
                    taken.append((key, url, direction))
        return taken, waiting


def note(url: str, direction: str) -> str:
    """What a pending entry keeps: enough to request the article again."""
    return json.dumps([url, direction])


def _text(value: bytes | str) -> str:
    return value.decode() if isinstance(value, bytes) else value


def default_prefix(spider_name: str, start_urls: list[str]) -> str:
    """`archiver:SPIDER:SITE[+SITE...]`: the start URLs' sites (host and port), so the crawls
    of two sites never share a frontier, and every worker started on one site does."""
    sites = sorted({urlsplit(url).netloc.lower().removeprefix("www.") for url in start_urls})
    return f"archiver:{spider_name}:{'+'.join(sites)}"
