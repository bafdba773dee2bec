"""Policy-change watch: what changed for victims between two versions of a document.

``compare`` reads two ``features.json`` findings, ``boilerplate`` tells churn from wording,
``record`` writes the change records into the archive, ``feeds`` derives the Atom feeds from
them and ``notify`` posts them to a webhook. Each reads only the archive's files.
"""
