"""Person names found by the words around them: greetings, sign-offs, introductions, roles, display names.

spaCy's small English model misses lone first names (`Thanks Riley,`, `Armin here,`) and names in set phrases
(`customer Alphons Scarponi changed...`). These rules read the context a person would: a name is masked only
where the words before it (and often the punctuation after it) say that a name stands there, and only the name
is the sensitive value; the context words stay.

Names are Latin-script words: a capital, then letters with accents (Latin-1, Latin Extended-A/B, Vietnamese),
hyphenated parts (`Hans-Christian`), an apostrophe (`O'Brien`), initials (`John F. Kennedy`) and lower-case
particles between words (`da`, `van der`, `de la`, `bin`, `'s`). The validator wants a small letter in every word
and at most one inner capital after a short prefix (`McDonald`, `DeShawn`, not `ValidationError`). Lower-case
names (`talked to jane doe`) are not read: no context tells them from ordinary words (`talked to support`).

The capitalized word after `Thanks` or `customer` is often not a name (`Thanks Again`, `Dear Customer`,
`customer Support`, `This is Kafka`): ``person_name_valid`` rejects a value holding any word of a stop list
(function words, days, months that are not also given names, team, role, code and product words).

Cost (see patterns.py): five rules start at a literal keyword; `Armin here,` only where a message or a line
starts, display names only at a line start or after a header or list separator. Name words repeat a bounded
number of times, and within a word no two neighbouring pieces overlap, so Python never backtracks inside a word.
One class holds every Latin letter, both cases: finer classes (capitals apart) split the byte alphabet of the
alternation and slowed Polars' lazy DFA down. Non-ASCII letters are written as ``\\uXXXX`` escapes, which both
engines read.
"""

from __future__ import annotations

import re

from masking.detectors.base import Detector
from masking.detectors.patterns import ASSIGN
from masking.nonnames import not_names

# ---- name words -----------------------------------------------------------------------------------------

# Latin-1 letters and Latin Extended-A/B (U+00C0-U+024F, the signs × and ÷ among them), Greek and Coptic and
# Cyrillic (U+0370-U+04FF: `Γιώργος`, `Иван Петров`) and Latin Extended Additional (Vietnamese), both cases in
# one class: the validator checks the case.
_LATIN = r"\u00c0-\u024f\u0370-\u04ff\u1e00-\u1eff"
_UPPER = rf"[A-Z{_LATIN}]"
_RUN = rf"[A-Za-z{_LATIN}-]"  # the rest of a word: `Anna`, `McDonald`, `Hans-Christian`
_WORD = rf"{_UPPER}{_RUN}*(?:['\u2019]{_UPPER}{_RUN}*)?"  # and `O'Brien`
_NAME_CHAR = rf"A-Za-z0-9_{_LATIN}"
_INITIAL = r"[A-Z]\."
_PARTICLES = (
    "da", "das", "de", "de la", "de las", "de los", "del", "della", "den", "der", "des", "di", "do", "dos", "du",
    "la", "le", "van", "van de", "van den", "van der", "von", "von der", "ter", "ten", "bin", "ibn", "al", "el", "y",
    "'s",
)  # fmt: skip
_PARTICLE = "|".join(sorted(_PARTICLES, key=lambda p: (-len(p), p))).replace(" ", "[ \\t]")


def _name(least: int, most: int) -> str:
    """``least`` to ``most`` name words, single blanks between them, particles and initials allowed."""
    first = rf"(?:{_INITIAL}[ \t]?)*{_WORD}"
    more = rf"[ \t](?:(?:{_PARTICLE})[ \t])?(?:{_INITIAL}[ \t])*{_WORD}"
    return rf"{first}(?:{more}){{{least - 1},{most - 1}}}"


# ---- context pieces -------------------------------------------------------------------------------------


def _phrases(*phrases: str, capital: bool = True) -> str:
    """Keywords matched with either case of their first letter (`[Tt]hanks`; only in lower case without
    ``capital``), as a trie (`[Tt]ha(?:nks|nk you)`): the lazy DFA then follows one path per prefix read, not one
    per keyword. A space in a phrase stands for blanks, an apostrophe for both kinds."""
    end = ""
    trie: dict[str, dict] = {}
    for phrase in phrases:
        node = trie
        for i, char in enumerate(phrase):
            if i == 0 and char.isalpha() and capital:
                atom = f"[{char.upper()}{char.lower()}]"
            else:
                atom = {" ": "[ \\t]+", "'": r"['\u2019]"}.get(char, re.escape(char))
            node = node.setdefault(atom, {})
        node[end] = {}

    def emit(node: dict[str, dict]) -> str:
        branches = [atom + emit(child) for atom, child in node.items() if atom != end]
        body = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
        if end in node:
            return f"(?:{body})?" if branches else ""
        return body

    return "|".join(atom + emit(child) for atom, child in trie.items())


