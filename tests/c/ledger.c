/* Keys, signed ballots, the ballot box and its log through the C ABI: every function, every error
 * path, and a small district vote (accepted, forged, replayed, unknown, revoked, closed). */
#define _POSIX_C_SOURCE 200809L /* mkdtemp */
#include <stdlib.h>
#include <unistd.h>

#include "check.h"

/* One district with a budget; voting from 2026-04-15 to 2026-05-01 (UTC). */
static const char election_json[] =
    "{\n"
    "  \"format\": \"ppb/election/v1\",\n"
    "  \"cycle\": \"almaly-2026\",\n"
    "  \"title\": {\"kk\": \"Almaly\", \"ru\": \"Almaly\", \"en\": \"Almaly\"},\n"
    "  \"country\": \"Kazakhstan\", \"currency\": \"KZT\", \"money_places\": 0, \"utc_offset\": \"+05:00\",\n"
    "  \"units\": [\n"
    "    {\"id\": \"almaty\", \"kind\": \"city\", \"name\": {\"kk\": \"A\", \"ru\": \"A\", \"en\": \"Almaty\"}},\n"
    "    {\"id\": \"almaly\", \"kind\": \"district\", \"parent\": \"almaty\",\n"
    "     \"name\": {\"kk\": \"B\", \"ru\": \"B\", \"en\": \"Almaly\"}, \"budget\": 100}\n"
    "  ],\n"
    "  \"phases\": [\n"
    "    {\"phase\": \"submission\", \"begin\": \"2026-02-01T00:00:00Z\", \"end\": \"2026-03-01T00:00:00Z\"},\n"
    "    {\"phase\": \"voting\", \"begin\": \"2026-04-15T00:00:00Z\", \"end\": \"2026-05-01T00:00:00Z\"}\n"
    "  ],\n"
    "  \"proposals\": {\"categories\": [\"roads\"], \"min_cost\": 1, \"max_cost\": 100, \"max_per_author\": 1,\n"
    "    \"required_fields\": [], \"max_revisions\": 1,\n"
    "    \"review\": {\"council\": [], \"quorum\": 1, \"decision_rule\": \"majority\"}},\n"
    "  \"ballot\": {\"vote_type\": \"approval\", \"min_length\": 1, \"max_length\": 2},\n"
    "  \"eligibility\": {\"min_age\": 18, \"residence\": \"own_unit\"},\n"
    "  \"revote\": \"latest\", \"credentials\": \"pseudonymous\",\n"
    "  \"tally\": {\"rule\": \"greedy\", \"satisfaction\": \"points\", \"tie_break\": \"default\"}\n"
    "}\n";

static const char ballot_pb[] =
    "META\nkey;value\ndescription;Almaly\ncurrency;KZT\nbudget;100\nvote_type;approval\n"
    "PROJECTS\nproject_id;cost;name\nP1;60;Park\nP2;50;Library\nP3;30;Bench\n"
    "VOTES\nvoter_id;vote\n";

static const int64_t voting_day = 1776675600; /* 2026-04-20T09:00:00Z */
static const int64_t before_voting = 1772323200; /* 2026-03-01T00:00:00Z */

/* RFC 8032 test 1: the seed and its public key. */
static const uint8_t rfc_seed[32] = {0x9d, 0x61, 0xb1, 0x9d, 0xef, 0xfd, 0x5a, 0x60, 0xba, 0x84, 0x4a,
                                     0xf4, 0x92, 0xec, 0x2c, 0xc4, 0x44, 0x49, 0xc5, 0x69, 0x7b, 0x32,
                                     0x69, 0x19, 0x70, 0x3b, 0xac, 0x03, 0x1c, 0xae, 0x7f, 0x60};
static const char rfc_pk_text[] = "ppb-voter-pk:d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
static const char rfc_sk_text[] = "ppb-voter-sk:9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";

static char dir[64];
static char log_path[128], copy_path[128], junk_path[128];

static ppb_keypair* seeded(int32_t role, uint8_t n) {
  uint8_t seed[PPB_SEED_BYTES];
  ppb_keypair* k = NULL;
  memset(seed, n, sizeof seed);
  CHECK_OK(ppb_keypair_from_seed(role, seed, sizeof seed, &k));
  CHECK(k != NULL);
  return k;
}

static void write_file(const char* path, const uint8_t* data, size_t len) {
  FILE* f = fopen(path, "wb");
  CHECK(f != NULL);
  CHECK(fwrite(data, 1, len, f) == len);
  CHECK(fclose(f) == 0);
}

/* The whole file into a malloc'ed buffer. */
static uint8_t* read_file(const char* path, size_t* len) {
  FILE* f = fopen(path, "rb");
  uint8_t* data;
  long size;
  CHECK(f != NULL);
  CHECK(fseek(f, 0, SEEK_END) == 0);
  size = ftell(f);
  CHECK(size > 0);
  CHECK(fseek(f, 0, SEEK_SET) == 0);
  data = malloc((size_t)size);
  CHECK(data != NULL);
  CHECK(fread(data, 1, (size_t)size, f) == (size_t)size);
  CHECK(fclose(f) == 0);
  *len = (size_t)size;
  return data;
}

