"""The project's own Scrapy signals (sent with `crawler.signals.send_catch_log`)."""

# Sent by the store pipeline after a write committed, with `items`: the articles, pages and
# errors that write holds. Fetched is not archived until then (a killed run loses its batch).
items_archived = object()