_LINE_BREAK = r"(?:\r?\n|(?:\\r)?\\n)"  # a newline, or one escaped inside a JSON string
_KEY_START = r"(?:\\[nrt]|\b)"  # `\nThanks` inside a JSON string has no word boundary before `Thanks`
_WORD_START = rf"(?:^|\\[nrt]|[^{_NAME_CHAR}\-./@\\])"  # where a name may begin without a keyword before it
_LIST_START = r"(?:^|\\[nr]|[\r\n\"',:;(>])[ \t]*"  # ...or follows a header or a list separator
# The character after a name: anything that cannot continue it, but `[` (`full_name: Optional[str]`).
_END = rf"(?:[^{_NAME_CHAR}\[]|$)"
_TITLE = r"(?:(?:Mrs|Mr|Ms|Mx|Mme|Mlle|Sr|Sra|Srta|Hr|Fr)\.?|Dr\.|Prof\.|Herr|Frau|Sig\.(?:ra)?)"
_BLANKS = r"[ \t]+"

# ---- the validator --------------------------------------------------------------------------------------

# English function words, pronouns, auxiliaries, adverbs that start a sentence after a greeting
_FUNCTION_WORDS = """
a an the this that these those my your our their his her its me you we they he she it i us them myself all any
some no not none every each both either neither other another such same own and or but nor so yet for of in on
at to from by with about as into onto over under after before since until upon via per than then there here
where when what who whom whose which why how if else is are was were be been being am do does did done have has
had would shall should can could might must let lets get got go going gone make made see look check click tap
sign start stop enter paste type read write send sent use using used try trying need needs want like know think
call text note again also just only still even very too much many more most less few lot lots really quite yes
yeah yep nope ok okay please sorry thanks thank thx hi hello hey dear welcome regards best cheers sincerely bye
goodbye congrats congratulations greetings morning afternoon evening night tonight today tomorrow yesterday now
soon later always never sometimes anyway anyhow maybe perhaps everyone everybody anyone anybody someone somebody
nobody nothing something everything anything guys folks people friends friend colleagues colleague team teams
world there all y'all sir madam maam ma'am mister sirs gentlemen ladies buddy mate boss dude man bro sis love
darling honey sweetie babe new old good great nice fine happy glad sure ready back busy available interested
confused afraid important urgent critical excited looking working writing following reaching contacting
wondering having getting doing coming asking waiting calling checking monday tuesday wednesday thursday friday
saturday sunday weekend week month year january february march july september october november december
"""

# titles, roles, teams and organizations: who a message is from or to when it is not a person
_ROLE_WORDS = """
mr mrs ms mx dr prof miss customer customers client clients user users member members admin admins administrator
administrators support sales staff manager managers management department dept service services desk helpdesk
help agent agents representative rep reps operator operators owner owners developer developers engineer
engineers engineering ops devops security billing accounts account accounting finance payroll legal marketing hr
it recruiter recruiting hiring candidate applicant patient patients doctor nurse partner partners vendor vendors
supplier contractor employee employees board committee council office group company corp corporation inc ltd llc
gmbh plc co org foundation bank store shop system systems platform bot bots assistant ai robot notifications
notification alerts alert noreply no-reply newsletter news info information updates update contact contacts
feedback jobs careers orders order shipping delivery returns refunds payments invoice invoices receipt portal
app application website site page settings profile dashboard console details record records data id name email
phone address password token key code link file files document report ticket request issue bug error warning
status success failed failure pending approved rejected cancelled canceled completed complete active inactive
enabled disabled true false null unknown test testing demo example sample default guest anonymous public private
internal external production prod staging dev development release version build deploy deployment cluster server
database cloud network api sdk cli worker job queue cache proxy gateway monitor monitoring logs log metrics
interface design experience care journey relations handbook guide manual docs documentation form side library
agreement policy terms conditions privacy notice survey satisfaction onboarding tier level plan pro premium
basic enterprise free trial subscription segment lifecycle retention insights analytics number ref reference
notes note summary overview details question questions answer team center centre supervisor specialist director
officer lead head chief executive analyst coordinator associate consultant advisor operations product project
program programme quality risk compliance research relation stats chart chat message messages scheduler labs lab
options option protocol secret republic kingdom islands island states united central city county province region
saint
"""