static void init_and_sizes(void) {
  const int first = ppb_init();
  CHECK(first == 0 || first == 1);
  CHECK_INT_EQ(ppb_init(), 1);
  CHECK_INT_EQ(ppb_seed_bytes(), PPB_SEED_BYTES);
  CHECK_STR_EQ(ppb_role_name(PPB_ROLE_VOTER), "voter");
  CHECK_STR_EQ(ppb_role_name(PPB_ROLE_AUTHORITY), "authority");
  CHECK_STR_EQ(ppb_role_name(PPB_ROLE_OFFICER), "officer");
  CHECK_STR_EQ(ppb_role_name(3), "unknown");
  CHECK_STR_EQ(ppb_role_name(-1), "unknown");
  CHECK_STR_EQ(ppb_reject_reason_name(PPB_REJECT_BAD_SIGNATURE), "bad_signature");
  CHECK_STR_EQ(ppb_reject_reason_name(PPB_REJECT_DUPLICATE), "duplicate");
  CHECK_STR_EQ(ppb_reject_reason_name(PPB_REJECT_BOX_CLOSED), "box_closed");
  CHECK_STR_EQ(ppb_reject_reason_name(42), "too_many_projects"); /* the ballot rule broken */
  CHECK_STR_EQ(ppb_reject_reason_name(0), "unknown");
  CHECK_STR_EQ(ppb_reject_reason_name(99), "unknown");
  CHECK_STR_EQ(ppb_reject_reason_name(-5), "unknown");
}

static void keys(void) {
  ppb_keypair* k = NULL;
  ppb_keypair* again = NULL;
  uint8_t pk[PPB_PUBLICKEY_BYTES], pk2[PPB_PUBLICKEY_BYTES];
  char sk[128];
  char* text = NULL;
  size_t len = 0, needed = 0;
  int32_t role = -1;

  /* Known answer: RFC 8032's first vector, both text forms, both ways. */
  CHECK_OK(ppb_keypair_from_seed(PPB_ROLE_VOTER, rfc_seed, sizeof rfc_seed, &k));
  CHECK_OK(ppb_keypair_role(k, &role));
  CHECK_INT_EQ(role, PPB_ROLE_VOTER);
  CHECK_OK(ppb_keypair_public_key(k, pk));
  CHECK_OK(ppb_public_key_text(PPB_ROLE_VOTER, pk, sizeof pk, &text, &len));
  CHECK_STR_EQ(text, rfc_pk_text);
  CHECK_INT_EQ(len, strlen(rfc_pk_text));
  ppb_free(text);
  CHECK_OK(ppb_public_key_parse(PPB_ROLE_VOTER, rfc_pk_text, pk2));
  CHECK(memcmp(pk, pk2, sizeof pk) == 0);
  CHECK_OK(ppb_keypair_secret_text(k, NULL, 0, &needed)); /* size query */
  CHECK_INT_EQ(needed, sizeof rfc_sk_text);
  CHECK_OK(ppb_keypair_secret_text(k, sk, sizeof sk, NULL));
  CHECK_STR_EQ(sk, rfc_sk_text);
  CHECK_STATUS(ppb_keypair_secret_text(k, sk, 10, &needed), PPB_ERR_INVALID_ARGUMENT);
  CHECK_LAST_ERROR("[ppb.usage_error.200] the buffer holds 10 bytes; the key's text needs 78", 200);
  CHECK_INT_EQ(needed, 78);
  CHECK_STATUS(ppb_keypair_secret_text(k, NULL, 5, &needed), PPB_ERR_INVALID_ARGUMENT);
  CHECK_OK(ppb_keypair_parse(PPB_ROLE_VOTER, "  ppb-voter-sk:9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60\n",
                             &again));
  CHECK_OK(ppb_keypair_public_key(again, pk2));
  CHECK(memcmp(pk, pk2, sizeof pk) == 0);
  ppb_keypair_free(again);
  again = NULL;

  /* Text of another role, the other half, bad hex: PARSE with bad_key (141). */
  CHECK_STATUS(ppb_keypair_parse(PPB_ROLE_AUTHORITY, rfc_sk_text, &again), PPB_ERR_PARSE);
  CHECK_INT_EQ(ppb_last_error_code(), 141);
  CHECK(again == NULL);
  CHECK_STATUS(ppb_keypair_parse(PPB_ROLE_VOTER, rfc_pk_text, &again), PPB_ERR_PARSE);
  CHECK_INT_EQ(ppb_last_error_code(), 141);
  CHECK_STATUS(ppb_keypair_parse(PPB_ROLE_VOTER, "ppb-voter-sk:zz", &again), PPB_ERR_PARSE);
  CHECK_INT_EQ(ppb_last_error_code(), 141);
  CHECK_STATUS(ppb_public_key_parse(PPB_ROLE_OFFICER, rfc_pk_text, pk2), PPB_ERR_PARSE);
  CHECK_INT_EQ(ppb_last_error_code(), 141);
  CHECK_STATUS(ppb_public_key_parse(PPB_ROLE_VOTER, rfc_sk_text, pk2), PPB_ERR_PARSE);
  CHECK_STATUS(ppb_public_key_parse(PPB_ROLE_VOTER, "", pk2), PPB_ERR_PARSE);

  /* Bad arguments. */
  CHECK_STATUS(ppb_keypair_new(3, &again), PPB_ERR_INVALID_ARGUMENT);
  CHECK_LAST_ERROR("[ppb.usage_error.200] unknown key role 3", 200);
  CHECK_STATUS(ppb_keypair_new(PPB_ROLE_VOTER, NULL), PPB_ERR_INVALID_ARGUMENT);
  CHECK_LAST_ERROR("[ppb.usage_error.200] out_keypair is NULL", 200);
  CHECK_STATUS(ppb_keypair_from_seed(PPB_ROLE_VOTER, rfc_seed, 31, &again), PPB_ERR_INVALID_ARGUMENT);
  CHECK_LAST_ERROR("[ppb.usage_error.200] a seed has 32 bytes, not 31", 200);
  CHECK(again == NULL);
  CHECK_STATUS(ppb_keypair_from_seed(PPB_ROLE_VOTER, NULL, 32, &again), PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_keypair_from_seed(-1, rfc_seed, 32, &again), PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_keypair_parse(PPB_ROLE_VOTER, NULL, &again), PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_keypair_parse(PPB_ROLE_VOTER, rfc_sk_text, NULL), PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_keypair_role(NULL, &role), PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_keypair_role(k, NULL), PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_keypair_public_key(k, NULL), PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_keypair_public_key(NULL, pk2), PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_keypair_secret_text(NULL, sk, sizeof sk, NULL), PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_public_key_text(PPB_ROLE_VOTER, pk, 31, &text, NULL), PPB_ERR_INVALID_ARGUMENT);
  CHECK(text == NULL);
  CHECK_STATUS(ppb_public_key_text(PPB_ROLE_VOTER, NULL, 32, &text, NULL), PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_public_key_text(PPB_ROLE_VOTER, pk, 32, NULL, NULL), PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_public_key_text(9, pk, 32, &text, NULL), PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_public_key_parse(PPB_ROLE_VOTER, NULL, pk2), PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_public_key_parse(PPB_ROLE_VOTER, rfc_pk_text, NULL), PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_public_key_parse(4, rfc_pk_text, pk2), PPB_ERR_INVALID_ARGUMENT);

  /* Random keys differ; the role is kept and named in the text. */
  CHECK_OK(ppb_keypair_new(PPB_ROLE_OFFICER, &again));
  CHECK_OK(ppb_keypair_role(again, &role));
  CHECK_INT_EQ(role, PPB_ROLE_OFFICER);
  CHECK_OK(ppb_keypair_public_key(again, pk2));
  CHECK(memcmp(pk, pk2, sizeof pk) != 0);
  CHECK_OK(ppb_keypair_secret_text(again, sk, sizeof sk, NULL));
  CHECK(strncmp(sk, "ppb-officer-sk:", 15) == 0);
  ppb_keypair_free(again);

  ppb_keypair_free(NULL);
  ppb_keypair_free(k);
}

