"""Synthetic, plainly FICTIONAL records for benchmarks and size checks.

`make_dataset(n, data_dir)` copies the real reference files (articles, facilities, regions and the
policy data) and writes n invented records whose names say they are fictional.
"""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import yaml

from volia.data import files

ROOT = Path(__file__).resolve().parent.parent
# Every shipped data file but the records and the removals, as the package lists them: a file added
# to the data is copied here without anyone remembering to.
REFERENCE_FILES = tuple(f.name for f in files.ALL if f not in (files.RECORDS, files.REMOVED))
STATUSES = ("imprisoned", "imprisoned", "imprisoned", "released", "restricted")
LEVELS = ("full", "full", "full", "minimal", "counted")


def make_records(n: int, seed: int = 7) -> list[dict]:
    rng = random.Random(seed)
    articles = [a["id"] for a in yaml.safe_load((ROOT / "data" / "articles.yaml").read_text(encoding="utf-8"))]
    facilities = [f["id"] for f in yaml.safe_load((ROOT / "data" / "facilities.yaml").read_text(encoding="utf-8"))]
    regions = [r["id"] for r in yaml.safe_load((ROOT / "data" / "regions.yaml").read_text(encoding="utf-8"))]
    records = []
    for i in range(1, n + 1):
        status, level = rng.choice(STATUSES), rng.choice(LEVELS)
        year = rng.randint(2020, 2023)
        case = {
            "arrested": f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            "articles": rng.sample(articles, rng.randint(1, 3)),
            "verdict_date": f"{year + 1}-{rng.randint(1, 12):02d}",
            "sentence": {"kind": "imprisonment", "months": rng.choice((18, 30, 36, 54, 72, 120)),
                         "regime": rng.choice(("general", "medium", "high"))},
            "facilities": [rng.choice(facilities)],
        }
        if status == "released":
            case["released"] = {"date": f"{year + 2}-{rng.randint(1, 12):02d}", "how": rng.choice(("served", "pardon"))}
        record = {"id": f"fictional-person-{i:05d}", "publication": level}
        if level == "full":
            record["consent"] = {"basis": "person", "by": "fictional", "date": "2024-01-01"}
        if level != "counted":
            record["name"] = {"be": f"Выдуманы Чалавек {i}", "ru": f"Вымышленный Человек {i}",
                              "en": f"Fictional Person {i}"}
            record["summary"] = {"en": "A fictional person made up for the benchmark."}
            record["bio"] = {"en": "A fictional biography. " * 8}
            record["born"] = f"{rng.randint(1950, 2003)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        record.update({
            "gender": rng.choice(("female", "male")),
            "region": rng.choice(regions),
            "status": status,
            "as_of": "2024-06-01",
            "cases": [case],
            "sources": [{"url": f"https://example.org/fictional/{i}", "title": "Fictional source"}],
            "last_verified": "2024-06-01",
        })
        records.append(record)
    return records


def make_dataset(n: int, data_dir: Path, seed: int = 7) -> Path:
    data_dir.mkdir(parents=True, exist_ok=True)
    for name in REFERENCE_FILES:
        shutil.copy(ROOT / "data" / name, data_dir / name)
    text = "# FICTIONAL records for benchmarks: none of these people exist.\n" + \
        yaml.safe_dump(make_records(n, seed), allow_unicode=True, sort_keys=False)
    (data_dir / "prisoners.yaml").write_text(text, encoding="utf-8")
    return data_dir
