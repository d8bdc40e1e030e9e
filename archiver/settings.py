"""Scrapy settings for news-archiver. Every setting can be overridden with `-s NAME=VALUE`."""

from archiver.dedupe import TRACKING_PARAMS

BOT_NAME = "news-archiver"
SPIDER_MODULES = ["spiders"]
NEWSPIDER_MODULE = "spiders"

# Where the archive is written (a SQLite file, created when missing).
ARCHIVE_DB = "archive.db"
# Items written per transaction, and how long an item may wait for its batch to fill.
ARCHIVER_BATCH_SIZE = 50
ARCHIVER_FLUSH_SECONDS = 5.0
# How long a write waits for an archive another process holds locked (seconds).
ARCHIVER_BUSY_TIMEOUT = 30.0
# Estimated Jaccard similarity (5-word shingles) from which two texts are near copies.
ARCHIVER_NEAR_DUP_THRESHOLD = 0.8
# Query parameters that never change which article a URL names (prefixes end in "_" or "*").
ARCHIVER_TRACKING_PARAMS = list(TRACKING_PARAMS)
# Extraction health (archiver/health.py): at the end of a run, each site's figures are compared
# with its latest earlier run's; a measure clearly worse is a WARNING and a `health_alerts` row.
ARCHIVER_HEALTH_ENABLED = True
# Fewer articles than this, in this run or in the history, is too small a sample to judge.
ARCHIVER_HEALTH_MIN_ARTICLES = 5
# A share of articles missing a field (or with comments found) worse by this much (absolute).
ARCHIVER_HEALTH_MAX_DROP = 0.3
# The median body length fallen below this share of the history's.
ARCHIVER_HEALTH_MIN_BODY_SHARE = 0.5
# Comments found on no article of the run, which the history's share makes this unlikely.
ARCHIVER_HEALTH_MAX_CHANCE_OF_NONE = 0.01

# Ask the site whether a page the archive holds changed (ETag / Last-Modified); a 304 reuses
# the stored response instead of downloading it again.
ARCHIVER_CONDITIONAL_REQUESTS = True

DOWNLOADER_MIDDLEWARES = {
    # Next to the download, as Scrapy's HTTP cache: it sees the 304 before any other.
    "archiver.conditional.ConditionalRequestsMiddleware": 900,
}

ITEM_PIPELINES = {
    "pipelines.validate.ValidatePipeline": 100,
    "pipelines.dedupe.DedupePipeline": 200,
    "pipelines.store.ArchivePipeline": 300,
}

# Polite by default: identify ourselves, obey robots.txt, adapt the pace to the server.
USER_AGENT = "news-archiver/0.1 (research archive crawler)"
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS_PER_DOMAIN = 2
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 0.5
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0

# Bad input must not hang or sink a run.
DOWNLOAD_TIMEOUT = 30
DOWNLOAD_MAXSIZE = 20 * 1024 * 1024
DOWNLOAD_WARNSIZE = 5 * 1024 * 1024
REDIRECT_MAX_TIMES = 5
RETRY_TIMES = 2

TELNETCONSOLE_ENABLED = False
LOG_LEVEL = "INFO"

# Many workers, one frontier (scrapy-redis): a Redis URL (redis://host:6379/0) shares the
# request queue and the articles seen among every `scrapy crawl chain` given the same URL and
# key; empty: one process, everything in memory. See archiver/redis_crawl.py.
ARCHIVER_REDIS_URL = ""
# Prefix of the crawl's keys in Redis; empty: archiver:chain:SITE (the start URLs' sites).
ARCHIVER_REDIS_KEY = ""
# Seconds after a worker's last heartbeat (every third of it) when its articles are taken over.
ARCHIVER_REDIS_WORKER_TIMEOUT = 30.0
