"""What the site may show of each record, per language, as plain dicts for the templates.

Views read the public cut (volia/model/publication.py): a minimal record there simply has no
biography, photo, birth date, charges, facility or letter details, so no view or template can leak
them by mistake; counted-only records are not in it at all. The views also leave out, by level,
what a page does not show.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from markupsafe import Markup, escape

from volia.addresses import LETTER_GUIDE, article_uri, facility_uri, photo_uri, record_uri
from volia.analysis.freshness import Freshness, term_ended_unconfirmed
from volia.data import photo_files
from volia.model.languages import fallback_language, pick
from volia.model.partial_date import PartialDate
from volia.model.publication import PublicDataset
from volia.model.records import Case, Record
from volia.model.references import Facility
from volia.text import i18n, names, russian
from volia.text.i18n import t
from volia.text.sanitize import bio_html


def display_name(record: Record, lang: str) -> str:
    """The page title's name; English pages get a derived Latin spelling when none was given."""
    return names.display_name(record.name, lang).text


def record_view(record: Record, dataset: PublicDataset, lang: str, repository: str | None,
                fresh: Freshness) -> dict[str, Any]:
    """Everything the record page shows, already cut to the record's publication level."""
    if not record.has_page:
        raise ValueError(f"record {record.id} is counted only and has no page")
    name = display_name(record, lang)
    view: dict[str, Any] = {
        "id": record.id,
        "uri": record_uri(record.id),
        "name": name,
        **names.names_view(record.name, record.aliases, lang),  # other and derived spellings
        "status": record.status,
        "status_label": status_label(record, lang, fresh),
        "as_of": i18n.date(record.as_of, lang),
        "checked": checked_line(record, lang),
        "last_known": fresh.last_known_only(record),
        "recognition": _recognition(record, dataset, lang),
        "full": record.is_full,
        "minimal_notice": None if record.is_full else minimal_notice(record, lang),
        "timeline": _timeline(record, lang),
        "last_verified": i18n.date(record.last_verified, lang),
        "correction_url": correction_url(repository, record, name),
    }
    if not record.is_full:
        return view
    view.update({
        "summary": pick(record.summary, lang),
        "summary_lang": fallback_language(record.summary, lang),
        "occupation": pick(record.occupation, lang),
        "occupation_lang": fallback_language(record.occupation, lang),
        "born": i18n.date(record.born, lang),
        "bio": bio_html(pick(record.bio, lang)) if record.bio else None,
        "bio_lang": fallback_language(record.bio, lang),
        "cases": _cases(record, dataset, lang),
        "letters": _letters(record, dataset, lang),
        "sources": source_items(record.sources, lang),
        "photo": _photo(record, dataset, name, lang),
        "term_ended": _term_ended(record, dataset, fresh, lang),
    })
    return view


def row_view(record: Record, dataset: PublicDataset, lang: str, fresh: Freshness) -> dict[str, Any]:
    """One row of a list table; detail columns only for full records."""
    latest = record.latest_case
    row: dict[str, Any] = {
        "id": record.id,
        "uri": record_uri(record.id),
        "name": display_name(record, lang),
        "status": record.status,
        "status_label": status_label(record, lang, fresh),
        "last_known": fresh.last_known_only(record),
        "arrested": i18n.date(latest.arrested, lang),
        "arrested_key": str(latest.arrested),
        "sentence": "",
        "facility": None,
        # For volia.js's in-place filters (a minimal record has neither in the cut).
        "facilities": " ".join(record.facilities),
        "region": record.region or "",
    }
    if record.is_full:
        if latest.sentence:
            row["sentence"] = i18n.duration(latest.sentence.months, lang) if latest.sentence.months is not None \
                else t(f"kind_{latest.sentence.kind}", lang)
        if record.facility:
            row["facility"] = facility_link(dataset.facilities[record.facility], lang)
    return row