# words of code and its documentation around name keys (`full_name: Optional[str]`)
_CODE_WORDS = """
optional mapped column annotated iterable sequence union literal qualified named full select show print generate
create delete list dict string str int bool float type class object field fields model schema table value values
attribute attributes param parameter return returns requested attached listed included enclosed signed posted
pasted linked copied shown provided screenshot screenshots output repo pr snippet trace stack stacktrace config
diff patch fix
"""

# products and services that greet, sign or get introduced like people
_PRODUCT_WORDS = """
apache kafka redis grafana jenkins airflow postgres postgresql mysql mongo docker kubernetes python java
javascript typescript node react rust golang linux windows macos ubuntu debian android ios google microsoft
amazon aws azure apple meta facebook twitter github gitlab bitbucket slack zoom jira confluence notion stripe
paypal shopify salesforce zendesk hubspot twilio sendgrid openai anthropic chatgpt gemini copilot siri alexa
cortana excel outlook gmail chrome firefox safari elasticsearch kibana prometheus datadog sentry pagerduty
terraform ansible nginx envoy celery spark hadoop snowflake databricks bigquery tableau looker vercel heroku
netlify cloudflare dropbox youtube linkedin instagram whatsapp telegram discord reddit wordpress tiktok numpy
scipy pytorch jetbrains wikipedia
"""
_STOP_WORDS = frozenset(" ".join((_FUNCTION_WORDS, _ROLE_WORDS, _CODE_WORDS, _PRODUCT_WORDS)).split())


_PARTICLE_WORDS = frozenset(w for p in _PARTICLES for w in p.split()) | {"\u00d3"}  # Irish Ó (Tomás Ó Briain)
_WORD_PARTS = re.compile(r"[-'\u2019]")


def person_name_valid(value: str) -> bool:
    """A name, not a greeting's object or a team: every word (particles and initials aside) starts with a capital
    and holds a small letter, with at most one inner capital after a short prefix (`McDonald`, `DeShawn`, not
    `ValidationError`, `MariaDB`); no word, nor any part of a hyphenated one, is in the stop list."""
    words = value.replace(",", " ").split()
    names = [w for w in words if w not in _PARTICLE_WORDS and not re.fullmatch(_INITIAL, w)]
    if not names or all(w.casefold() in not_names() for w in names):
        return False  # `Retrying Grafana`, `Visual Studio`: software and log words, listed in nonnames
    for word in names:
        parts = _WORD_PARTS.split(word)
        if not word[0].isupper() or not any(c.islower() for c in word) or not all(map(_name_shaped, parts)):
            return False
        if word.casefold() in _STOP_WORDS or any(part.casefold() in _STOP_WORDS for part in parts):
            return False
    return True


def _name_shaped(part: str) -> bool:
    inner = [i for i, c in enumerate(part) if i and c.isupper()]
    return bool(part) and (not inner or (len(inner) == 1 and 2 <= inner[0] <= 4 and part[inner[0] + 1 :].islower()))


def person_name(value: str) -> str:
    """The form NER pseudonymizes (scan.py): blanks collapsed, case folded, so `Riley` found here and `Riley`
    found by spaCy get one token."""
    return " ".join(value.split()).casefold()


_CONTEXT = ("name", "dear", "thanks", "regards", "customer", "patient", "client", "signed", "contact")


def _detector(name: str, pattern: str, examples: tuple[str, ...], near_misses: tuple[str, ...]) -> Detector:
    return Detector(
        name=name,
        entity="PERSON",
        pattern=pattern,
        validator=person_name_valid,
        normalize=person_name,
        context=_CONTEXT,
        examples=examples,
        near_misses=near_misses,
    )


# ---- greetings and addressing ---------------------------------------------------------------------------

_GREETINGS = _phrases(
    "hi", "hello", "hey", "hiya", "howdy", "dear", "dearest", "greetings", "thanks", "thank you", "many thanks",
    "thanks again", "thx", "cheers", "welcome", "welcome back", "congrats", "congratulations", "good morning",
    "good afternoon", "good evening", "bye", "goodbye", "sorry", "hola", "hallo", "bonjour", "ciao",
)  # fmt: skip

