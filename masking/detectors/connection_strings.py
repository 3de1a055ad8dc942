"""Passwords inside database connection strings: JDBC URLs and ADO.NET/ODBC ``key=value;`` strings.

URLs with ``user:password@host`` (``postgresql://``, ``mongodb+srv://``...) are the ``url_credentials``
detector's. Only the password is masked; driver, host, database and user stay readable.
"""

from __future__ import annotations

from masking.detectors.base import Detector
from masking.detectors.patterns import WS, nocase
from masking.detectors.validators import not_placeholder

_PASSWORD = nocase("(?:password|pwd)")
_FIRST = rf"""[^{WS}&;"'<>$*{{\[%]"""  # not a template or a mask: `${DB_PASSWORD}`, `***`, `<password>`

# Properties after `?`, `&` or `;` (`jdbc:sqlserver://db:1433;user=sa;password=...`). The password may hold
# `@`: a match cut there would leave the rest of it outside every candidate span.
JDBC_URL = Detector(
    name="jdbc_url",
    entity="CONNECTION_STRING",
    pattern=rf"""\bjdbc:[A-Za-z0-9]+:[^{WS}"'<>]*?[?;&]{_PASSWORD}=(?P<value>{_FIRST}[^{WS}&;"'<>]*)""",
    validator=not_placeholder,
    context=("jdbc", "connection", "database", "datasource", "dsn"),
    examples=(
        "jdbc:postgresql://db.internal:5432/prod?user=app&password=s3cr3t-Pa55&ssl=true",
        "jdbc:mysql://db/shop?user=x&password=P@ssw0rd",
        "jdbc:sqlserver://db:1433;databaseName=crm;user=sa;password=Fake!Pass1;",
    ),
    near_misses=(
        "jdbc:postgresql://db.internal:5432/prod?user=app",
        "jdbc:postgresql://db/prod?user=app&password=${DB_PASSWORD}",
        "jdbc:mysql://db/shop?password=",
        "jdbc:h2:mem:test;DB_CLOSE_DELAY=-1",
    ),
)

# Oracle's thin driver puts credentials before the host: `jdbc:oracle:thin:scott/tiger@//db:1521/svc`.
ORACLE_JDBC_URL = Detector(
    name="oracle_jdbc_url",
    entity="CONNECTION_STRING",
    pattern=rf"""\bjdbc:oracle:(?:thin|oci):[^{WS}/@:"'<>]+/(?P<value>[^{WS}/@"'<>$*{{\[%][^{WS}@"'<>]*)@""",
    validator=not_placeholder,
    context=("jdbc", "oracle", "connection", "database"),
    examples=("jdbc:oracle:thin:scott/Fake-Tiger9@//db.internal:1521/ORCL", "jdbc:oracle:thin:app/s3cr3t@db:1521:XE"),
    near_misses=("jdbc:oracle:thin:@//db.internal:1521/ORCL", "jdbc:oracle:thin:scott/${PW}@db:1521:XE"),
)


def _password_valid(value: str) -> bool:
    return not_placeholder(value.strip("'\""))


# `Server=...;Database=...;User Id=...;Password=...;` (SQL Server, ODBC, Npgsql, MySqlConnector). The
# password runs to `;` or the line end, spaces included; a quoted one (which may hold `;`) is masked with
# its quotes. It must come within 20 settings of the server: unbounded, a line of `host=a;host=a;...` would
# cost Python's backtracking quadratic time.
ADO_CONNECTION_STRING = Detector(
    name="ado_connection_string",
    entity="CONNECTION_STRING",
    pattern=(
        rf"\b{nocase('(?:server|data source|host|address|addr|network address)')}[ \t]*=[^;\r\n]*;"
        rf"(?:[^;\r\n]*;){{0,20}}?[ \t]*{_PASSWORD}[ \t]*=[ \t]*"
        rf"""(?P<value>'[^'\r\n]+'|"[^"\r\n]+"|{_FIRST}[^;\r\n"']*)"""
    ),
    validator=_password_valid,
    context=("connection string", "sql server", "odbc", "ado", "database"),
    examples=(
        "Server=db.internal;Database=crm;User Id=sa;Password=Fake Pass 42;",
        "Data Source=tcp:db,1433;Initial Catalog=crm;Uid=app;Pwd=P@ssw0rd;Encrypt=yes",
        "Host=db;Username=app;Password='s3cr3t;x'",
    ),
    near_misses=(
        "Server=db.internal;Database=crm;Integrated Security=true;",
        "Server=db;Password=;",
        "Server=db;Password=${DB_PASSWORD};",
        "Server=db;Password='${DB_PASSWORD}';",
        "Password=hunter2;Server=db",
    ),
)