def sample_people(dataset: PublicDataset, lang: str, count: int, fresh: Freshness) -> list[dict[str, Any]]:
    """A few people with full pages, for the home page: first those held now whose record was
    checked within the freshness period (longest held first); then, to fill the cards, the most
    recently checked others — whose status is worded as it was last known, never as current."""
    full = [r for r in dataset.records if r.is_full]
    held = sorted((r for r in full if r.held and fresh.checked_recently(r)),
                  key=lambda r: (r.latest_case.arrested.sort_key, r.id))
    rest = sorted((r for r in full if r not in held),
                  key=lambda r: (tuple(-n for n in r.last_verified.sort_key), r.id))
    return [{**row_view(r, dataset, lang, fresh), "summary": pick(r.summary, lang),
             "summary_lang": fallback_language(r.summary, lang)} for r in [*held, *rest][:count]]


def status_label(record: Record, lang: str, fresh: Freshness | None = None) -> str:
    """"Вызваленая" for a woman, "Вызвалены" for a man, "На волі" (no gender) when the page may not say;
    for a person recorded as serving whose record is older than the freshness period, the status
    as last known, with the date of the last check ("Imprisoned (last known, 2023)")."""
    label = worded_for(record, f"status_{record.status}", lang)
    if fresh is not None and fresh.last_known_only(record):
        return t("status_last_known", lang, status=label, date=i18n.date(record.last_verified, lang))
    return label


def checked_line(record: Record, lang: str) -> str:
    """"Last checked against the sources: 2023 (Viasna's database export)". Who checked is said in the
    page's language when the interface strings know it (verified_by_…: what the importer writes),
    else as written."""
    when = i18n.date(record.last_verified, lang)
    if record.verified_by:
        known = f"verified_by_{record.verified_by}"
        if known in i18n.strings():
            return t("checked_by", lang, date=when, by=t(known, lang))
        # Said as written, marked with its language when that is not the page's.
        by_lang = names.script_lang(record.verified_by)
        by: str | Markup = record.verified_by
        if by_lang and by_lang != lang:
            by = Markup('<span lang="{}">{}</span>').format(by_lang, record.verified_by)
        return Markup(escape(i18n.strings()["checked_by"][lang])).format(date=when, by=by)
    return t("checked", lang, date=when)


def worded_for(record: Record, key: str, lang: str, **values: object) -> str:
    """Interface string `key` in the form that agrees with the person (key_female, key_male) when
    there is one. Only a full record's page may show the person's gender: a minimal one, and a
    person whose gender is not given, keep the neutral form."""
    gendered = f"{key}_{record.gender}"
    if record.is_full and gendered in i18n.strings():
        return t(gendered, lang, **values)
    return t(key, lang, **values)


def facility_link(facility: Facility, lang: str) -> dict[str, str]:
    """A link to a facility, named with its town when the data gives one: "Prison No. 4, Mahilioŭ"."""
    return {"uri": facility_uri(facility.id), "name": facility_name(facility, lang)}


def facility_name(facility: Facility, lang: str) -> str:
    city = place_name(facility.city, lang)
    return t("facility_in_city", lang, name=pick(facility.name, lang), city=city) if city else pick(facility.name, lang)


def place_name(name: dict[str, str], lang: str) -> str:
    """A place in `lang`; on a Russian page without a Russian name, the Russian form derived from the
    Belarusian one (Магілёў → Могилёв: volia/text/russian.py)."""
    if lang == "ru" and not name.get("ru") and name.get("be"):
        return russian.place(name["be"])
    return pick(name, lang)


def facility_view(facility: Facility, dataset: PublicDataset, lang: str) -> dict[str, Any]:
    """A facility's page: its name with its city, kind, regime and region; what its sources say of
    parcels, visits and letters (only what the data holds: nothing is said for a missing field)."""
    region = dataset.regions.get(facility.region) if facility.region else None
    return {
        "id": facility.id,
        "name": facility_name(facility, lang),
        "kind": t(f"facility_{facility.kind}", lang),
        "regime": t(f"regime_{facility.regime}", lang) if facility.regime else "",
        "region": pick(region.name, lang) if region else "",
        "conditions": [{"label": t(f"conditions_{topic}", lang), "text": pick(facility.conditions[topic], lang),
                        "lang": fallback_language(facility.conditions[topic], lang)}
                       for topic in ("parcels", "visits", "letters") if topic in facility.conditions],
        "address": facility.address,
        "envelopes": envelopes(facility, lang),
        "letter_guide": LETTER_GUIDE,
        "sources": source_items(facility.sources, lang),
    }


