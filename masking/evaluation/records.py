"""Structured categories: AI chat log records (JSON) and single database cells.

A chat log record is OpenAI-shaped: request messages, a response whose assistant message calls a tool with
JSON-in-a-string ``arguments``, sometimes a tool result (JSON in ``content``) and a follow-up, plus ids,
usage and trace metadata that must survive. The text is the compact JSON (``orjson``), as a JSONL line holds it.

A database cell is one value with its column name, the context the pipeline has when it scans a column.
"""

from __future__ import annotations

from typing import Any

import orjson

from masking.evaluation.corpus import Draft
from masking.evaluation.negatives import MODELS, order_id, uuid4
from masking.evaluation.texts import START, curl_command, env_file, python_snippet

SYSTEM_PROMPT = ("You are Acme's support assistant. Use the tools to look up or update customer records. "
                 "Never ask for full card numbers or passwords.")  # fmt: skip
TOOL_PARAMETERS = {
    "lookup_customer": ("email", "name"),
    "update_contact": ("customer_id", "full_name", "phone", "address"),
}
TOOLS = [
    {"type": "function", "function": {"name": name, "parameters": {
        "type": "object", "properties": {p: {"type": "string"} for p in params}}}}
    for name, params in TOOL_PARAMETERS.items()
]  # fmt: skip


def _user_message(d: Draft, first: str, full: str, email: str) -> str:
    rng = d.rng
    return rng.choice([
        lambda: (f"Hi, I'm {d.plant(full, 'PERSON')}. My email is {d.plant(email, 'EMAIL')} and my phone is "
                 f"{d.new('PHONE')}. Can you update my address to {d.new('STREET_ADDRESS')}?"),
        lambda: f"Please refund order {order_id(rng)} to my card {d.new('CREDIT_CARD')}, it was charged twice.",
        lambda: f"The KYC form keeps failing. SSN {d.new('US_SSN')}, date of birth {d.new('DATE_OF_BIRTH')}.",
        lambda: f"Why does this fail with 401?\n```\n{rng.choice([python_snippet, curl_command, env_file])(d)}\n```",
        lambda: (f"Send the payout to IBAN {d.new('IBAN')}, account holder {d.plant(full, 'PERSON')}. "
                 f"My login {d.plant(email, 'EMAIL')} still works."),
        lambda: f"{d.plant(first, 'PERSON')} here, my session token {d.new('JWT')} expired, can you extend it?",
    ])()


def _tool_call(d: Draft, full: str, email: str, answered: bool) -> tuple[dict[str, Any], dict[str, Any] | None]:
    """(the assistant's tool call, the tool's result message if ``answered``)."""
    rng = d.rng
    customer_id = rng.randrange(10**4, 10**6)
    args: dict[str, Any]
    if rng.random() < 0.5:
        name, args = "lookup_customer", {"email": d.plant(email, "EMAIL"), "name": d.plant(full, "PERSON")}
    else:
        name, args = "update_contact", {"customer_id": customer_id, "full_name": d.plant(full, "PERSON"),
                                        "phone": d.new("PHONE"), "address": d.new("STREET_ADDRESS")}  # fmt: skip
    call_id = "call_" + d.values.token(24)
    call = {"id": call_id, "type": "function", "function": {"name": name, "arguments": orjson.dumps(args).decode()}}
    if not answered:
        return call, None
    result = {"customer": {"id": customer_id, "name": d.plant(full, "PERSON"), "email": d.plant(email, "EMAIL"),
                           "date_of_birth": d.new("DATE_OF_BIRTH"), "plan": rng.choice(["free", "pro"])},
              "orders": [order_id(rng) for _ in range(rng.randint(0, 2))]}  # fmt: skip
    return call, {"role": "tool", "tool_call_id": call_id, "content": orjson.dumps(result).decode()}


def chat_log(d: Draft) -> tuple[str, None]:
    rng = d.rng
    first, last = d.values.person()
    full, email = f"{first} {last}", d.values.email(first, last)
    messages: list[dict[str, Any]] = [{"role": "system", "content": SYSTEM_PROMPT},
                                      {"role": "user", "content": _user_message(d, first, full, email)}]  # fmt: skip
    call, result = _tool_call(d, full, email, answered=rng.random() < 0.5)
    assistant: dict[str, Any] = {"role": "assistant", "content": None, "tool_calls": [call]}
    finish = "tool_calls"
    if result is not None:  # the logged request already holds the tool round trip
        messages += [assistant, result]
        assistant = {"role": "assistant", "content": f"Thanks {d.plant(first, 'PERSON')}, your record is updated."}
        finish = "stop"
    prompt = sum(len(str(m.get("content") or "")) for m in messages) // 4
    record = {
        "id": "chatcmpl-" + d.values.token(29), "object": "chat.completion",
        "created": int(START.timestamp()) + rng.randrange(30 * 86_400), "model": rng.choice(MODELS),
        "user": f"u_{rng.randrange(10**6)}",
        "metadata": {"request_id": uuid4(rng), "trace_id": d.values.token(32, "0123456789abcdef")},
        "request": {"messages": messages, **({"tools": TOOLS} if rng.random() < 0.3 else {})},
        "response": {"choices": [{"index": 0, "message": assistant, "finish_reason": finish}],
                     "usage": {"prompt_tokens": prompt, "completion_tokens": rng.randint(9, 300)}},
    }  # fmt: skip
    return orjson.dumps(record).decode(), None


# ---- database cells -------------------------------------------------------------------------------------

COLUMNS: dict[str, tuple[str, ...]] = {
    "PERSON": ("full_name", "customer_name", "name", "account_holder"),
    "EMAIL": ("email", "contact_email", "billing_email"),
    "PHONE": ("phone", "mobile", "phone_number"),
    "US_SSN": ("ssn", "tax_id"),
    "CREDIT_CARD": ("card_number", "pan"),
    "IBAN": ("iban", "bank_account"),
    "STREET_ADDRESS": ("address", "street", "shipping_address"),
    "DATE_OF_BIRTH": ("birth_date", "dob", "date_of_birth"),
    "IP_ADDRESS": ("signup_ip", "last_login_ip"),
}


def _plain_cell(d: Draft) -> tuple[str, str]:
    rng = d.rng
    return rng.choice([
        lambda: ("order_id", order_id(rng)),
        lambda: ("status", rng.choice(["active", "churned", "pending_review", "Suspended"])),
        lambda: ("plan", rng.choice(["free", "pro", "Enterprise", "team-annual"])),
        lambda: ("created_at", f"2026-03-{rng.randint(1, 28):02d} {rng.randrange(24):02d}:{rng.randrange(60):02d}:00"),
        lambda: ("amount", f"{rng.randrange(1, 10**5)}.{rng.randrange(100):02d}"),
        lambda: ("sku", f"SKU-{rng.randrange(10**4):04d}-{rng.choice(['XS', 'M', 'XL'])}"),
        lambda: ("request_id", uuid4(rng)),
    ])()


def db_cell(d: Draft) -> tuple[str, str]:
    rng = d.rng
    if rng.random() < 0.2:
        return _plain_cell(d)
    entity = rng.choice(list(COLUMNS))
    column = rng.choice(COLUMNS[entity])
    if entity == "PERSON" and rng.random() < 0.15:  # "Last, First", as many CRMs export it
        first, last = d.values.person()
        return d.plant(f"{last}, {first}", "PERSON"), column
    if entity == "US_SSN" and rng.random() < 0.1:  # stored without dashes
        return d.plant(d.values.ssn().replace("-", ""), "US_SSN"), column
    return d.new(entity), column