# `Hi Anna,` `Dear Mr. Smith,` `Thanks Riley, your record...` `Hello, Jean-Luc!`: one to three name words, then
# punctuation, a dash or the end of the line. Without the punctuation (`Hi Anna how are you`) the words after a
# greeting are too often a sentence.
PERSON_GREETING = _detector(
    "person_greeting",
    rf"{_KEY_START}(?:{_GREETINGS})(?:[ \t]*,[ \t]*|{_BLANKS})(?:{_TITLE}[ \t]+)?(?P<value>{_name(1, 3)})"
    rf"[ \t]*(?:[,!?.;:]|[-\u2013\u2014][ \t]|{_LINE_BREAK}|$)",
    examples=(
        "Thanks Riley, your record is updated.",
        "Dear Zachary, your refund of $887.81 is on its way",
        "Hi Hans-Christian!",
        "Hello, Mr. O'Brien.",
        "Dear Dr. Anna van der Berg,",
        "Good morning Ngọc Ánh,",
        "thank you Émile - that helps",
    ),
    near_misses=(
        "Thanks Again, see you",
        "Hi Team,",
        "Dear Customer,",
        "Hello World!",
        "Thanks for the update, Riley",
        "Dear Sir or Madam,",
        "Hi Anna how are you",
        "Thanks So Much!",
        "Hey Siri, set a timer",
        "thanks riley,",
    ),
)

# ---- sign-offs ------------------------------------------------------------------------------------------

_CLOSINGS = _phrases(
    "regards", "best regards", "kind regards", "warm regards", "warmest regards", "many regards", "with regards",
    "sincerely", "yours sincerely", "yours truly", "yours faithfully", "respectfully", "cordially", "best",
    "best wishes", "all the best", "thanks", "thank you", "many thanks", "thanks again", "cheers", "love",
    "warmly", "take care", "talk soon", "thx", "signed", "yours", "respectfully yours", "saludos", "cordialement",
    "un saluto", "groeten", "met vriendelijke groet",
)  # fmt: skip

# A closing, then on the next line (or after its comma on the same line) a name standing alone to the end of
# the line or text: `Thanks,\nConnor`, `Regards, Dino Cherubini`, `Best regards,\n\nJane Doe\nAcme Corp`.
PERSON_SIGNOFF = _detector(
    "person_signoff",
    rf"{_KEY_START}(?:{_CLOSINGS})"
    rf"(?:[ \t]*(?:[,.!][ \t]*)?{_LINE_BREAK}[ \t]*(?:{_LINE_BREAK}[ \t]*)?"
    rf"|[ \t]*,[ \t]*|{_BLANKS}[-\u2013\u2014][ \t]*)"
    rf"(?P<value>{_name(1, 4)})[ \t]*(?:{_LINE_BREAK}|\\?\"|$)",
    examples=(
        "you can also reach me at 555-0100.\n\nThanks,\nConnor",
        "before it ships. Regards, Dino Cherubini",
        "Best regards,\n\nAna Júlia Santos\nAcme Corp",
        "Cheers - Tom",
        '"content": "See you then.\\n\\nKind regards,\\nMarie-Claire Dubois"',
    ),
    near_misses=(
        "Regards, The Support Team",
        "Best,\nAcme Billing",
        "Thanks!\nSent from my iPhone",
        "Best Practices\nOverview",
        "Thanks, Connor will call you back",
        "Regards,\nJANE DOE",
    ),
)

# ---- introductions --------------------------------------------------------------------------------------

_INTRODUCTIONS = _phrases(
    "my name is", "my name's", "my full name is", "my first name is", "my last name is", "name's", "call me",
    "you can call me", "i go by", "i'm", "i am",
)  # fmt: skip
# Keys that name a person, as in the field rules (context.py), when the record is text: `full_name=Jane Doe`,
# `{\"first_name\":\"Jane\"}` inside a JSON string, `Patient Name: Jane Doe`.
_NAME_KEYS = (
    r"\b(?:"
    + _phrases(
        "full", "first", "last", "given", "family", "middle", "maiden", "display", "legal", "preferred", "customer",
        "contact", "person", "sender", "recipient", "author", "patient", "employee", "holder", "cardholder",
        "beneficiary", "payee",
    )
    + r")[ _-]?[Nn]ame|\b(?:[Ss]urname|[Aa]ccount[ _-]?[Hh]older|[Cc]ard[ _-]?[Hh]older|[Nn]ame[ _-]?on[ _-]?[Cc]ard)"
)  # fmt: skip

# Context that says the next capitalized words are a name: `my name is`, `I'm`, `call me`, a title (`Mr.`,
# `Dr.`) and the keys above. One to four words.
PERSON_INTRODUCED = _detector(
    "person_introduced",
    rf"(?:{_KEY_START}(?:{_INTRODUCTIONS}){_BLANKS}(?:{_TITLE}[ \t]+)?|\b{_TITLE}[ \t]+|(?:{_NAME_KEYS}){ASSIGN})"
    rf"(?P<value>{_name(1, 4)}){_END}",
    examples=(
        "My name is Paulina Adinolfi and I can't log in",
        "Hi, I'm Marguerite Grenier. My email is",
        "you can call me Łukasz.",
        "I am Davi Lucas da Rocha, the account owner",
        "please ask Mrs. Nakamura to sign",
        '{\\"full_name\\":\\"Emir \'s Gravensande\\",\\"phone\\":\\"+1 312\\"}',
        "Patient Name: Senn Bud",
        "first_name=Zoë",
    ),
    near_misses=(
        "I'm Sorry, that failed",
        "I am Not sure",
        "call me Back tomorrow",
        "my name is jane",
        "I'm looking for help",
        "host_name=Prod",
        "Mr. Robot",
    ),
)