static void ballots(void) {
  ppb_keypair* voter = seeded(PPB_ROLE_VOTER, 1);
  ppb_keypair* authority = seeded(PPB_ROLE_AUTHORITY, 2);
  uint8_t id[PPB_HASH_BYTES], got[PPB_HASH_BYTES], pk[PPB_PUBLICKEY_BYTES], key[PPB_PUBLICKEY_BYTES];
  const uint16_t approve[2] = {0, 2}, unordered[2] = {2, 0}, ranking[3] = {2, 0, 1};
  const uint32_t points[2] = {3, 5}, no_points[2] = {3, 0};
  uint8_t* signed_bytes = NULL;
  size_t len = 0, count = 0;
  ppb_ballot* b = NULL;
  ppb_verdict v;
  uint32_t unit = 9, pts = 9;
  uint64_t revision = 0;
  int32_t kind = 0;
  uint16_t project = 9;

  CHECK_OK(ppb_election_id_of(election_json, sizeof election_json - 1, id));
  CHECK_OK(ppb_election_id_of(election_json, sizeof election_json - 2, got)); /* another byte string */
  CHECK(memcmp(id, got, sizeof id) != 0);
  CHECK_STATUS(ppb_election_id_of(NULL, 3, got), PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_election_id_of(election_json, 3, NULL), PPB_ERR_INVALID_ARGUMENT);
  CHECK_OK(ppb_keypair_public_key(voter, pk));

  /* Approval: sign, open, read back. */
  CHECK_OK(ppb_ballot_sign(voter, id, 0, 1, PPB_PAYLOAD_APPROVAL, approve, NULL, 2, &signed_bytes, &len));
  CHECK_INT_EQ(len, 114 + 2 + 2 * 2 + 64);
  CHECK_OK(ppb_ballot_open(signed_bytes, len, &b, &v));
  CHECK_INT_EQ(v.accepted, 1);
  CHECK_INT_EQ(v.reason, 0);
  CHECK_INT_EQ(v.entry, 0);
  CHECK_OK(ppb_ballot_id(signed_bytes, len, got));
  CHECK(memcmp(got, v.ballot_id, sizeof got) == 0);
  CHECK_OK(ppb_ballot_election(b, got));
  CHECK(memcmp(got, id, sizeof id) == 0);
  CHECK_OK(ppb_ballot_unit(b, &unit));
  CHECK_INT_EQ(unit, 0);
  CHECK_OK(ppb_ballot_credential(b, key));
  CHECK(memcmp(key, pk, sizeof pk) == 0);
  CHECK_OK(ppb_ballot_revision(b, &revision));
  CHECK_INT_EQ(revision, 1);
  CHECK_OK(ppb_ballot_kind(b, &kind));
  CHECK_INT_EQ(kind, PPB_PAYLOAD_APPROVAL);
  CHECK_OK(ppb_ballot_count(b, &count));
  CHECK_INT_EQ(count, 2);
  CHECK_OK(ppb_ballot_item(b, 1, &project, &pts));
  CHECK_INT_EQ(project, 2);
  CHECK_INT_EQ(pts, 0);
  CHECK_OK(ppb_ballot_item(b, 0, &project, NULL));
  CHECK_INT_EQ(project, 0);
  CHECK_STATUS(ppb_ballot_item(b, 2, &project, NULL), PPB_ERR_INVALID_ARGUMENT);
  CHECK_LAST_ERROR("[ppb.usage_error.200] item 2 is out of range (2 projects on the ballot)", 200);
  CHECK_STATUS(ppb_ballot_item(b, 0, NULL, NULL), PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_ballot_election(b, NULL), PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_ballot_unit(NULL, &unit), PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_ballot_credential(b, NULL), PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_ballot_revision(b, NULL), PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_ballot_kind(b, NULL), PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_ballot_count(b, NULL), PPB_ERR_INVALID_ARGUMENT);
  ppb_ballot_free(b);
  b = NULL;

  /* Only checking: out_ballot may be NULL. */
  CHECK_OK(ppb_ballot_open(signed_bytes, len, NULL, &v));
  CHECK_INT_EQ(v.accepted, 1);

  /* A forged ballot (one signature byte flipped) is a verdict, not an error. */
  signed_bytes[len - 1] ^= 0x01;
  b = (ppb_ballot*)(void*)&v; /* must be overwritten with NULL */
  CHECK_OK(ppb_ballot_open(signed_bytes, len, &b, &v));
  CHECK(b == NULL);
  CHECK_INT_EQ(v.accepted, 0);
  CHECK_INT_EQ(v.reason, PPB_REJECT_BAD_SIGNATURE);
  CHECK_OK(ppb_ballot_open(signed_bytes, 10, &b, &v));
  CHECK_INT_EQ(v.reason, PPB_REJECT_TOO_SHORT);
  CHECK_OK(ppb_ballot_open(NULL, 0, &b, &v));
  CHECK_INT_EQ(v.reason, PPB_REJECT_TOO_SHORT);
  CHECK_STATUS(ppb_ballot_open(NULL, 5, &b, &v), PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_ballot_open(signed_bytes, len, &b, NULL), PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_ballot_id(signed_bytes, 63, got), PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_ballot_id(signed_bytes, len, NULL), PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_ballot_id(NULL, 64, got), PPB_ERR_INVALID_ARGUMENT);
  ppb_free(signed_bytes);
  signed_bytes = NULL;

  /* Points and ranking. */
  CHECK_OK(ppb_ballot_sign(voter, id, 3, 2, PPB_PAYLOAD_POINTS, approve, points, 2, &signed_bytes, &len));
  CHECK_OK(ppb_ballot_open(signed_bytes, len, &b, &v));
  CHECK_INT_EQ(v.accepted, 1);
  CHECK_OK(ppb_ballot_kind(b, &kind));
  CHECK_INT_EQ(kind, PPB_PAYLOAD_POINTS);
  CHECK_OK(ppb_ballot_unit(b, &unit));
  CHECK_INT_EQ(unit, 3);
  CHECK_OK(ppb_ballot_item(b, 1, &project, &pts));
  CHECK_INT_EQ(project, 2);
  CHECK_INT_EQ(pts, 5);
  ppb_ballot_free(b);
  ppb_free(signed_bytes);
  CHECK_OK(ppb_ballot_sign(voter, id, 0, 1, PPB_PAYLOAD_RANKING, ranking, NULL, 3, &signed_bytes, &len));
  CHECK_OK(ppb_ballot_open(signed_bytes, len, &b, &v));
  CHECK_OK(ppb_ballot_item(b, 0, &project, NULL));
  CHECK_INT_EQ(project, 2);
  ppb_ballot_free(b);
  ppb_free(signed_bytes);
  signed_bytes = NULL;

  /* Refused: not a voter's key, no canonical form, bad arguments. Nothing is handed out. */
  CHECK_STATUS(ppb_ballot_sign(authority, id, 0, 1, PPB_PAYLOAD_APPROVAL, approve, NULL, 2, &signed_bytes, &len),
               PPB_ERR_INVALID_ARGUMENT);
  CHECK_LAST_ERROR("[ppb.usage_error.200] ballots are signed with a voter's key, not a key of role authority", 200);
  CHECK(signed_bytes == NULL);
  CHECK_STATUS(ppb_ballot_sign(voter, id, 0, 1, PPB_PAYLOAD_APPROVAL, unordered, NULL, 2, &signed_bytes, &len),
               PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_ballot_sign(voter, id, 0, 1, PPB_PAYLOAD_POINTS, approve, no_points, 2, &signed_bytes, &len),
               PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_ballot_sign(voter, id, 0, 1, PPB_PAYLOAD_APPROVAL, approve, points, 2, &signed_bytes, &len),
               PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_ballot_sign(voter, id, 0, 1, PPB_PAYLOAD_POINTS, approve, NULL, 2, &signed_bytes, &len),
               PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_ballot_sign(voter, id, 0, 1, 4, approve, NULL, 2, &signed_bytes, &len), PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_ballot_sign(voter, NULL, 0, 1, PPB_PAYLOAD_APPROVAL, approve, NULL, 2, &signed_bytes, &len),
               PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_ballot_sign(voter, id, 0, 1, PPB_PAYLOAD_APPROVAL, NULL, NULL, 2, &signed_bytes, &len),
               PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_ballot_sign(NULL, id, 0, 1, PPB_PAYLOAD_APPROVAL, approve, NULL, 2, &signed_bytes, &len),
               PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_ballot_sign(voter, id, 0, 1, PPB_PAYLOAD_APPROVAL, approve, NULL, 2, NULL, &len),
               PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_ballot_sign(voter, id, 0, 1, PPB_PAYLOAD_APPROVAL, approve, NULL, 2, &signed_bytes, NULL),
               PPB_ERR_INVALID_ARGUMENT);
  CHECK(signed_bytes == NULL);

#ifdef PPB_TEST_API_ARMOR
  /* A handle of another type is refused. */
  CHECK_STATUS(ppb_ballot_sign((const ppb_keypair*)(const void*)&v, id, 0, 1, PPB_PAYLOAD_APPROVAL, approve, NULL, 2,
                               &signed_bytes, &len),
               PPB_ERR_MISUSE);
  CHECK_LAST_ERROR("[ppb.usage_error.201] voter is not a live handle of its type", 201);
  CHECK_STATUS(ppb_keypair_role((const ppb_keypair*)(const void*)approve, &kind), PPB_ERR_MISUSE);
  CHECK_STATUS(ppb_ballot_kind((const ppb_ballot*)(const void*)voter, &kind), PPB_ERR_MISUSE);
#endif
  ppb_ballot_free(NULL);
  ppb_keypair_free(voter);
  ppb_keypair_free(authority);
}

