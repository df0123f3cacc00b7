"""The photos the site publishes: a new, clean copy of each full record's portrait (never the
contributed file; volia/data/photo_files.py says why), named by the record."""

from __future__ import annotations

from volia.addresses import photo_uri
from volia.data.photo_files import Processed, processed
from volia.model.publication import PublicDataset


def site_photos(dataset: PublicDataset) -> list[tuple[str, Processed]]:
    """(site path, published copy) for every photo in the public cut: full records only."""
    return [(photo_uri(record_id), processed(path)) for record_id, path in dataset.photos]