# ---- roles ----------------------------------------------------------------------------------------------

_ROLE_NOUNS = (
    "customer", "client", "patient", "user", "member", "subscriber", "account holder", "accountholder",
    "cardholder", "card holder", "policyholder", "policy holder", "beneficiary", "payee", "payer", "recipient",
    "sender", "applicant", "tenant", "landlord", "guest", "passenger", "traveler", "traveller", "student",
    "employee", "contractor", "caller", "contact", "owner", "buyer", "seller", "physician", "nurse", "dentist",
    "therapist", "attorney", "lawyer", "spouse", "husband", "wife", "son", "daughter", "mother", "father",
    "guardian", "witness", "claimant", "borrower", "cosigner", "donor", "volunteer", "visitor", "author",
    "assignee", "reporter", "reviewer", "approver", "requester",
)  # fmt: skip
_ROLE_PHRASES = _phrases(
    "referred by", "signed by", "submitted by", "created by", "approved by", "requested by", "reported by",
    "reviewed by", "authored by", "written by", "sent by", "placed by", "ordered by", "paid by", "handled by",
    "contacted by", "assigned to", "addressed to", "issued to", "payable to", "transferred to", "forwarded to",
    "escalated to", "on behalf of", "care of", "c/o", "attn", "attention", "spoke with", "spoke to",
    "talked to", "talked with", "met with", "email from", "message from", "call from", "this is", "it's", "it is",
    "per", "according to", "with", "ask", "ping", "cc", "thanks to", "courtesy of", "check with", "reach out to",
    "meeting with", "call with", "chat with", "booked for", "appointment for", "seen by", "prescribed by",
)  # fmt: skip
# A capitalized role starts Title Case labels and job titles (`User Stats Chart`, `Customer Success Manager`,
# `Contact Center Supervisor`): it counts before a name only with a separator (`Patient: Jane Doe`).
_ROLE = (
    rf"{_KEY_START}(?:(?:{_phrases(*_ROLE_NOUNS)})[ \t]*[:#=][ \t]*|(?:{_phrases(*_ROLE_NOUNS, capital=False)})"
    rf"{_BLANKS}|(?:{_ROLE_PHRASES}){_BLANKS})"
)
# A bare `name` key names products and tools too: only as a JSON key, as in the field rules (context.py).
_JSON_NAME_KEY = r"\\?[\"'][Nn]ame\\?[\"'][ \t]*:[ \t]*"

# A role or a `by`/`to` phrase, then a full name of two to four words: `customer Alphons Scarponi changed...`,
# `the contractor Leanne Leach:`, `referred by Rebeca Albuquerque.`, `account holder Fabiënne de Bruyn`. Also
# `This is Anna Smith` and a bare `name` key (`"name": "Jane Doe"`), where one capitalized word is too often a
# product. A lone word after a role (`customer Support`, `user Settings`) is not taken.
PERSON_ROLE = _detector(
    "person_role",
    rf"(?:{_ROLE}(?:\\?[\"'])?(?:(?:named|called)[ \t]+)?|{_JSON_NAME_KEY}\\?[\"']?)(?:{_TITLE}[ \t]+)?"
    rf"(?P<value>{_name(2, 4)}){_END}",
    examples=(
        "customer Alphons Scarponi changed billing address",
        "Wire details for the contractor Leanne Leach: IBAN",
        "plan pro, referred by Rebeca Albuquerque.",
        "account holder Fabiënne de Bruyn. My login",
        "Patient: Senn Bud, born 04/16/1952",
        '"name": "Mathijs van Beeck"',
        "Assigned to Katharina Preiß",
        "Hi, this is Jean-Luc Picard from Acme",
    ),
    near_misses=(
        "customer Support replied",
        "the customer Success Team",
        "contact Customer Support",
        "created by Apache Airflow",
        "This is Kafka",
        "It's Black Friday",
        '"name": "billing-api"',
        "user Settings Page",
        "referred by a friend",
        "User Stats Chart",
        "Contact Center Supervisor",
        'name = "Common Lisp"',
    ),
)