/* A setup with voters 1..3 in almaly, authority key 10, officer key 11. */
static ppb_box_setup* make_setup(void) {
  ppb_box_setup* s = NULL;
  uint8_t key[PPB_PUBLICKEY_BYTES];
  uint8_t n;
  CHECK_OK(ppb_box_setup_new(election_json, sizeof election_json - 1, &s));
  CHECK_OK(ppb_box_setup_set_ballot(s, "almaly", ballot_pb, sizeof ballot_pb - 1));
  for (n = 1; n <= 3; ++n) {
    ppb_keypair* k = seeded(PPB_ROLE_VOTER, n);
    CHECK_OK(ppb_keypair_public_key(k, key));
    CHECK_OK(ppb_box_setup_add_credential(s, key, "almaly"));
    ppb_keypair_free(k);
  }
  {
    ppb_keypair* a = seeded(PPB_ROLE_AUTHORITY, 10);
    ppb_keypair* o = seeded(PPB_ROLE_OFFICER, 11);
    CHECK_OK(ppb_keypair_public_key(a, key));
    CHECK_OK(ppb_box_setup_set_authority(s, key));
    CHECK_OK(ppb_keypair_public_key(o, key));
    CHECK_OK(ppb_box_setup_add_officer(s, key, "almaly"));
    ppb_keypair_free(a);
    ppb_keypair_free(o);
  }
  return s;
}

