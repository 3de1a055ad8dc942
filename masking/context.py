"""Field names as context. A column or JSON key named ``ssn``, ``phone`` or ``api_key`` says what its values
are, even when a value alone would not be recognized (``123456789``, ``4155550100``, ``hunter2``); a field
named ``order_id``, ``trace_id`` or ``version`` says its digits are not a phone or a card.

Rules apply to a whole value, as a Polars expression over the column: no per-row Python.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from masking.detectors.people import BIRTH_DATE, COMPACT_BIRTH_DATE

# A capitalized word of a name (`O'Brien`, `Jean-Luc`, `J.`), also after `d'`, `l'`, `al-`, `el-`.
_NAME_WORD = r"(?:[dl]['’]|[ae]l-)?\p{Lu}[\p{L}'’.\-]*"
# Lowercase particles that stand between the capitalized words of a name: `Pietra da Cunha`, `Mathijs van
# Beeck`, `Maria de la Cruz`, `Emir 's Gravensande`, `Ahmed bin Salem`. A name ends with a capitalized word;
# it starts with one too, except in the person fields proper, where a surname may be `van Beeck`.
_PARTICLE = (
    r"(?:d[aeiou]|de[lnrs]|del(?:l[aeo])?|dei|degli|das|dos|van|von|vom|zu|zum|zur|te[nr]?|het|la|le|lo|les"
    r"|y|e|i|bin|binti|bint|ibn|ben|bat|al|el|af|av|op|['’][st])"
)
_NAME_GAP = rf"\s+(?:{_PARTICLE}\s+){{0,3}}"
# Times after an ISO date of birth: `1985-07-04T00:00:00Z`, `1985-07-04 00:00:00.000+02:00`.
_TIME = r"(?:[T ][0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]+)?)?(?:Z|[+-][0-9]{2}(?::?[0-9]{2})?)?)?"
# A post-office box or rural route: `PO Box 1234`, `P.O. Box 12`, `RR 2 Box 15`.
_PO_BOX = r"(?i:\bp\.?\s?o\.?\s?box|\bpost\s+office\s+box|\brr\s?[0-9]+\s+box)\s*[0-9]"
_NOT_PLACEHOLDER = r"^\s*(?:\$\{.*\}|<[^>]*>|\*+|null|none|n/?a|redacted|\[redacted\]|x+)?\s*$"


@dataclass(frozen=True)
class FieldRule:
    """Values of a field whose name is in ``keys`` (or ends with one of ``suffixes``) and that match
    ``pattern`` as a whole are ``entity``."""

    entity: str
    keys: frozenset[str]
    pattern: str
    suffixes: tuple[str, ...] = ()

    def applies_to(self, key: str) -> bool:
        return key in self.keys or any(key.endswith(s) for s in self.suffixes)


FIELD_RULES: tuple[FieldRule, ...] = (
    FieldRule("PERSON", frozenset({
        "full_name", "fullname", "first_name", "firstname", "last_name", "lastname", "given_name", "family_name",
        "surname", "customer_name", "contact_name", "display_name", "person_name", "user_name", "sender_name",
        "recipient_name", "author_name", "patient_name", "employee_name", "maiden_name", "middle_name",
        "legal_name", "preferred_name", "billing_name", "shipping_name",
        # who else a record names: holders, payees, relatives, contacts
        "account_holder", "account_holder_name", "holder_name", "cardholder", "cardholder_name", "card_holder",
        "card_holder_name", "name_on_card", "beneficiary_name", "payee_name", "payer_name", "next_of_kin",
        "next_of_kin_name", "emergency_contact", "emergency_contact_name", "guardian", "guardian_name", "spouse",
        "spouse_name", "partner_name", "parent_name", "mother_name", "father_name", "mothers_maiden_name",
        "physician", "physician_name", "doctor_name", "signatory", "signer_name", "witness_name",
    }), rf"^\s*(?:{_PARTICLE}\s+){{0,3}}{_NAME_WORD},?(?:{_NAME_GAP}{_NAME_WORD}){{0,3}}\s*$",  # `Reeves, Jorge`
        ("_full_name", "_first_name", "_last_name", "_given_name", "_family_name", "_surname", "_holder_name")),
    # A bare ``name`` also names tools, models and products, and a payee can be a shop: two to four
    # capitalized words only.
    FieldRule("PERSON", frozenset({"name", "author", "sender", "recipient", "contact", "customer", "person",
                                   "beneficiary", "payee", "payer"}),
              rf"^\s*{_NAME_WORD}(?:{_NAME_GAP}{_NAME_WORD}){{1,3}}\s*$"),
    FieldRule("US_SSN", frozenset({"ssn", "social_security", "social_security_number", "ssn_number", "tax_id",
                                   "taxpayer_id", "tin", "national_id", "ssn_id"}),
              r"^\s*\d{3}[- ]?\d{2}[- ]?\d{4}\s*$", ("_ssn",)),
    FieldRule("PHONE", frozenset({"phone", "phone_number", "mobile", "mobile_number", "cell", "cellphone",
                                  "telephone", "tel", "fax", "msisdn", "whatsapp"}),
              r"^\s*\+?\(?\d[\d\s().-]{5,18}\d\s*$", ("_phone", "_mobile", "_phone_number")),
    FieldRule("EMAIL", frozenset({"email", "email_address", "mail", "e_mail"}), r"^\s*[^\s@]+@[^\s@]+\s*$",
              ("_email",)),
    FieldRule("DATE_OF_BIRTH", frozenset({
        "dob", "date_of_birth", "birth_date", "birthdate", "birthday", "birth_dt", "dob_date", "d_o_b",
        "birth_day", "date_birth", "born", "born_on", "geburtsdatum", "geb_datum", "fecha_nacimiento",
        "fecha_de_nacimiento", "date_naissance", "date_de_naissance", "data_nascita", "data_di_nascita",
        "geboortedatum",
    }), rf"^\s*(?:{BIRTH_DATE}|{COMPACT_BIRTH_DATE}){_TIME}\s*$",  # every format the detector knows, plausible only
        ("_dob", "_birth_date", "_birthdate", "_date_of_birth", "_birth_dt", "_birthday")),
    # House number first (`12 High St`), or last (`Hauptstraße 5`, `Calle Mayor 10`), or a PO box. Not a bare
    # `_address` suffix: `ip_address`, `email_address`, `wallet_address`.
    FieldRule("STREET_ADDRESS", frozenset({
        "address", "street", "street_address", "address_line1", "address_line_1", "address1", "home_address",
        "billing_address", "shipping_address", "addr", "addr1", "addr_line1", "addr_line_1", "street_line1",
        "street_line_1", "street1", "street_1", "line1", "line_1", "address_line", "mailing_address",
        "postal_address", "residence", "residential_address", "home_addr", "delivery_address", "street_name",
        "strasse", "adresse", "direccion", "indirizzo", "adres",
    }), rf"\d+[A-Za-z]?\s+\p{{L}}{{2,}}|\p{{L}}{{3,}}\.?\s+\d+[A-Za-z]?\b|{_PO_BOX}",
        ("_street", "_street_address", "_home_address", "_mailing_address", "_postal_address", "_address_line1",
         "_address_line_1", "_street_line_1")),
    FieldRule("PASSWORD", frozenset({"password", "passwd", "pwd", "secret", "client_secret", "api_key", "apikey",
                                     "access_token", "refresh_token", "auth_token", "token", "private_key",
                                     "secret_key", "access_key", "session_token", "bearer"}),
              r"^\s*\S{4,}", ("_password", "_secret", "_api_key", "_token")),
)

# Fields that hold identifiers, digests and versions: their digits are not phones, cards or addresses.
NEGATIVE_KEYS = frozenset({
    "id", "uuid", "guid", "order_id", "order_number", "invoice_id", "ticket_id", "trace_id", "span_id",
    "parent_id", "parent_span_id", "request_id", "run_id", "correlation_id", "sha", "git_sha", "commit", "hash",
    "checksum", "digest", "etag", "version", "build", "build_number", "revision", "sku", "port", "pid",
})
NEGATIVE_SUFFIXES = ("_id", "_sha", "_hash", "_checksum", "_digest", "_version", "_uuid")
# What a negative context suppresses: only detectors that digits alone can fool.
WEAK_ENTITIES = frozenset({"PHONE", "IP_ADDRESS", "CREDIT_CARD", "US_SSN", "DATE_OF_BIRTH", "AGE"})
PLACEHOLDER = _NOT_PLACEHOLDER


def field_key(field: str | None) -> str | None:
    """The normalized last key of a column name or JSON path: ``a.b[].Phone-Number`` -> ``phone_number``."""
    if not field:
        return None
    last = re.split(r"[.\[\]{}]+", field.strip(".[]{}"))[-1] if field.strip(".[]{}") else field
    key = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", last)  # camelCase -> camel_case
    return re.sub(r"[^a-z0-9]+", "_", key.lower()).strip("_") or None


def rules_for(field: str | None) -> list[FieldRule]:
    key = field_key(field)
    return [rule for rule in FIELD_RULES if key is not None and rule.applies_to(key)]


def is_negative(field: str | None) -> bool:
    key = field_key(field)
    if key is None or rules_for(field):
        return False
    return key in NEGATIVE_KEYS or key.endswith(NEGATIVE_SUFFIXES)


def context_key(field: str | None) -> str:
    """What a field's name tells the scanner, as a short key: fields with equal keys are scanned alike. Rules
    are named by their place in ``FIELD_RULES``, not by entity: `name` and `full_name` both claim PERSON, with
    different patterns (one word is a name in `full_name`, not in `name`)."""
    rules = ",".join(f"{FIELD_RULES.index(rule)}:{rule.entity}" for rule in rules_for(field))
    return f"{rules}|{'negative' if is_negative(field) else ''}"