# A capitalized role before a full name and a comma or a bracket: `Patient Ugolino Civaschi, born 1952`,
# `Customer Ana Ponce (VIP)`. Title Case labels (`Customer Success Team,`) hold a stop word.
PERSON_ROLE_TITLE = _detector(
    "person_role_title",
    rf"{_KEY_START}(?:{_phrases(*(n.capitalize() for n in _ROLE_NOUNS), capital=False)}){_BLANKS}"
    rf"(?:{_TITLE}[ \t]+)?(?P<value>{_name(2, 4)})[ \t]*[,;(]",
    examples=("Patient Ugolino Civaschi, born 09/07/2001", "Tenant Ana Belén Ponce (unit 4) called"),
    near_misses=(
        "Customer Success Team, hi",
        "User Stats Chart, top",
        "Contact Center Supervisor,",
        "Patient unknown,",
    ),
)

# ---- self-introductions with a cue ---------------------------------------------------------------------

_ITS = _phrases("this is", "it is", "it's")

# `it's` and `this is` before a single capitalized word name it only when a cue follows: `hey it's Olivia -
# can u text me`, `this is Anna from Acme`, `It's Carlos speaking`. (`It's Monday`, `This is Kafka.`)
PERSON_ITS = _detector(
    "person_its",
    rf"{_KEY_START}(?:{_ITS}){_BLANKS}(?P<value>{_name(1, 3)})"
    rf"(?:{_BLANKS}[-\u2013\u2014][ \t]|{_BLANKS}(?:from|speaking|calling|again)\b)",
    examples=(
        "hey it's Olivia - can u text me at 555-0100?",
        "Hi, this is Anna from Acme",
        "It's Carlos speaking",
        "it\u2019s Cauã \u2013 call me back",
    ),
    near_misses=(
        "It's Monday - again",
        "This is Kafka.",
        "this is Important - read it",
        "it's olivia - hi",
        "It's Done from my side",
    ),
)

# A message that opens with `Armin here, my session token...`, `Hi all, Jane Doe here.`: one to three name words
# before `here` and a comma, a full stop, a dash or the end. Only where a message or a line starts, maybe after a
# greeting: mid-sentence, the word before `here` is too often a verb or an adverb (`Override here.`, `Imported
# here, not at module level`).
_MESSAGE_START = (
    r"(?:^|\\[nr]|[\r\n\"])[ \t]*"
    rf"(?:(?:{_phrases('hi', 'hey', 'hello', 'good morning', 'good afternoon', 'good evening')})"
    r"(?:[ \t]+(?:all|everyone|team|there|folks|guys))?[ \t]*[,!.]?[ \t]+)?"
)
PERSON_HERE = _detector(
    "person_here",
    rf"{_MESSAGE_START}(?P<value>{_name(1, 3)}){_BLANKS}here[ \t]*(?:[,.!]|[-\u2013\u2014]|{_LINE_BREAK}|\\?\"|$)",
    examples=(
        '{"role":"user","content":"Armin here, my session token expired"}',
        '"Hi all, Jane Doe here."',
        "Hey team,\nBenício here - can you help?",
    ),
    near_misses=(
        "Click here, then Save",
        "Sign here:",
        "Start here.",
        "Anyone here?",
        "armin here, hi",
        "Paste Here:",
        "Logs here: https://example.com/run/42",
        "Screenshot here.",
        "This is temporary. Override here.",
        "# Imported here, not at module level",
    ),
)

# ---- display names --------------------------------------------------------------------------------------

# RFC 5322 display names before an address in angle brackets: `Jane Doe <jane@x.com>`, `"Doe, Jane"
# <jane@x.com>`, `From: Cristian Prieto <c.prieto@example.com>`. Two to four words (a single word is mostly a
# sender like `Acme <noreply@acme.com>`). The address itself is left to the email detector, which comes first:
# when the scanner runs the detectors in groups, the address may already be its token (`<<EMAIL:5f2a9c1e>>`).
PERSON_DISPLAY_NAME = _detector(
    "person_display_name",
    rf"{_LIST_START}(?:\\?\")?(?P<value>{_WORD},?[ \t](?:(?:{_PARTICLE})[ \t])?{_name(1, 3)})(?:\\?\")?[ \t]*"
    r"<(?:[^<>@ \t\r\n\"\\]+@[^<> \t\r\n\"\\]+|<EMAIL:[0-9a-f]{8}>)>",
    examples=(
        "New signup: Cristian Prieto <dguarana@yahoo.com>, SSN on file",
        '"Doe, Jane" <jane.doe@example.com>',
        "From: Ana Belén da Silva <ana@example.org>",
        "Cc: Zoë O'Neill-Hart<zoe@example.co.uk>",
    ),
    near_misses=(
        "Acme <noreply@acme.com>",
        "Acme Billing <billing@acme.com>",
        "The Support Team <support@example.com>",
        "Jane Doe <not an email>",
        "jane doe <jane@example.com>",
    ),
)