static uint8_t* cast(const ppb_box_setup* s, uint8_t voter, uint64_t revision, uint16_t project, size_t* len) {
  uint8_t id[PPB_HASH_BYTES];
  uint8_t* out = NULL;
  ppb_keypair* k = seeded(PPB_ROLE_VOTER, voter);
  CHECK_OK(ppb_box_setup_election_id(s, id));
  CHECK_OK(ppb_ballot_sign(k, id, 0, revision, PPB_PAYLOAD_APPROVAL, &project, NULL, 1, &out, len));
  ppb_keypair_free(k);
  return out;
}

static void setup_errors(void) {
  ppb_box_setup* s = NULL;
  ppb_box* box = NULL;
  const char* unit = NULL;
  size_t count = 0;
  uint8_t id[PPB_HASH_BYTES], id2[PPB_HASH_BYTES], key[PPB_PUBLICKEY_BYTES];

  CHECK_STATUS(ppb_box_setup_new("{", 1, &s), PPB_ERR_PARSE);
  CHECK_INT_EQ(ppb_last_error_code(), 120);
  CHECK(s == NULL);
  CHECK_STATUS(ppb_box_setup_new("{}", 2, &s), PPB_ERR_PARSE);
  CHECK_INT_EQ(ppb_last_error_code(), 121);
  CHECK_STATUS(ppb_box_setup_new(NULL, 2, &s), PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_box_setup_new(election_json, sizeof election_json - 1, NULL), PPB_ERR_INVALID_ARGUMENT);

  CHECK_OK(ppb_box_setup_new(election_json, sizeof election_json - 1, &s));
  CHECK_OK(ppb_box_setup_unit_count(s, &count));
  CHECK_INT_EQ(count, 1);
  CHECK_OK(ppb_box_setup_unit(s, 0, &unit));
  CHECK_STR_EQ(unit, "almaly");
  CHECK_STATUS(ppb_box_setup_unit(s, 1, &unit), PPB_ERR_INVALID_ARGUMENT);
  CHECK_LAST_ERROR("[ppb.usage_error.200] unit index 1 is out of range (1 ballot units)", 200);
  CHECK_STATUS(ppb_box_setup_unit_count(s, NULL), PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_box_setup_unit(s, 0, NULL), PPB_ERR_INVALID_ARGUMENT);
  CHECK_OK(ppb_box_setup_election_id(s, id));
  CHECK_OK(ppb_election_id_of(election_json, sizeof election_json - 1, id2));
  CHECK(memcmp(id, id2, sizeof id) == 0);
  CHECK_STATUS(ppb_box_setup_election_id(s, NULL), PPB_ERR_INVALID_ARGUMENT);

  /* A unit without a ballot, an unknown unit, a malformed ballot. */
  CHECK_STATUS(ppb_box_create(log_path, s, &box), PPB_ERR_INVALID_ARGUMENT);
  CHECK_LAST_ERROR("[ppb.usage_error.200] ballot unit 'almaly' has no ballot", 200);
  CHECK(box == NULL);
  CHECK_STATUS(ppb_box_setup_set_ballot(s, "almaty", ballot_pb, sizeof ballot_pb - 1), PPB_ERR_INVALID_ARGUMENT);
  CHECK_LAST_ERROR("[ppb.usage_error.200] 'almaty' is not a ballot unit of the election", 200);
  CHECK_STATUS(ppb_box_setup_set_ballot(s, "almaly", "META\n", 5), PPB_ERR_PARSE);
  CHECK_STATUS(ppb_box_setup_set_ballot(s, NULL, ballot_pb, 3), PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_box_setup_set_ballot(s, "almaly", NULL, 3), PPB_ERR_INVALID_ARGUMENT);

  /* A credential that is not a valid point is refused when the box is created. */
  memset(key, 0, sizeof key);
  CHECK_OK(ppb_box_setup_set_ballot(s, "almaly", ballot_pb, sizeof ballot_pb - 1));
  CHECK_OK(ppb_box_setup_add_credential(s, key, "almaly"));
  CHECK_STATUS(ppb_box_create(log_path, s, &box), PPB_ERR_INVALID_ARGUMENT);
  CHECK_CONTAINS(ppb_last_error(), "is not a valid Ed25519 key");
  CHECK_STATUS(ppb_box_setup_add_credential(s, NULL, "almaly"), PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_box_setup_add_credential(s, key, NULL), PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_box_setup_add_officer(s, NULL, "almaly"), PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_box_setup_add_officer(s, key, NULL), PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_box_setup_set_authority(s, NULL), PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_box_setup_set_authority(NULL, key), PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_box_create(NULL, s, &box), PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_box_create(log_path, NULL, &box), PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_box_create(log_path, s, NULL), PPB_ERR_INVALID_ARGUMENT);
#ifdef PPB_TEST_API_ARMOR
  CHECK_STATUS(ppb_box_setup_unit_count((const ppb_box_setup*)(const void*)key, &count), PPB_ERR_MISUSE);
  CHECK_STATUS(ppb_box_create(log_path, (const ppb_box_setup*)(const void*)id, &box), PPB_ERR_MISUSE);
#endif
  CHECK(access(log_path, F_OK) != 0); /* nothing was created */
  ppb_box_setup_free(s);
  ppb_box_setup_free(NULL);
}