def article_view(article_id: str, dataset: PublicDataset, lang: str) -> dict[str, Any]:
    article = dataset.articles[article_id]
    return {
        "id": article.id,
        "uri": article_uri(article.id),
        "title": pick(article.title, lang),
        "explanation": pick(article.explanation, lang),
        "sources": source_items(article.sources, lang),
    }


def source_items(sources: Any, lang: str) -> list[dict[str, Any]]:
    """Sources as listed under a page: the title as the data writes it (usually English), with the
    `lang` of its script, so that a Belarusian or Russian page marks it as another language."""
    return [{"url": s.url, "title": s.title, "title_lang": names.script_lang(s.title),
             "date": i18n.date(s.date, lang)} for s in sources]


def correction_url(repository: str | None, record: Record, name: str) -> str | None:
    """A prefilled GitHub issue form for this record (fields match .github/ISSUE_TEMPLATE/correction.yml)."""
    if not repository:
        return None
    query = urlencode({"template": "correction.yml", "title": f"Correction: {record.id}",
                       "record": record.id})
    return f"{repository.rstrip('/')}/issues/new?{query}"


# ---- Helpers ----

def _recognition(record: Record, dataset: PublicDataset, lang: str) -> dict[str, Any]:
    if record.recognised:
        by = dataset.organisation_name(record.recognised["by"], lang)
        return {"text": worded_for(record, "recognised_by", lang, by=by),
                "url": record.recognised.get("url"),
                "date": i18n.date(PartialDate.parse_optional(record.recognised.get("date")), lang)}
    # Only a record that says so is "not recognised"; otherwise the data is silent, and so is the page.
    key = "not_recognised" if record.status == "not-recognised" else "recognition_not_recorded"
    return {"text": worded_for(record, key, lang), "url": None, "date": ""}


def minimal_notice(record: Record, lang: str) -> str:
    """Why a page is short: whose agreement limits it only when the record's consent names them."""
    basis = (record.consent or {}).get("basis")
    return t(f"minimal_notice_{basis}" if basis in ("person", "family", "lawyer") else "minimal_notice", lang)


def _timeline(record: Record, lang: str) -> list[dict[str, str]]:
    """Arrest, verdict, appeal and release of every case, oldest first."""
    events = []
    for number, case in enumerate(record.cases, 1):
        prefix = t("case_n", lang, n=number) + ": " if len(record.cases) > 1 else ""
        for key, when in (("arrested", case.arrested), ("verdict", case.verdict_date),
                          ("appeal", case.appeal_date)):
            if when:
                events.append({"key": str(when), "date": i18n.date(when, lang), "what": prefix + t(key, lang)})
        if case.released:
            how = t(f"how_{case.released.how}", lang)
            when_text = i18n.date(case.released.date, lang) if case.released.date else t("date_unknown", lang)
            events.append({"key": str(case.released.date or "9999"), "date": when_text,
                           "what": f"{prefix}{t('release', lang)} ({how})"})
    return events


def _cases(record: Record, dataset: PublicDataset, lang: str) -> list[dict[str, Any]]:
    """The record's cases in order. Each article carries its explanation where it first appears:
    an article named again in a later case is listed there without it (explained once)."""
    explained: set[str] = set()
    cases = []
    for number, case in enumerate(record.cases, 1):
        view = _case(case, number, dataset, lang)
        for article in view["articles"]:
            if article["id"] in explained:
                article["explanation"] = None
            explained.add(article["id"])
        cases.append(view)
    return cases