# ---- headers, labels and chat speakers --------------------------------------------------------------------

_LINE_START = r"(?:^|\\[nr]|[\r\n\"])[ \t]*"
_HEADER_WORDS = (
    "from", "to", "cc", "bcc", "reply-to", "sender", "recipient", "attendee", "attendees", "name", "full name",
    "patient", "pt", "client", "customer", "signed", "signature", "signed by", "assignee", "assigned to", "owner",
    "reporter", "reported by", "requester", "requested by", "approver", "approved by", "contact", "guest",
    "member", "employee", "applicant", "tenant", "driver", "passenger", "student", "physician", "provider",
    "doctor", "nurse", "caller", "author", "interviewer", "candidate", "witness", "next of kin", "emergency contact",
    "prepared by", "submitted by", "verified by", "ordered by",
)  # fmt: skip
_HEADER_KEYS = _phrases(*_HEADER_WORDS)
_HEADER_KEYS_CAPITALIZED = _phrases(*(w.capitalize() for w in _HEADER_WORDS), capital=False)
# A mail header or a form label at the start of a line, then a whole name to the end of the line or to a list
# separator: `From: Jane Doe`, `cc: Ravi Iyer; Ana Ponce`, `Name: Jane Doe`, `Pt: Jane Doe, DOB 01/31/1990`,
# `Patient: Jane`. One word is enough here (`To: Priya`); the stop lists keep `From: Support Team`,
# `Name: Production`, `Patient: unknown`.
PERSON_HEADER = _detector(
    "person_header",
    # Mid-line, a capitalized key (`| Name: Jane Doe |`, the next header after a line break a match took).
    rf"(?:{_LINE_START}(?:{_HEADER_KEYS})|\b(?:{_HEADER_KEYS_CAPITALIZED}))[ \t]*:[ \t]*(?:{_TITLE}[ \t]+)?"
    rf"(?P<value>{_name(1, 4)})"
    rf"[ \t]*(?:[,;(<|]|[ \t][-\u2013\u2014][ \t]|{_LINE_BREAK}|\\?\"|$)",
    examples=(
        "Subject: refund\nFrom: Jane Doe\nTo: support@example.com",
        "Subject: refund\ncc: Ravi Shankar Iyer; billing",
        "Intake form\nName: Jane Doe",
        "Visit note\nPt: Jane Doe, DOB 01/31/1990",
        "Ward 3\nPatient: Priya",
        '"text": "To: Dr. Chen\\nRe: results"',
    ),
    near_misses=(
        "From: Support Team",
        "Name: Production",
        "Patient: unknown",
        "To: All Staff",
        "From: Jenkins",
        "Status: Pending",
        "sent it to: Jane Doe is here",
        "Owner: Platform Team",
    ),
)

# A chat transcript's speaker label at the start of a line, only before chat-like words: `Jane Doe: hi, my
# card...`, `Priya: thanks!`. Labels of logs and documents (`Error: ...`, `Root Cause: the cache`) are followed
# by other words.
_CHAT_OPENERS = _phrases(
    "hi", "hey", "hello", "hiya", "thanks", "thank you", "thx", "yes", "yeah", "yep", "no", "nope", "ok", "okay",
    "sure", "i", "i'm", "i've", "i'll", "i'd", "can", "could", "would", "will", "please", "pls", "my", "we", "you",
    "sorry", "great", "lol", "good morning", "just", "so", "hmm", "got it", "what", "when", "how", "why", "did",
    "do", "does", "is", "are", "any", "perfect", "cool", "awesome", "morning", "ugh", "oh", "ah", "hola", "bonjour",
    "oops", "fyi", "btw", "heads up", "quick question", "actually", "wait", "yup", "np", "ty", "haha", "omg",
    "anyone", "hang on", "one sec", "me", "same", "agreed", "done", "nvm", "welcome",
)  # fmt: skip
PERSON_SPEAKER = _detector(
    "person_speaker",
    rf"{_LINE_START}(?:\[[0-9:APMapm \t]+\][ \t]*)?(?P<value>{_name(1, 3)})[ \t]*:[ \t]+(?:{_CHAT_OPENERS})"
    r"\b",
    examples=(
        "Agent: hello\nJane Doe: hi, my card was charged twice",
        "Agent: how can I help?\nPriya: thanks, that worked",
        "[10:41] Agent: ok?\n[10:42] Mateusz Wójcik: yes please",
        "Agent: hi\nRegina Verdugo: oops, I pasted my token",
    ),
    near_misses=(
        "Error: I/O timeout",
        "Root Cause: the cache expired",
        "Agent: hi there",
        "Note: please restart",
        "Customer: yes",
        "jane: hi",
        "Step One: open the file",
    ),
)

