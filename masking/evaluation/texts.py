"""Plain-text categories: support emails and chat messages, application and server logs, configs and code.

Every generator takes a ``Draft``, plants the sensitive values it writes and returns ``(text, None)``. The
non-sensitive parts (order numbers, request ids, hosts, ports, flags) are there on purpose: over-masking is
measured on them.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from masking.evaluation.corpus import Draft
from masking.evaluation.negatives import order_id, ticket_id, uuid4, version

START = datetime(2026, 3, 2, tzinfo=UTC)


def _stamp(d: Draft) -> datetime:
    return START + timedelta(seconds=d.rng.randrange(30 * 86_400), microseconds=d.rng.randrange(1000) * 1000)


def _iso(d: Draft) -> str:
    return _stamp(d).isoformat(timespec="milliseconds").replace("+00:00", "Z")


# ---- free text ------------------------------------------------------------------------------------------


def free_text(d: Draft) -> tuple[str, None]:
    rng = d.rng
    first, last = d.values.person()
    full = f"{first} {last}"
    order = order_id(rng)

    def name() -> str:
        return d.plant(full, "PERSON")

    templates = [
        lambda: (f"Hi team,\n\nMy name is {name()} and I can't log in since yesterday. My account email is "
                 f"{d.new('EMAIL')}, you can also reach me at {d.new('PHONE')}.\n\nThanks,\n"
                 f"{d.plant(first, 'PERSON')}"),
        lambda: (f"Hello, please update my shipping address to {d.new('STREET_ADDRESS')} before {order} ships. "
                 f"Regards, {name()}"),
        lambda: (f"I was charged twice on my card {d.new('CREDIT_CARD')} for order {order}. Please refund the "
                 f"second charge to my account {d.new('IBAN')}. {name()}"),
        lambda: (f"Employee {name()}, date of birth {d.new('DATE_OF_BIRTH')}, SSN {d.new('US_SSN')}, asked us to "
                 f"re-send the W-2 to {d.new('EMAIL')}. Ticket {ticket_id(rng)}."),
        lambda: f"hey it's {d.plant(first, 'PERSON')} - can u text me at {d.new('PHONE')}? my email bounced again",
        lambda: (f"Can someone check why {name()} ({d.new('EMAIL')}) got locked out? Last login came from "
                 f"{d.new('IP_ADDRESS')} at {_stamp(d):%H:%M} UTC."),
        lambda: (f"{name()}: oops, I pasted my token in #deploys by mistake: {d.new('GITHUB_TOKEN')} - "
                 f"revoking it now, ignore the CI failure on {version(rng)}"),
        lambda: (f"Patient {name()}, born {d.new('DATE_OF_BIRTH')}, lives at {d.new('STREET_ADDRESS')}. "
                 f"Emergency contact: {d.new('PHONE')}."),
        lambda: (f"Dear {d.plant(first, 'PERSON')}, your refund of ${rng.randrange(10, 900)}.{rng.randrange(100):02d} "
                 f"for {order} was sent to the card ending {rng.randrange(10_000):04d}. Questions? Just reply."),
        lambda: (f"talked to {d.plant(f'{first} {last}'.lower(), 'PERSON')} on the phone today, she wants the "
                 f"invoice for {order} sent to {d.new('EMAIL')}"),
        lambda: (f"Wire details for the contractor {name()}: IBAN {d.new('IBAN')}, phone {d.new('PHONE')}, "
                 f"invoice INV-{rng.randrange(10**5):05d}."),
        lambda: (f"New signup: {name()} <{d.new('EMAIL')}>, SSN on file {d.new('US_SSN')}, "
                 f"card {d.new('CREDIT_CARD')}, plan pro, referred by {d.new('PERSON')}."),
    ]
    return rng.choice(templates)(), None


# ---- logs -----------------------------------------------------------------------------------------------


def _log_line(d: Draft) -> str:
    rng = d.rng
    req = f"req-{d.values.token(12, '0123456789abcdef')}"
    level = rng.choice(["INFO", "INFO", "WARN", "ERROR", "DEBUG"])
    stamp = _iso(d)
    nginx_stamp = f"{_stamp(d):%d/%b/%Y:%H:%M:%S} +0000"
    address = d.values.email()

    def email() -> str:
        return d.plant(address, "EMAIL")
    templates = [
        lambda: (f"{stamp} {level} [{req}] user.login email={email()} ip={d.new('IP_ADDRESS')} status=ok "
                 f"latency_ms={rng.randrange(5, 900)}"),
        lambda: (f'{d.new("IP_ADDRESS")} - - [{nginx_stamp}] "GET /api/v1/orders/{rng.randrange(10**6)}?email='
                 f'{d.plant(address.replace("@", "%40"), "EMAIL")} HTTP/1.1" 200 {rng.randrange(200, 9000)} "-" '
                 f'"Mozilla/5.0 (X11; Linux x86_64) Firefox/123.0"'),
        lambda: (f'{stamp} ERROR [{req}] psycopg.OperationalError: connection to server at "db.internal" '
                 f'({d.new("IP_ADDRESS")}), port 5432 failed: FATAL: password authentication failed for user "app"'),
        lambda: f"{stamp} WARN [{req}] payment declined card={d.new('CREDIT_CARD')} amount=42.00 currency=EUR code=05",
        lambda: (f'{stamp} DEBUG [{req}] outgoing headers={{"Authorization": "Bearer {d.new("BEARER_TOKEN")}", '
                 f'"X-Request-Id": "{uuid4(rng)}"}}'),
        lambda: f"{stamp} INFO [{req}] sms.sent to={d.new('PHONE')} template=otp user_id={rng.randrange(10**6)}",
        lambda: f"{stamp} INFO [{req}] customer {d.new('PERSON')} changed billing address (acct {rng.randrange(99)})",
        lambda: (f"{_stamp(d):%Y-%m-%d %H:%M:%S},{rng.randrange(1000):03d} [http-nio-8080-exec-{rng.randrange(1, 20)}] "
                 f"WARN c.acme.auth.LoginService - Failed login for {email()} from {d.new('IP_ADDRESS')}"),
        lambda: f"{stamp} INFO [{req}] kyc.check ssn={d.new('US_SSN')} dob={d.new('DATE_OF_BIRTH')} result=pass",
        lambda: f"{stamp} ERROR [{req}] stripe: invalid api key {d.new('STRIPE_KEY')} (status 401)",
    ]
    return rng.choice(templates)()


def _filler_line(d: Draft) -> str:
    rng = d.rng
    return rng.choice([
        f"{_iso(d)} INFO [worker-{rng.randrange(8)}] job.finished id={uuid4(rng)} took_ms={rng.randrange(50, 9000)}",
        f"{_iso(d)} DEBUG cache hit ratio=0.{rng.randrange(100):02d} keys={rng.randrange(10**4)} build={version(rng)}",
        f"{_iso(d)} INFO GET /healthz 200 {rng.randrange(1, 9)}ms",
    ])


def log_lines(d: Draft) -> tuple[str, None]:
    lines = [_log_line(d) for _ in range(d.rng.randint(1, 3))] + [_filler_line(d) for _ in range(d.rng.randint(0, 2))]
    d.rng.shuffle(lines)
    return "\n".join(lines), None


# ---- configs and code -----------------------------------------------------------------------------------


def _dsn(d: Draft) -> str:
    password = d.plant(d.values.url_password(), "DATABASE_URL")
    return d.rng.choice([
        f"postgresql://app:{password}@db.internal:5432/prod",
        f"mysql://root:{password}@mysql.internal:3306/shop",
        f"mongodb+srv://svc-orders:{password}@cluster0.ab12c.mongodb.net/app?retryWrites=true",
        f"redis://:{password}@cache.internal:6379/0",
    ])


def env_file(d: Draft) -> str:
    lines = [
        lambda: f"DATABASE_URL={_dsn(d)}", lambda: f"OPENAI_API_KEY={d.new('OPENAI_KEY')}",
        lambda: f"STRIPE_SECRET_KEY={d.new('STRIPE_KEY')}", lambda: f"AWS_ACCESS_KEY_ID={d.new('AWS_ACCESS_KEY')}",
        lambda: f"AWS_SECRET_ACCESS_KEY={d.new('AWS_SECRET_KEY')}", lambda: f"SLACK_BOT_TOKEN={d.new('SLACK_TOKEN')}",
        lambda: f"GOOGLE_MAPS_API_KEY={d.new('GOOGLE_API_KEY')}", lambda: f"ADMIN_PASSWORD={d.new('PASSWORD')}",
    ]
    chosen = [line() for line in d.rng.sample(lines, d.rng.randint(2, 4))]
    return "\n".join(["# production settings", "DEBUG=false", "PORT=8080", *chosen, "LOG_LEVEL=info"])


def _yaml(d: Draft) -> str:
    return (f"database:\n  host: db.internal\n  port: 5432\n  user: app\n  password: {d.new('PASSWORD')}\n"
            f"slack:\n  bot_token: {d.new('SLACK_TOKEN')}\n  channel: \"#alerts\"\n"
            f"github:\n  token: {d.new('GITHUB_TOKEN')}\n  org: acme\nretries: 3\n")


def python_snippet(d: Draft) -> str:
    return d.rng.choice([
        lambda: f'from openai import OpenAI\n\nclient = OpenAI(api_key="{d.new("OPENAI_KEY")}")\nMODEL = "gpt-4o"\n',
        lambda: f'import stripe\n\nstripe.api_key = "{d.new("STRIPE_KEY")}"\nstripe.max_network_retries = 2\n',
        lambda: (f'import psycopg\n\nconn = psycopg.connect("host=db.internal dbname=prod user=app '
                 f'password={d.new("PASSWORD")}")\n'),
        lambda: (f'session = boto3.Session(\n    aws_access_key_id="{d.new("AWS_ACCESS_KEY")}",\n'
                 f'    aws_secret_access_key="{d.new("AWS_SECRET_KEY")}",\n    region_name="eu-west-1",\n)\n'),
        lambda: f'SLACK = WebClient(token="{d.new("SLACK_TOKEN")}")\nCHANNEL = "C0123ABCD"\n',
        lambda: f'PRIVATE_KEY = """{d.new("PRIVATE_KEY")}"""\n\ndef sign(payload: bytes) -> bytes: ...\n',
        lambda: f'params = {{"address": "Berlin", "key": "{d.new("GOOGLE_API_KEY")}"}}\nr = requests.get(URL, params)',
        lambda: f'HEADERS = {{"Authorization": "Bearer {d.new("JWT")}", "Accept": "application/json"}}\n',
    ])()


def curl_command(d: Draft) -> str:
    return d.rng.choice([
        lambda: f'curl -H "Authorization: Bearer {d.new("BEARER_TOKEN")}" https://api.example.com/v1/orders?limit=50',
        lambda: (f'curl https://api.openai.com/v1/chat/completions -H "Authorization: Bearer {d.new("OPENAI_KEY")}" '
                 f'-H "Content-Type: application/json" -d \'{{"model": "gpt-4o-mini"}}\''),
        lambda: f"curl -u admin:{d.plant(d.values.url_password(), 'PASSWORD')} https://jenkins.internal:8443/api/json",
        lambda: (f'curl "https://maps.googleapis.com/maps/api/geocode/json?address=Berlin&key='
                 f'{d.new("GOOGLE_API_KEY")}"'),
        lambda: f"curl https://slack.com/api/chat.postMessage -H 'Authorization: Bearer {d.new('SLACK_TOKEN')}'",
        lambda: f"git remote set-url origin https://{d.new('GITHUB_TOKEN')}@github.com/acme/billing.git",
    ])()


def _other_config(d: Draft) -> str:
    rng = d.rng
    return rng.choice([
        lambda: (f"[default]\naws_access_key_id = {d.new('AWS_ACCESS_KEY')}\naws_secret_access_key = "
                 f"{d.new('AWS_SECRET_KEY')}\nregion = eu-west-1\noutput = json\n"),
        lambda: f"DATABASE_URL: {_dsn(d)}\nPOOL_SIZE: 10\n",
        lambda: (f"Server=tcp:sql-prod.database.windows.net,1433;Database=billing;User ID=svc_billing;"
                 f"Password={d.plant(d.values.password(), 'DATABASE_URL')};Encrypt=True;"),
        lambda: (f'{{"type": "service_account", "project_id": "acme-prod-{rng.randrange(1000)}", "private_key": '
                 f'"{d.plant(d.values.private_key().replace(chr(10), chr(92) + "n"), "PRIVATE_KEY")}", '
                 f'"token_uri": "https://oauth2.googleapis.com/token"}}'),
        lambda: f"Cookie: session={d.new('JWT')}; theme=dark; lang=en-US",
        lambda: f"{d.new('PRIVATE_KEY')}\n",
    ])()


def config_secrets(d: Draft) -> tuple[str, None]:
    makers = [env_file, _yaml, python_snippet, python_snippet, curl_command, curl_command, _other_config, _other_config]
    maker = d.rng.choice(makers)
    return maker(d), None