static void district_vote(void) {
  ppb_box_setup* s = make_setup();
  ppb_box* box = NULL;
  ppb_box* other = NULL;
  ppb_verdict v, first;
  uint8_t *b1, *b2, *b3, *b4, *revote;
  size_t l1, l2, l3, l4, lr, len;
  uint8_t key[PPB_PUBLICKEY_BYTES], root[PPB_HASH_BYTES], root2[PPB_HASH_BYTES];
  uint64_t entries = 0, accepted = 0, rejected = 0;
  int32_t revoked = -1, closed = -1;
  ppb_keypair* voter3 = seeded(PPB_ROLE_VOTER, 3);
  ppb_keypair* authority = seeded(PPB_ROLE_AUTHORITY, 10);
  ppb_keypair* not_authority = seeded(PPB_ROLE_AUTHORITY, 12);
  ppb_keypair* voter1 = seeded(PPB_ROLE_VOTER, 1);

  CHECK_OK(ppb_box_create(log_path, s, &box));
  CHECK(box != NULL);
  CHECK_STATUS(ppb_box_create(log_path, s, &other), PPB_ERR_IO); /* the log exists */
  CHECK(other == NULL);
  CHECK_OK(ppb_box_size(box, &entries));
  CHECK(entries >= 2); /* setup and credentials */

  b1 = cast(s, 1, 1, 0, &l1);
  b2 = cast(s, 2, 1, 1, &l2);
  b3 = cast(s, 3, 1, 2, &l3);
  b4 = cast(s, 4, 1, 2, &l4); /* voter 4 holds no credential */
  revote = cast(s, 1, 2, 2, &lr);

  CHECK_OK(ppb_box_submit(box, b1, l1, voting_day, &first));
  CHECK_INT_EQ(first.accepted, 1);
  CHECK_INT_EQ(first.reason, 0);
  CHECK_INT_EQ(first.entry, entries);
  {
    uint8_t id[PPB_HASH_BYTES];
    CHECK_OK(ppb_ballot_id(b1, l1, id));
    CHECK(memcmp(id, first.ballot_id, sizeof id) == 0);
  }
  CHECK_OK(ppb_box_submit(box, b2, l2, voting_day, &v));
  CHECK_INT_EQ(v.accepted, 1);
  CHECK_INT_EQ(v.entry, entries + 1);

  /* Replayed, forged, unknown, too early: verdicts with their reasons, all PPB_OK. */
  CHECK_OK(ppb_box_submit(box, b1, l1, voting_day, &v));
  CHECK_INT_EQ(v.accepted, 0);
  CHECK_INT_EQ(v.reason, PPB_REJECT_DUPLICATE);
  CHECK(memcmp(v.ballot_id, first.ballot_id, PPB_HASH_BYTES) == 0);
  b3[l3 - 5] ^= 0x40;
  CHECK_OK(ppb_box_submit(box, b3, l3, voting_day, &v));
  CHECK_INT_EQ(v.accepted, 0);
  CHECK_INT_EQ(v.reason, PPB_REJECT_BAD_SIGNATURE);
  b3[l3 - 5] ^= 0x40;
  CHECK_OK(ppb_box_submit(box, b4, l4, voting_day, &v));
  CHECK_INT_EQ(v.reason, PPB_REJECT_UNKNOWN_CREDENTIAL);
  CHECK_OK(ppb_box_submit(box, b3, l3, before_voting, &v));
  CHECK_INT_EQ(v.reason, PPB_REJECT_VOTING_NOT_OPEN);
  CHECK_OK(ppb_box_submit(box, b3, 3, voting_day, &v));
  CHECK_INT_EQ(v.reason, PPB_REJECT_TOO_SHORT);

  /* A revote with a higher revision replaces the first ballot (revote "latest"). */
  CHECK_OK(ppb_box_submit(box, revote, lr, voting_day, &v));
  CHECK_INT_EQ(v.accepted, 1);

  /* Revoke voter 3: once, then not again; its ballot is refused. */
  CHECK_OK(ppb_keypair_public_key(voter3, key));
  CHECK_OK(ppb_box_revoke(box, key, voting_day, &revoked));
  CHECK_INT_EQ(revoked, 1);
  CHECK_OK(ppb_box_revoke(box, key, voting_day, &revoked));
  CHECK_INT_EQ(revoked, 0);
  CHECK_OK(ppb_box_submit(box, b3, l3, voting_day, &v));
  CHECK_INT_EQ(v.reason, PPB_REJECT_REVOKED_CREDENTIAL);

  CHECK_OK(ppb_box_counts(box, &accepted, &rejected));
  CHECK_INT_EQ(accepted, 3);
  CHECK_INT_EQ(rejected, 6);
  CHECK_OK(ppb_box_is_closed(box, &closed));
  CHECK_INT_EQ(closed, 0);

  /* Bad arguments. */
  CHECK_STATUS(ppb_box_submit(box, NULL, 4, voting_day, &v), PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_box_submit(box, b1, l1, voting_day, NULL), PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_box_submit(NULL, b1, l1, voting_day, &v), PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_box_revoke(box, NULL, voting_day, &revoked), PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_box_revoke(box, key, voting_day, NULL), PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_box_size(box, NULL), PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_box_root(box, NULL), PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_box_counts(box, &accepted, NULL), PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_box_is_closed(box, NULL), PPB_ERR_INVALID_ARGUMENT);
#ifdef PPB_TEST_API_ARMOR
  CHECK_STATUS(ppb_box_submit((ppb_box*)(void*)s, b1, l1, voting_day, &v), PPB_ERR_MISUSE);
  CHECK_STATUS(ppb_box_close(box, (const ppb_keypair*)(const void*)s, voting_day), PPB_ERR_MISUSE);
  CHECK_STATUS(ppb_box_size((const ppb_box*)(const void*)authority, &entries), PPB_ERR_MISUSE);
#endif

  /* Close: only with the setup's authority key. */
  CHECK_STATUS(ppb_box_close(box, voter1, voting_day), PPB_ERR_INVALID_ARGUMENT);
  CHECK_LAST_ERROR("[ppb.usage_error.200] the box is closed with the authority's key, not a key of role voter", 200);
  CHECK_STATUS(ppb_box_close(box, not_authority, voting_day), PPB_ERR_INVALID_ARGUMENT);
  CHECK_LAST_ERROR("[ppb.usage_error.200] close: this is not the election authority's key", 200);
  CHECK_STATUS(ppb_box_close(box, NULL, voting_day), PPB_ERR_INVALID_ARGUMENT);
  CHECK_OK(ppb_box_close(box, authority, voting_day + 60));
  CHECK_STATUS(ppb_box_close(box, authority, voting_day + 60), PPB_ERR_MISUSE);
  CHECK_INT_EQ(ppb_last_error_code(), 153);
  CHECK_OK(ppb_box_is_closed(box, &closed));
  CHECK_INT_EQ(closed, 1);
  CHECK_OK(ppb_box_submit(box, b3, l3, voting_day, &v));
  CHECK_INT_EQ(v.reason, PPB_REJECT_BOX_CLOSED);
  CHECK_OK(ppb_box_size(box, &entries));
  CHECK_OK(ppb_box_root(box, root));
  ppb_box_free(box);
  ppb_box_free(NULL);

  /* Reopened from the log: the same state. */
  CHECK_OK(ppb_box_open(log_path, &box));
  CHECK_OK(ppb_box_root(box, root2));
  CHECK(memcmp(root, root2, sizeof root) == 0);
  CHECK_OK(ppb_box_counts(box, &accepted, &rejected));
  CHECK_INT_EQ(accepted, 3);
  CHECK_INT_EQ(rejected, 7);
  CHECK_OK(ppb_box_is_closed(box, &closed));
  CHECK_INT_EQ(closed, 1);
  ppb_box_free(box);
  CHECK_STATUS(ppb_box_open(junk_path, &box), PPB_ERR_IO);
  CHECK(box == NULL);
  CHECK_STATUS(ppb_box_open(NULL, &box), PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_box_open(log_path, NULL), PPB_ERR_INVALID_ARGUMENT);

  /* The log: verify, prove, tally. */
  {
    ppb_log_report r;
    ppb_proof* p = NULL;
    const uint8_t* path = NULL;
    size_t count = 0;
    uint64_t index = 0, size = 0;
    uint8_t leaf[PPB_HASH_BYTES], proot[PPB_HASH_BYTES], unknown[PPB_HASH_BYTES];
    int32_t valid = -1;
    char* json = NULL;

    CHECK_OK(ppb_log_verify(log_path, &r));
    CHECK_INT_EQ(r.verified, 1);
    CHECK_INT_EQ(r.closed, 1);
    CHECK_INT_EQ(r.entries, entries);
    CHECK_INT_EQ(r.accepted, 3);
    CHECK_INT_EQ(r.rejected, 7);
    CHECK_INT_EQ(r.paper_ballots, 0);
    CHECK_INT_EQ(r.checkpoints, 2); /* the close's and the result's */
    CHECK_INT_EQ(r.torn_bytes, 0);
    CHECK(memcmp(r.root, root, sizeof root) == 0);
    CHECK_STATUS(ppb_log_verify(log_path, NULL), PPB_ERR_INVALID_ARGUMENT);
    CHECK_STATUS(ppb_log_verify(NULL, &r), PPB_ERR_INVALID_ARGUMENT);
    CHECK_STATUS(ppb_log_verify(junk_path, &r), PPB_ERR_IO);
    CHECK_INT_EQ(ppb_last_error_code(), 100);

    CHECK_OK(ppb_log_prove(log_path, first.ballot_id, &p));
    CHECK(p != NULL);
    CHECK_OK(ppb_proof_position(p, &index, &size));
    CHECK_INT_EQ(index, first.entry);
    CHECK_INT_EQ(size, entries);
    CHECK_OK(ppb_proof_leaf(p, leaf));
    CHECK_OK(ppb_proof_root(p, proot));
    CHECK(memcmp(proot, root, sizeof root) == 0);
    CHECK_OK(ppb_proof_path(p, &path, &count));
    CHECK(count > 0 && path != NULL);
    CHECK_OK(ppb_merkle_verify_inclusion(leaf, index, size, path, count, proot, &valid));
    CHECK_INT_EQ(valid, 1);
    CHECK_OK(ppb_merkle_verify_inclusion(leaf, index + 1, size, path, count, proot, &valid));
    CHECK_INT_EQ(valid, 0);
    proot[0] ^= 1;
    CHECK_OK(ppb_merkle_verify_inclusion(leaf, index, size, path, count, proot, &valid));
    CHECK_INT_EQ(valid, 0);
    CHECK_OK(ppb_merkle_verify_inclusion(leaf, index, size, NULL, 0, proot, &valid));
    CHECK_INT_EQ(valid, 0);
    CHECK_STATUS(ppb_merkle_verify_inclusion(leaf, index, size, NULL, 1, proot, &valid), PPB_ERR_INVALID_ARGUMENT);
    CHECK_STATUS(ppb_merkle_verify_inclusion(NULL, index, size, path, count, proot, &valid), PPB_ERR_INVALID_ARGUMENT);
    CHECK_STATUS(ppb_merkle_verify_inclusion(leaf, index, size, path, count, NULL, &valid), PPB_ERR_INVALID_ARGUMENT);
    CHECK_STATUS(ppb_merkle_verify_inclusion(leaf, index, size, path, count, proot, NULL), PPB_ERR_INVALID_ARGUMENT);
    CHECK_STATUS(ppb_proof_position(p, NULL, &size), PPB_ERR_INVALID_ARGUMENT);
    CHECK_STATUS(ppb_proof_leaf(p, NULL), PPB_ERR_INVALID_ARGUMENT);
    CHECK_STATUS(ppb_proof_root(NULL, proot), PPB_ERR_INVALID_ARGUMENT);
    CHECK_STATUS(ppb_proof_path(p, NULL, &count), PPB_ERR_INVALID_ARGUMENT);
#ifdef PPB_TEST_API_ARMOR
    CHECK_STATUS(ppb_proof_leaf((const ppb_proof*)(const void*)s, leaf), PPB_ERR_MISUSE);
#endif
    ppb_proof_free(p);
    ppb_proof_free(NULL);

    /* A ballot the log does not hold (the refused one) is an answer: no proof. */
    CHECK_OK(ppb_ballot_id(b4, l4, unknown));
    p = (ppb_proof*)(void*)&r;
    CHECK_OK(ppb_log_prove(log_path, unknown, &p));
    CHECK(p == NULL);
    CHECK_STATUS(ppb_log_prove(log_path, NULL, &p), PPB_ERR_INVALID_ARGUMENT);
    CHECK_STATUS(ppb_log_prove(log_path, unknown, NULL), PPB_ERR_INVALID_ARGUMENT);
    CHECK_STATUS(ppb_log_prove(NULL, unknown, &p), PPB_ERR_INVALID_ARGUMENT);

    CHECK_OK(ppb_log_tally(log_path, &json, &len));
    CHECK_INT_EQ(len, strlen(json));
    CHECK(strncmp(json, "{\"election\":\"", 13) == 0);
    CHECK_CONTAINS(json, "\"unit\":\"almaly\"");
    CHECK_CONTAINS(json, "\"ballots\":2"); /* voter 1 (its revote) and voter 2 */
    ppb_free(json);
    json = NULL;
    CHECK_OK(ppb_log_tally(log_path, &json, NULL));
    ppb_free(json);
    CHECK_STATUS(ppb_log_tally(log_path, NULL, &len), PPB_ERR_INVALID_ARGUMENT);
    CHECK_STATUS(ppb_log_tally(junk_path, &json, &len), PPB_ERR_IO);
    CHECK(json == NULL);
  }

  /* A corrupt log (one byte of an accepted ballot's entry flipped) is an error naming the entry;
   * a file that is no log at all is refused too. */
  {
    ppb_log_report r;
    char* json = NULL;
    uint8_t* data = read_file(log_path, &len);
    data[len / 2] ^= 0x20;
    write_file(copy_path, data, len);
    CHECK_STATUS(ppb_log_verify(copy_path, &r), PPB_ERR_PARSE);
    CHECK_INT_EQ(ppb_last_error_code(), 152);
    CHECK_CONTAINS(ppb_last_error(), "entry");
    CHECK_STATUS(ppb_log_tally(copy_path, &json, NULL), PPB_ERR_PARSE);
    CHECK_STATUS(ppb_box_open(copy_path, &box), PPB_ERR_PARSE);
    CHECK(box == NULL);
    write_file(copy_path, (const uint8_t*)"not a log at all\n", 17);
    CHECK_STATUS(ppb_log_verify(copy_path, &r), PPB_ERR_PARSE);
    CHECK_INT_EQ(ppb_last_error_code(), 150);
    free(data);
  }

  ppb_free(b1);
  ppb_free(b2);
  ppb_free(b3);
  ppb_free(b4);
  ppb_free(revote);
  ppb_keypair_free(voter1);
  ppb_keypair_free(voter3);
  ppb_keypair_free(authority);
  ppb_keypair_free(not_authority);
  ppb_box_setup_free(s);
}

int main(void) {
  strcpy(dir, "/tmp/ppb-c-ledger-XXXXXX");
  CHECK(mkdtemp(dir) != NULL);
  snprintf(log_path, sizeof log_path, "%s/ballots.log", dir);
  snprintf(copy_path, sizeof copy_path, "%s/copy.log", dir);
  snprintf(junk_path, sizeof junk_path, "%s/no-such.log", dir);

  init_and_sizes();
  keys();
  ballots();
  setup_errors();
  district_vote();

  remove(log_path);
  remove(copy_path);
  CHECK(rmdir(dir) == 0);
  CHECK_DONE("ledger");
}