# One name word after words that point at a person: `ask Priya`, `ping Ravi`, `cc Jane`, `per Jane`,
# `according to Jane`, then punctuation or a word that goes on the sentence (`ask Priya about it`). Two to four
# words go through PERSON_ROLE.
_MENTIONS = _phrases(
    "ask", "ping", "cc", "per", "according to", "thanks to", "check with", "reach out to", "loop in", "talk to",
    "spoke with", "spoke to", "talked to", "met with", "meeting with", "call with", "chat with", "email", "text",
    "message", "call", "tell", "remind", "let", "assign", "escalate to", "forward to", "hand off to",
    capital=False,
)  # fmt: skip
PERSON_MENTION = _detector(
    "person_mention",
    rf"{_KEY_START}(?:{_MENTIONS}){_BLANKS}(?:{_TITLE}[ \t]+)?(?P<value>{_WORD})"
    rf"(?:[ \t]*[,.!?;:)]|[ \t]+(?:about|for|if|whether|when|to|and|or|on|in|re|know|asap|directly)\b|{_LINE_BREAK}|$)",
    examples=(
        "can you ask Priya about the refund?",
        "ping Ravi when it lands",
        "per Jane, the card was replaced",
        "according to Siobhán, it failed twice",
        "please cc Mateusz.",
        "let Zoë know",
    ),
    near_misses=(
        "ask Google about it",
        "per Month, billed",
        "ping Redis for health",
        "according to Wikipedia, the",
        "text Support for help",
        "email Billing about it",
        "call Monday about it",
        "from Amazon about it",
        "let Me know",
        "per Request,",
    ),
)

# A name with a possessive before a word of a person's records: `Jane's account`, `Ana Ponce's order`.
_RECORDS = _phrases(
    "account", "order", "orders", "card", "email", "phone", "number", "address", "profile", "password", "record",
    "records", "chart", "file", "details", "info", "balance", "payment", "refund", "invoice", "subscription",
    "appointment", "prescription", "claim", "policy", "ssn", "dob", "birthday", "date of birth", "mom", "dad",
    "wife", "husband", "son", "daughter", "mother", "father", "manager", "login", "medical", "bank",
    capital=False,
)  # fmt: skip
PERSON_POSSESSIVE = _detector(
    "person_possessive",
    # Plain words only, at most three (no initials, no particles): the pattern may start at any word.
    rf"{_WORD_START}(?P<value>{_WORD}(?:[ \t]{_WORD}){{0,2}})['\u2019]s[ \t](?:{_RECORDS})\b",
    examples=(
        "I updated Jane's account yesterday",
        "refund Ana Ponce's order",
        "Mateusz\u2019s phone is off",
    ),
    near_misses=(
        "Amazon's account page",
        "Today's order count",
        "the Customer's account",
        "Grafana's dashboard",
        "jane's account",
        "Friday's invoice",
    ),
)

# The `-- ` line that opens a mail signature, and the name after it: `--\nJane Doe`, `-- Jane`.
PERSON_SIGNATURE = _detector(
    "person_signature",
    rf"{_LINE_START}(?:--|\u2014|\u2013)[ \t]*(?:{_LINE_BREAK}[ \t]*)?(?P<value>{_name(1, 4)})[ \t]*"
    rf"(?:{_LINE_BREAK}|\\?\"|$)",
    examples=("Thanks for the quick fix.\n-- \nJane Doe\nAcme Corp", "see you then\n-- Priya"),
    near_misses=("--\nThe Acme Team", "-- Release Notes", "--verbose", "-- \nSent from my iPhone"),
)

NAME_DETECTORS: tuple[Detector, ...] = (
    PERSON_GREETING,
    PERSON_SIGNOFF,
    PERSON_INTRODUCED,
    PERSON_ROLE,
    PERSON_ROLE_TITLE,
    PERSON_ITS,
    PERSON_HERE,
    PERSON_DISPLAY_NAME,
    PERSON_HEADER,
    PERSON_SPEAKER,
    PERSON_MENTION,
    PERSON_POSSESSIVE,
    PERSON_SIGNATURE,
)