def _case(case: Case, number: int, dataset: PublicDataset, lang: str) -> dict[str, Any]:
    sentence = None
    if case.sentence:
        parts = [t(f"kind_{case.sentence.kind}", lang)]
        if case.sentence.months is not None:
            parts.insert(0, i18n.duration(case.sentence.months, lang))
        if case.sentence.regime:
            parts.append(t(f"regime_{case.sentence.regime}", lang))
        # The source's own words (English in the data) stay only as a marked quotation.
        sentence = {"words": ", ".join(parts), "text": case.sentence.text,
                    "text_lang": names.script_lang(case.sentence.text)}
    return {
        "number": number,
        "articles": [{"id": a, "uri": article_uri(a), "title": pick(dataset.articles[a].title, lang),
                      "explanation": pick(dataset.articles[a].explanation, lang)} for a in case.articles],
        "court": case.court,
        "court_lang": names.script_lang(case.court),
        "judge": case.judge,
        "judge_lang": names.script_lang(case.judge, latin="be-Latn"),
        "sentence": sentence,
        "facilities": [facility_link(dataset.facilities[f], lang) for f in case.facilities],
    }


def _photo(record: Record, dataset: PublicDataset, name: str, lang: str) -> dict[str, Any] | None:
    """The published copy of a full record's photo (volia/outputs/photos.py publishes the same file)."""
    if not record.photo or dataset.photos_dir is None:
        return None
    published = photo_files.processed(dataset.photos_dir / record.photo["file"])
    return {"uri": photo_uri(record.id), "width": published.width, "height": published.height,
            "alt": t("photo_alt", lang, name=name), "credit": t("photo_credit", lang, credit=record.photo["credit"])}


def _term_ended(record: Record, dataset: PublicDataset, fresh: Freshness, lang: str) -> str | None:
    """"Term ended by the calculation (March 2025); release not confirmed", or None."""
    estimate = term_ended_unconfirmed(record, dataset, fresh.today)
    return t("term_ended_unconfirmed", lang, date=i18n.date(estimate.date, lang)) if estimate else None


def _letters(record: Record, dataset: PublicDataset, lang: str) -> dict[str, Any] | None:
    """Whether letters reach the person, and where to send them, while they are held."""
    if not record.serving:
        return None
    status = (record.letters or {}).get("status", "unknown")
    facility = dataset.facilities.get(record.facility) if record.facility else None
    return {
        "status": status,
        "text": t(f"letters_{status}", lang),
        "note": pick((record.letters or {}).get("note"), lang),
        "note_lang": fallback_language((record.letters or {}).get("note"), lang),
        "facility": facility_link(facility, lang) if facility else None,
        "envelopes": envelopes(facility, lang, record) if facility else [],
        "guide_uri": LETTER_GUIDE,
    }


def envelopes(facility: Facility, lang: str, record: Record | None = None) -> list[dict[str, Any]]:
    """Envelope labels for a letter to this facility: one posted in Belarus and one from abroad.

    Both are written in Cyrillic, as the prison's post office reads them: support groups advise
    senders abroad to keep the address in Cyrillic and add only the country in Latin letters. With a
    full record the label names the person surname first, in Cyrillic, with the year of birth, as
    prison post is sorted; on a facility page the name line is left for the writer to fill in.
    A facility with only a Latin address gets that one.
    """
    order = ("ru", "be") if lang == "ru" else ("be", "ru")
    script = next((s for s in (*order, "latin") if facility.address.get(s)), None)
    if script is None:
        return []
    name_lang = script if script != "latin" else "be"
    recipient = None
    if record is not None:
        recipient = names.surname_first(pick(record.name, name_lang))
        if record.born:
            recipient += ", " + t("envelope_born", name_lang, year=record.born.year)
    return [{
        "kind": kind,
        "lang": "be-Latn" if script == "latin" else script,
        "title": t(f"envelope_{kind}", lang),
        "recipient": recipient,
        "placeholder": t("envelope_recipient_placeholder", lang),
        "address": facility.address[script],
        "country": country,
    } for kind, country in (("in_belarus", None), ("from_abroad", "BELARUS"))]
