"""The audit bundle's README (Swedish, then English): what each file is, the chain's
exact formula, and a shell recipe with only ``sha256sum``, ``jq`` and ``sqlite3`` that
reproduces the head, so an auditor verifies the bundle without finsam or its source.
The recipe is run by tests/test_bundle_readme.py; ``store/chain.py`` (``link_hash``)
is the formula the recipe restates."""

from __future__ import annotations

RECIPE_START = "```sh\n"
RECIPE_END = "```\n"

RECIPE = r"""set -o pipefail
# 1. Varje fil är den manifestet anger / every file is the one the manifest names
jq -r '.files | to_entries[] | "\(.value)  \(.key)"' manifest.json | sha256sum -c --quiet - \
  || { echo "en fil är ändrad / a file was changed"; exit 1; }
# 2. Varje länk räknas om ur händelsen som den lagrades / every link recomputed
prev=0000000000000000000000000000000000000000000000000000000000000000
jq -c 'select(.link != null)' events.jsonl | while IFS= read -r line; do
  state=$(printf '%s' "$line" | jq -j .state | sha256sum | cut -c1-64)
  body=$(printf '%s' "$line" | jq -c --arg s "$state" '[.link.prev, .position,
    .link.forbund, .link.seq, .link.stored, .link.actor, .originator_id,
    .originator_version, .topic, $s]')
  hash=$(printf '%s' "$body" | sha256sum | cut -c1-64)
  at=$(printf '%s' "$line" | jq -r .position)
  [ "$(printf '%s' "$line" | jq -r .link.prev)" = "$prev" ] \
    || { echo "position $at: kedjan bryts / the chain breaks" >&2; exit 1; }
  [ "$(printf '%s' "$line" | jq -r .link.hash)" = "$hash" ] \
    || { echo "position $at: ändrad / changed" >&2; exit 1; }
  prev=$hash
  echo "$hash"
done | tail -n 1 > head.computed || exit 1
# 3. Huvudet jämförs med manifestet / the head against the manifest
head=$(cat head.computed)
[ "$head" = "$(jq -r '.checkpoints[] | select(.label == "head") | .hash' manifest.json)" ] \
  || { echo "huvudet stämmer inte / the head does not match"; exit 1; }
echo "head $head"
# 4. Med databasen (SQLite): samma huvud i förbundets kedja / the same head in the store
if [ -n "${FINSAM_DB:-}" ]; then
  forbund=$(jq -r .forbund manifest.json)
  stored=$(sqlite3 "$FINSAM_DB" "SELECT hash FROM finsam_chain WHERE forbund = '$forbund'
    ORDER BY seq DESC LIMIT 1")
  [ "$stored" = "$head" ] || { echo "databasens huvud är $stored / the store's head"; exit 1; }
  echo "store $stored"
fi
"""


def readme(forbund: str) -> str:
    return f"""# Granskningspaket / audit bundle: {forbund}

## Svenska

Paketet innehåller förbundets händelser precis som de lagrades, med kedjans länkar, och
årens rapporter som händelserna ska ge. Det kan granskas utan finsam:

- `events.jsonl`: en händelse per rad i loggens ordning: `position`, `topic`,
  `originator_id`, `originator_version`, `state` (händelsens lagrade JSON-text, tecken för
  tecken) och `link` (kedjans rad: `forbund`, `seq`, `stored`, `actor`, `prev`, `hash`;
  `null` för händelser lagrade innan databasen förde kedja).
- `manifest.json`: SHA-256 för varje fil, antalet händelser och kontrollpunkterna:
  `head` (kedjans sista länk) och varje justering av ett protokoll med den position
  där justeringen lagrades.
- `reports/ÅR/*.json`: budget, resultat, eget kapital och insatser per 31 december.
- `documents/SHA256`: varje handling som diariets poster i händelserna nämner, med sin
  SHA-256 som namn: `sha256sum` av filen ska ge namnet (posten, och därmed kedjan, bär
  hashen).

**Justering med passnyckel.** En justering gjord med passnyckel (`MinutesSigned` med
`signature.assertion`) bär passnyckelns svar och dess publika nyckel (COSE, base64url).
Den gäller när `client_data_json` är JSON med `type` = `webauthn.get` och `challenge` =
base64url av protokollets SHA-256 (`signature.sha256` som bytes), och `signature` är en
giltig signatur med `public_key` över `authenticator_data || SHA-256(client_data_json)`
(WebAuthn; ES256 = ECDSA P-256 med SHA-256). `finsam audit verify --bundle` prövar det.

**Kedjans formel.** För varje länk i ordning (`seq` = 1, 2, ...):

    hash = SHA-256( JSON [prev, position, forbund, seq, stored, actor,
                          originator_id, originator_version, topic,
                          SHA-256(state)] )

där JSON är kompakt (inga mellanslag), strängar i UTF-8, talen som heltal, SHA-256
som 64 små hexadecimala tecken, `state` som UTF-8-bytes, och `prev` för den första
länken 64 nollor. Varje länks `prev` är föregående länks `hash`; den sista är `head`.

**Recept** (bash med `sha256sum`, `jq` och `sqlite3`; kör i paketets katalog; sätt
`FINSAM_DB=sökväg` för att också jämföra med databasen):

{RECIPE_START}{RECIPE}{RECIPE_END}
## English

The bundle holds the förbund's events exactly as stored, with the chain's links, and
the years' reports the events must rebuild; it is verified without finsam. The files
and the formula are as above: for each link in order, `hash` is the SHA-256 of the
compact JSON array `[prev, position, forbund, seq, stored, actor, originator_id,
originator_version, topic, SHA-256(state)]` (UTF-8, integers as integers, hashes as 64
lower-case hex digits, `prev` of the first link 64 zeros); each link's `prev` is the
hash before it, and the last is the manifest's `head`. A minutes adjustment's
checkpoint names the position at which the adjustment was stored. Each stored document
(handling) a bundled diarium entry names is `documents/SHA256`: its bytes must hash to
its name, which the entry, and so the chain, carries. The recipe above
(bash, `sha256sum`, `jq`, `sqlite3`) checks every file, recomputes every link and
compares the head with the manifest, and with the store when `FINSAM_DB` is set.

A justering made with a passkey (`MinutesSigned` with `signature.assertion`) carries the
passkey's WebAuthn assertion and its public key (COSE, base64url). It holds when
`client_data_json` is JSON whose `type` is `webauthn.get` and whose `challenge` is the
base64url of the protokoll's SHA-256 (`signature.sha256` as bytes), and `signature`
verifies with `public_key` over `authenticator_data || SHA-256(client_data_json)`
(WebAuthn; ES256 is ECDSA P-256 with SHA-256). `finsam audit verify --bundle` checks it.
"""
