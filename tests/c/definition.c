/* Election definitions, proposals and eligibility through the C ABI: every function, every error
 * path. Inputs are the small city of tests/data (election, roll, proposals and reviews files). */
#include "check.h"

#define DEFINITION_FILE PPB_TEST_DATA "/election_small_city.json"
#define ROLL_FILE PPB_TEST_DATA "/roll_small_city.csv"

/* A whole file in memory (malloc'd, NUL-terminated); the test fails if it cannot be read. */
static char* read_file(const char* path, size_t* out_len) {
  FILE* f = fopen(path, "rb");
  char* data = NULL;
  long size = 0;
  CHECK(f != NULL);
  CHECK(fseek(f, 0, SEEK_END) == 0);
  size = ftell(f);
  CHECK(size >= 0);
  CHECK(fseek(f, 0, SEEK_SET) == 0);
  data = malloc((size_t)size + 1);
  CHECK(data != NULL);
  CHECK(fread(data, 1, (size_t)size, f) == (size_t)size);
  data[size] = '\0';
  fclose(f);
  *out_len = (size_t)size;
  return data;
}

static ppb_definition* load_definition(void) {
  ppb_definition* d = NULL;
  CHECK_OK(ppb_definition_load_file(DEFINITION_FILE, &d));
  CHECK(d != NULL);
  return d;
}

static ppb_roll* load_roll(const ppb_definition* d) {
  ppb_roll* r = NULL;
  CHECK_OK(ppb_roll_load_file(ROLL_FILE, d, &r));
  CHECK(r != NULL);
  return r;
}

/* ---- definitions ------------------------------------------------------------------------- */

static void definition_inspect(void) {
  static const char expected_id[] = "8e40a3faaff56cabb5ce3f87576cc7b92e4e9d4ee585f54a549f64671abb9549";
  ppb_definition* d = load_definition();
  uint8_t id[PPB_HASH_BYTES];
  char hex[2 * PPB_HASH_BYTES + 1];
  const char* s = NULL;
  int32_t places = -1, found = -1, has = -1;
  int64_t budget = -1;
  size_t count = 0, index = 99, i = 0;

  /* The election id: SHA-256("ppb/election/v1" ‖ the file's bytes), computed independently with
   * Python's hashlib. */
  CHECK_OK(ppb_definition_id(d, id));
  for (i = 0; i < PPB_HASH_BYTES; ++i) sprintf(hex + 2 * i, "%02x", id[i]);
  CHECK_STR_EQ(hex, expected_id);

  CHECK_OK(ppb_definition_cycle(d, &s));
  CHECK_STR_EQ(s, "kosshy-2026");
  CHECK_OK(ppb_definition_money_places(d, &places));
  CHECK_INT_EQ(places, 0);
  CHECK_OK(ppb_definition_unit_count(d, &count));
  CHECK_INT_EQ(count, 5);

  CHECK_OK(ppb_definition_unit_id(d, 0, &s));
  CHECK_STR_EQ(s, "kosshy");
  CHECK_OK(ppb_definition_unit_name(d, 0, PPB_LANG_EN, &s));
  CHECK_STR_EQ(s, "Kosshy");
  CHECK_OK(ppb_definition_unit_name(d, 0, PPB_LANG_RU, &s));
  CHECK_STR_EQ(s, "город Косшы");
  CHECK_OK(ppb_definition_unit_name(d, 0, PPB_LANG_KK, &s));
  CHECK_STR_EQ(s, "Қосшы қаласы");
  CHECK_OK(ppb_definition_unit_parent(d, 0, &s));
  CHECK_STR_EQ(s, "");
  CHECK_OK(ppb_definition_unit_budget(d, 0, &has, &budget));
  CHECK_INT_EQ(has, 1);
  CHECK_INT_EQ(budget, 60000000);

  /* A microdistrict without a budget: no ballot of its own. */
  CHECK_OK(ppb_definition_find_unit(d, "kosshy-north-akzhol", &found, &index));
  CHECK_INT_EQ(found, 1);
  CHECK_INT_EQ(index, 3);
  CHECK_OK(ppb_definition_unit_parent(d, index, &s));
  CHECK_STR_EQ(s, "kosshy-north");
  budget = -7;
  CHECK_OK(ppb_definition_unit_budget(d, index, &has, &budget));
  CHECK_INT_EQ(has, 0);
  CHECK_INT_EQ(budget, -7); /* untouched without a budget */
  index = 99;
  CHECK_OK(ppb_definition_find_unit(d, "atlantis", &found, &index));
  CHECK_INT_EQ(found, 0);
  CHECK_INT_EQ(index, 99);

  /* Index out of range, unknown language, NULL outputs and handles. */
  CHECK_STATUS(ppb_definition_unit_id(d, 5, &s), PPB_ERR_INVALID_ARGUMENT);
  CHECK_LAST_ERROR("[ppb.usage_error.200] unit index 5 is out of range (5)", 200);
  CHECK_STATUS(ppb_definition_unit_name(d, 5, PPB_LANG_EN, &s), PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_definition_unit_parent(d, 5, &s), PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_definition_unit_budget(d, 5, &has, &budget), PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_definition_unit_name(d, 0, 3, &s), PPB_ERR_INVALID_ARGUMENT);
  CHECK_LAST_ERROR("[ppb.usage_error.200] language 3 is not PPB_LANG_KK, PPB_LANG_RU or PPB_LANG_EN", 200);
  CHECK_STATUS(ppb_definition_unit_name(d, 0, -1, &s), PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_definition_id(d, NULL), PPB_ERR_INVALID_ARGUMENT);
  CHECK_LAST_ERROR("[ppb.usage_error.200] out_id is NULL", 200);
  CHECK_STATUS(ppb_definition_cycle(d, NULL), PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_definition_money_places(d, NULL), PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_definition_unit_count(d, NULL), PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_definition_find_unit(d, NULL, &found, &index), PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_definition_find_unit(d, "kosshy", NULL, &index), PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_definition_find_unit(d, "kosshy", &found, NULL), PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_definition_unit_id(d, 0, NULL), PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_definition_unit_name(d, 0, PPB_LANG_EN, NULL), PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_definition_unit_parent(d, 0, NULL), PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_definition_unit_budget(d, 0, NULL, &budget), PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_definition_unit_budget(d, 0, &has, NULL), PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_definition_id(NULL, id), PPB_ERR_INVALID_ARGUMENT);
  CHECK_LAST_ERROR("[ppb.usage_error.200] definition is NULL", 200);
  CHECK_STATUS(ppb_definition_cycle(NULL, &s), PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_definition_money_places(NULL, &places), PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_definition_unit_count(NULL, &count), PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_definition_find_unit(NULL, "kosshy", &found, &index), PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_definition_unit_id(NULL, 0, &s), PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_definition_unit_name(NULL, 0, PPB_LANG_EN, &s), PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_definition_unit_parent(NULL, 0, &s), PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_definition_unit_budget(NULL, 0, &has, &budget), PPB_ERR_INVALID_ARGUMENT);

  ppb_definition_free(d);
  ppb_definition_free(NULL);
}

static void definition_parse(void) {
  /* Two problems at once: a negative budget and an unknown field. */
  static const char invalid[] = "{\"format\": \"ppb/election/v1\", \"cycle\": \"c\", \"colour\": 1}";
  ppb_definition* d = (ppb_definition*)&d; /* must be reset to NULL on failure */
  ppb_definition_problems* p = NULL;
  size_t len = 0, count = 0;
  char* text = read_file(DEFINITION_FILE, &len);
  const char *path = NULL, *message = NULL;
  uint8_t a[PPB_HASH_BYTES], b[PPB_HASH_BYTES];

  /* From memory: the same definition, the same id, as from the file. */
  CHECK_OK(ppb_definition_parse(text, len, &d));
  CHECK_OK(ppb_definition_id(d, a));
  ppb_definition_free(d);
  d = load_definition();
  CHECK_OK(ppb_definition_id(d, b));
  ppb_definition_free(d);
  CHECK(memcmp(a, b, sizeof a) == 0);
  /* One byte more (a trailing space) is another definition: another id. */
  {
    char* longer = malloc(len + 2);
    CHECK(longer != NULL);
    memcpy(longer, text, len);
    longer[len] = ' ';
    CHECK_OK(ppb_definition_parse(longer, len + 1, &d));
    CHECK_OK(ppb_definition_id(d, b));
    CHECK(memcmp(a, b, sizeof a) != 0);
    ppb_definition_free(d);
    free(longer);
  }

  /* A valid definition has no problems. */
  CHECK_OK(ppb_definition_check(text, len, &p));
  CHECK_OK(ppb_definition_problems_count(p, &count));
  CHECK_INT_EQ(count, 0);
  CHECK_STATUS(ppb_definition_problem(p, 0, &path, &message), PPB_ERR_INVALID_ARGUMENT);
  CHECK_LAST_ERROR("[ppb.usage_error.200] problem index 0 is out of range (0)", 200);
  ppb_definition_problems_free(p);
  CHECK_OK(ppb_definition_check_file(DEFINITION_FILE, &p));
  CHECK_OK(ppb_definition_problems_count(p, &count));
  CHECK_INT_EQ(count, 0);
  ppb_definition_problems_free(p);

  /* Not JSON: a parse error with the line, and one problem with an empty path. */
  d = (ppb_definition*)&d;
  CHECK_STATUS(ppb_definition_parse("{", 1, &d), PPB_ERR_PARSE);
  CHECK(d == NULL);
  CHECK_LAST_ERROR("[ppb.parse_error.120] <input>:1:", 120);
  CHECK_OK(ppb_definition_check("{", 1, &p));
  CHECK_OK(ppb_definition_problems_count(p, &count));
  CHECK_INT_EQ(count, 1);
  CHECK_OK(ppb_definition_problem(p, 0, &path, &message));
  CHECK_STR_EQ(path, "");
  CHECK_CONTAINS(message, "line 1, column");
  ppb_definition_problems_free(p);

  /* Valid JSON, invalid definition: every problem, with its JSON path. */
  d = (ppb_definition*)&d;
  CHECK_STATUS(ppb_definition_parse(invalid, sizeof invalid - 1, &d), PPB_ERR_PARSE);
  CHECK(d == NULL);
  CHECK_LAST_ERROR("[ppb.parse_error.121] <input>:", 121);
  CHECK_CONTAINS(ppb_last_error(), "/colour: unknown field");
  CHECK_OK(ppb_definition_check(invalid, sizeof invalid - 1, &p));
  CHECK_OK(ppb_definition_problems_count(p, &count));
  CHECK(count >= 2);
  {
    size_t i = 0;
    int colour = 0, units = 0;
    for (i = 0; i < count; ++i) {
      CHECK_OK(ppb_definition_problem(p, i, &path, &message));
      CHECK(path != NULL && message != NULL && message[0] != '\0');
      if (strcmp(path, "/colour") == 0) colour = 1;
      if (strcmp(path, "/units") == 0 || strcmp(path, "") == 0) units = 1;
      CHECK_CONTAINS(ppb_last_error() /* unchanged by successful calls */, "/colour");
    }
    CHECK(colour);
    CHECK(units);
  }
  CHECK_STATUS(ppb_definition_problem(p, count, &path, &message), PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_definition_problem(p, 0, NULL, &message), PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_definition_problem(p, 0, &path, NULL), PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_definition_problems_count(p, NULL), PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_definition_problems_count(NULL, &count), PPB_ERR_INVALID_ARGUMENT);
  CHECK_LAST_ERROR("[ppb.usage_error.200] problems is NULL", 200);
  CHECK_STATUS(ppb_definition_problem(NULL, 0, &path, &message), PPB_ERR_INVALID_ARGUMENT);
  ppb_definition_problems_free(p);
  ppb_definition_problems_free(NULL);

  /* Files. */
  d = (ppb_definition*)&d;
  CHECK_STATUS(ppb_definition_load_file(PPB_TEST_DATA "/no-such-file.json", &d), PPB_ERR_IO);
  CHECK(d == NULL);
  CHECK_LAST_ERROR("[ppb.parse_error.100]", 100);
  p = (ppb_definition_problems*)&p;
  CHECK_STATUS(ppb_definition_check_file(PPB_TEST_DATA "/no-such-file.json", &p), PPB_ERR_IO);
  CHECK(p == NULL);
  CHECK_LAST_ERROR("[ppb.parse_error.100]", 100);
  CHECK_STATUS(ppb_definition_load_file(PPB_TEST_DATA "/assen_2024.pb", &d), PPB_ERR_PARSE);
  CHECK_LAST_ERROR("[ppb.parse_error.120]", 120);

  /* Bad arguments. */
  CHECK_STATUS(ppb_definition_parse(NULL, 0, &d), PPB_ERR_PARSE); /* empty text: not JSON */
  CHECK_LAST_ERROR("[ppb.parse_error.120]", 120);
  CHECK_STATUS(ppb_definition_parse(NULL, 5, &d), PPB_ERR_INVALID_ARGUMENT);
  CHECK_LAST_ERROR("[ppb.usage_error.200] text is NULL", 200);
  CHECK_STATUS(ppb_definition_parse(text, len, NULL), PPB_ERR_INVALID_ARGUMENT);
  CHECK_LAST_ERROR("[ppb.usage_error.200] out_definition is NULL", 200);
  CHECK_STATUS(ppb_definition_load_file(NULL, &d), PPB_ERR_INVALID_ARGUMENT);
  CHECK_LAST_ERROR("[ppb.usage_error.200] path is NULL", 200);
  CHECK_STATUS(ppb_definition_load_file(DEFINITION_FILE, NULL), PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_definition_check(NULL, 5, &p), PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_definition_check(text, len, NULL), PPB_ERR_INVALID_ARGUMENT);
  CHECK_LAST_ERROR("[ppb.usage_error.200] out_problems is NULL", 200);
  CHECK_STATUS(ppb_definition_check_file(NULL, &p), PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_definition_check_file(DEFINITION_FILE, NULL), PPB_ERR_INVALID_ARGUMENT);
  free(text);
}

/* ---- eligibility ------------------------------------------------------------------------- */

static void iin(void) {
  ppb_iin_info info;
  memset(&info, 0x55, sizeof info);
  CHECK_OK(ppb_iin_check("850314301011", &info));
  CHECK_INT_EQ(info.valid, 1);
  CHECK_INT_EQ(info.reason, 0);
  CHECK_INT_EQ(info.birth_year, 1985);
  CHECK_INT_EQ(info.birth_month, 3);
  CHECK_INT_EQ(info.birth_day, 14);
  CHECK_INT_EQ(info.sex, PPB_SEX_MALE);
  CHECK_OK(ppb_iin_check("040229601040", &info)); /* 29 Feb 2004, 2000s, female */
  CHECK_INT_EQ(info.valid, 1);
  CHECK_INT_EQ(info.birth_year, 2004);
  CHECK_INT_EQ(info.birth_month, 2);
  CHECK_INT_EQ(info.birth_day, 29);
  CHECK_INT_EQ(info.sex, PPB_SEX_FEMALE);

  /* Invalid numbers are answers with a reason, not errors. */
  CHECK_OK(ppb_iin_check("850314301012", &info));
  CHECK_INT_EQ(info.valid, 0);
  CHECK_STR_EQ(ppb_iin_reason_name(info.reason), "check_digit_mismatch");
  CHECK_INT_EQ(info.birth_year, 0);
  CHECK_INT_EQ(info.sex, -1);
  CHECK_OK(ppb_iin_check("8503143010", &info));
  CHECK_STR_EQ(ppb_iin_reason_name(info.reason), "wrong_length");
  CHECK_OK(ppb_iin_check("", &info));
  CHECK_STR_EQ(ppb_iin_reason_name(info.reason), "wrong_length");
  CHECK_OK(ppb_iin_check("85031430101x", &info));
  CHECK_STR_EQ(ppb_iin_reason_name(info.reason), "not_digits");
  CHECK_OK(ppb_iin_check("850314001011", &info));
  CHECK_STR_EQ(ppb_iin_reason_name(info.reason), "legal_entity");
  CHECK_OK(ppb_iin_check("850314701011", &info));
  CHECK_STR_EQ(ppb_iin_reason_name(info.reason), "bad_century_digit");
  CHECK_OK(ppb_iin_check("851314301011", &info));
  CHECK_STR_EQ(ppb_iin_reason_name(info.reason), "bad_month");
  CHECK_OK(ppb_iin_check("230229301011", &info)); /* 29 Feb 1923 */
  CHECK_STR_EQ(ppb_iin_reason_name(info.reason), "bad_day");
  CHECK_INT_EQ(info.valid, 0);

  /* Names and messages: pinned codes, every language; unknown codes and languages. */
  CHECK_STR_EQ(ppb_iin_reason_name(0), "valid");
  CHECK_STR_EQ(ppb_iin_reason_name(8), "no_check_digit");
  CHECK_STR_EQ(ppb_iin_reason_name(9), "unknown");
  CHECK_STR_EQ(ppb_iin_reason_name(-1), "unknown");
  CHECK_STR_EQ(ppb_iin_reason_name(256 + 7), "unknown"); /* never truncated to 7 */
  CHECK(strlen(ppb_iin_reason_message(7, PPB_LANG_EN)) > 0);
  CHECK(strlen(ppb_iin_reason_message(7, PPB_LANG_RU)) > 0);
  CHECK(strlen(ppb_iin_reason_message(7, PPB_LANG_KK)) > 0);
  CHECK(strcmp(ppb_iin_reason_message(7, PPB_LANG_EN), ppb_iin_reason_message(7, PPB_LANG_RU)) != 0);
  CHECK_STR_EQ(ppb_iin_reason_message(7, 3), "");
  CHECK_STR_EQ(ppb_iin_reason_message(99, PPB_LANG_EN), "");
  CHECK_STR_EQ(ppb_sex_name(PPB_SEX_MALE), "male");
  CHECK_STR_EQ(ppb_sex_name(PPB_SEX_FEMALE), "female");
  CHECK_STR_EQ(ppb_sex_name(2), "unknown");
  CHECK_STR_EQ(ppb_error_code_name(122), "invalid_iin");
  CHECK_STR_EQ(ppb_error_code_name(125), "duplicate_entry");
  CHECK_STR_EQ(ppb_error_code_name(0), "ok");
  CHECK_STR_EQ(ppb_error_code_name(99999), "unknown");

  CHECK_STATUS(ppb_iin_check(NULL, &info), PPB_ERR_INVALID_ARGUMENT);
  CHECK_LAST_ERROR("[ppb.usage_error.200] text is NULL", 200);
  CHECK_STATUS(ppb_iin_check("850314301011", NULL), PPB_ERR_INVALID_ARGUMENT);
  CHECK_LAST_ERROR("[ppb.usage_error.200] out_info is NULL", 200);
}

static void roll(void) {
  /* Line 2 good; 3 bad check digit; 4 unknown unit; 5 duplicate of line 2; 6 bad status. */
  static const char csv[] =
      "iin,unit,status,registered\n"
      "850314301011,kosshy-center,active,2019-05-20\n"
      "850314301012,kosshy-center,active,2019-05-20\n"
      "900707401026,atlantis,active,2020-01-15\n"
      "850314301011,kosshy-north,active,2019-05-20\n"
      "770101301036,kosshy-north,sleeping,2015-03-02\n";
  ppb_definition* d = load_definition();
  ppb_roll* r = (ppb_roll*)&r;
  size_t count = 0;
  uint64_t rows = 0, line = 0;
  int32_t code = 0;
  const char* message = NULL;

  CHECK_OK(ppb_roll_parse(csv, sizeof csv - 1, d, &r));
  CHECK_OK(ppb_roll_voter_count(r, &count));
  CHECK_INT_EQ(count, 1);
  CHECK_OK(ppb_roll_row_count(r, &rows));
  CHECK_INT_EQ(rows, 5);
  CHECK_OK(ppb_roll_bad_row_count(r, &rows));
  CHECK_INT_EQ(rows, 4);
  CHECK_OK(ppb_roll_error_count(r, &count));
  CHECK_INT_EQ(count, 4);
  CHECK_OK(ppb_roll_error(r, 0, &line, &code, &message));
  CHECK_INT_EQ(line, 3);
  CHECK_STR_EQ(ppb_error_code_name(code), "invalid_iin");
  CHECK_CONTAINS(message, "check_digit_mismatch");
  CHECK_OK(ppb_roll_error(r, 1, &line, &code, &message));
  CHECK_INT_EQ(line, 4);
  CHECK_STR_EQ(ppb_error_code_name(code), "unknown_unit");
  CHECK_CONTAINS(message, "atlantis");
  CHECK_OK(ppb_roll_error(r, 2, &line, &code, NULL));
  CHECK_INT_EQ(line, 5);
  CHECK_STR_EQ(ppb_error_code_name(code), "duplicate_entry");
  CHECK_OK(ppb_roll_error(r, 3, NULL, &code, NULL));
  CHECK_STR_EQ(ppb_error_code_name(code), "bad_value");
  CHECK_STATUS(ppb_roll_error(r, 4, &line, &code, &message), PPB_ERR_INVALID_ARGUMENT);
  CHECK_LAST_ERROR("[ppb.usage_error.200] error index 4 is out of range (4)", 200);
  ppb_roll_free(r);

  /* Without a definition, units are not checked: atlantis is accepted. */
  CHECK_OK(ppb_roll_parse(csv, sizeof csv - 1, NULL, &r));
  CHECK_OK(ppb_roll_voter_count(r, &count));
  CHECK_INT_EQ(count, 2);
  ppb_roll_free(r);

  /* The bundled roll: every row good. */
  r = load_roll(d);
  CHECK_OK(ppb_roll_voter_count(r, &count));
  CHECK_INT_EQ(count, 12);
  CHECK_OK(ppb_roll_bad_row_count(r, &rows));
  CHECK_INT_EQ(rows, 0);
  ppb_roll_free(r);

  /* Not a roll at all; unreadable file; bad arguments. */
  r = (ppb_roll*)&r;
  CHECK_STATUS(ppb_roll_parse("iin,colour\n", 11, NULL, &r), PPB_ERR_PARSE);
  CHECK(r == NULL);
  CHECK_STATUS(ppb_roll_parse(NULL, 0, NULL, &r), PPB_ERR_PARSE);
  CHECK_STATUS(ppb_roll_load_file(PPB_TEST_DATA "/no-such-roll.csv", d, &r), PPB_ERR_IO);
  CHECK_LAST_ERROR("[ppb.parse_error.100]", 100);
  CHECK_STATUS(ppb_roll_parse(NULL, 3, NULL, &r), PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_roll_parse(csv, sizeof csv - 1, NULL, NULL), PPB_ERR_INVALID_ARGUMENT);
  CHECK_LAST_ERROR("[ppb.usage_error.200] out_roll is NULL", 200);
  CHECK_STATUS(ppb_roll_load_file(NULL, d, &r), PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_roll_load_file(ROLL_FILE, d, NULL), PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_roll_voter_count(NULL, &count), PPB_ERR_INVALID_ARGUMENT);
  CHECK_LAST_ERROR("[ppb.usage_error.200] roll is NULL", 200);
  CHECK_STATUS(ppb_roll_row_count(NULL, &rows), PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_roll_bad_row_count(NULL, &rows), PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_roll_error_count(NULL, &count), PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_roll_error(NULL, 0, &line, &code, &message), PPB_ERR_INVALID_ARGUMENT);
  r = load_roll(d);
  CHECK_STATUS(ppb_roll_voter_count(r, NULL), PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_roll_row_count(r, NULL), PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_roll_bad_row_count(r, NULL), PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_roll_error_count(r, NULL), PPB_ERR_INVALID_ARGUMENT);
  ppb_roll_free(r);
  ppb_roll_free(NULL);
  ppb_definition_free(d);
}

/* The verdict for `iin` in `unit` at `at`: its failures' names joined by spaces ("" if eligible). */
static const char* eligibility(const ppb_roll* r, const ppb_definition* d, const char* iin, const char* unit,
                               const char* at) {
  static char names[256];
  ppb_eligibility_verdict* v = NULL;
  size_t count = 0, i = 0;
  int32_t eligible = -1, reason = 0;
  const char* detail = NULL;
  CHECK_OK(ppb_roll_check(r, d, iin, unit, at, &v));
  CHECK_OK(ppb_eligibility_verdict_eligible(v, &eligible));
  CHECK_OK(ppb_eligibility_verdict_failure_count(v, &count));
  CHECK_INT_EQ(eligible, count == 0);
  names[0] = '\0';
  for (i = 0; i < count; ++i) {
    CHECK_OK(ppb_eligibility_verdict_failure(v, i, &reason, &detail));
    CHECK(detail != NULL && detail[0] != '\0');
    if (i > 0) strcat(names, " ");
    strcat(names, ppb_eligibility_reason_name(reason));
  }
  CHECK_STATUS(ppb_eligibility_verdict_failure(v, count, &reason, &detail), PPB_ERR_INVALID_ARGUMENT);
  ppb_eligibility_verdict_free(v);
  return names;
}

static void check_voters(void) {
  static const char voting[] = "2026-04-20T10:00:00Z";
  ppb_definition* d = load_definition();
  ppb_roll* r = load_roll(d);
  ppb_eligibility_verdict* v = (ppb_eligibility_verdict*)&v;
  int32_t i32 = 0;
  size_t count = 0;
  const char* s = NULL;

  CHECK_STR_EQ(eligibility(r, d, "850314301011", "kosshy-center", voting), "");
  /* Own district and the city that contains it; not another district. */
  CHECK_STR_EQ(eligibility(r, d, "850314301011", "kosshy", voting), "");
  CHECK_STR_EQ(eligibility(r, d, "850314301011", "kosshy-north", voting), "not_resident");
  CHECK_STR_EQ(eligibility(r, d, "880505301065", "kosshy-south", voting), "not_active");
  CHECK_STR_EQ(eligibility(r, d, "010430501070", "kosshy-center", voting), "registered_after_cutoff");
  CHECK_STR_EQ(eligibility(r, d, "850314301011", "kosshy-center", "2026-03-01T00:00:00Z"), "outside_voting_window");
  CHECK_STR_EQ(eligibility(r, d, "850314301011", "atlantis", voting), "unknown_unit");
  CHECK_STR_EQ(eligibility(r, d, "040229601040", "kosshy-north-akzhol", voting), "no_ballot_in_unit");
  CHECK_STR_EQ(eligibility(r, d, "860101300017", "kosshy-center", voting), "not_on_roll");
  /* 080420601085 turns 18 on 20 April 2026 (local date, UTC+5). */
  CHECK_STR_EQ(eligibility(r, d, "080420601085", "kosshy-north", "2026-04-19T18:59:59Z"), "underage");
  CHECK_STR_EQ(eligibility(r, d, "080420601085", "kosshy-north", "2026-04-19T19:00:00Z"), "");

  /* Names and messages. */
  CHECK_STR_EQ(ppb_eligibility_reason_name(1), "unknown_unit");
  CHECK_STR_EQ(ppb_eligibility_reason_name(11), "not_on_roll");
  CHECK_STR_EQ(ppb_eligibility_reason_name(0), "unknown");
  CHECK_STR_EQ(ppb_eligibility_reason_name(12), "unknown");
  CHECK(strlen(ppb_eligibility_reason_message(4, PPB_LANG_KK)) > 0);
  CHECK(strcmp(ppb_eligibility_reason_message(4, PPB_LANG_EN), ppb_eligibility_reason_message(4, PPB_LANG_RU)) != 0);
  CHECK_STR_EQ(ppb_eligibility_reason_message(4, 7), "");
  CHECK_STR_EQ(ppb_eligibility_reason_message(0, PPB_LANG_EN), "");

  /* A malformed IIN or time is a bad argument, not a verdict. */
  CHECK_STATUS(ppb_roll_check(r, d, "850314301012", "kosshy-center", voting, &v), PPB_ERR_INVALID_ARGUMENT);
  CHECK(v == NULL);
  CHECK_STR_EQ(ppb_last_error(),
               "[ppb.usage_error.200] iin '850314301012' is not a valid IIN: check_digit_mismatch");
  CHECK_STATUS(ppb_roll_check(r, d, "850314301011", "kosshy-center", "2026-04-20 10:00", &v),
               PPB_ERR_INVALID_ARGUMENT);
  CHECK_LAST_ERROR("[ppb.usage_error.200] at '2026-04-20 10:00' is not a UTC timestamp", 200);
  CHECK_STATUS(ppb_roll_check(r, d, "850314301011", "kosshy-center", NULL, &v), PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_roll_check(r, d, NULL, "kosshy-center", voting, &v), PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_roll_check(r, d, "850314301011", NULL, voting, &v), PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_roll_check(r, d, "850314301011", "kosshy-center", voting, NULL), PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_roll_check(NULL, d, "850314301011", "kosshy-center", voting, &v), PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_roll_check(r, NULL, "850314301011", "kosshy-center", voting, &v), PPB_ERR_INVALID_ARGUMENT);

  CHECK_OK(ppb_roll_check(r, d, "850314301011", "kosshy-center", voting, &v));
  CHECK_STATUS(ppb_eligibility_verdict_eligible(v, NULL), PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_eligibility_verdict_failure_count(v, NULL), PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_eligibility_verdict_failure(v, 0, &i32, &s), PPB_ERR_INVALID_ARGUMENT);
  CHECK_LAST_ERROR("[ppb.usage_error.200] failure index 0 is out of range (0)", 200);
  ppb_eligibility_verdict_free(v);
  CHECK_OK(ppb_roll_check(r, d, "880505301065", "kosshy-south", voting, &v));
  CHECK_STATUS(ppb_eligibility_verdict_failure(v, 0, NULL, &s), PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_eligibility_verdict_failure(v, 0, &i32, NULL), PPB_ERR_INVALID_ARGUMENT);
  ppb_eligibility_verdict_free(v);
  CHECK_STATUS(ppb_eligibility_verdict_eligible(NULL, &i32), PPB_ERR_INVALID_ARGUMENT);
  CHECK_LAST_ERROR("[ppb.usage_error.200] verdict is NULL", 200);
  CHECK_STATUS(ppb_eligibility_verdict_failure_count(NULL, &count), PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_eligibility_verdict_failure(NULL, 0, &i32, &s), PPB_ERR_INVALID_ARGUMENT);
  ppb_eligibility_verdict_free(NULL);

  ppb_roll_free(r);
  ppb_definition_free(d);
}

/* ---- proposals --------------------------------------------------------------------------- */

/* Verdict `i` as "ID STATE" or "ID refused REASON[ REASON…]". */
static const char* verdict(const ppb_proposal_verdicts* v, size_t i) {
  static char line[256];
  const char *id = NULL, *detail = NULL;
  int32_t state = 0, reason = 0;
  size_t problems = 0, j = 0;
  CHECK_OK(ppb_proposal_verdict_id(v, i, &id));
  CHECK_OK(ppb_proposal_verdict_state(v, i, &state));
  CHECK_OK(ppb_proposal_verdict_problem_count(v, i, &problems));
  if (problems == 0) {
    snprintf(line, sizeof line, "%s %s", id, ppb_proposal_state_name(state));
    return line;
  }
  snprintf(line, sizeof line, "%s refused", id);
  for (j = 0; j < problems; ++j) {
    CHECK_OK(ppb_proposal_verdict_problem(v, i, j, &reason, &detail));
    CHECK(detail != NULL && detail[0] != '\0');
    strcat(line, " ");
    strcat(line, ppb_proposal_reason_name(reason));
  }
  CHECK_STATUS(ppb_proposal_verdict_problem(v, i, problems, &reason, &detail), PPB_ERR_INVALID_ARGUMENT);
  return line;
}

static ppb_proposal_verdicts* apply_file(ppb_registry* reg, const ppb_roll* r, const char* name, int review) {
  char path[512];
  size_t len = 0;
  char* text = NULL;
  ppb_proposal_verdicts* v = NULL;
  snprintf(path, sizeof path, "%s/%s", PPB_TEST_DATA, name);
  text = read_file(path, &len);
  if (review) CHECK_OK(ppb_registry_review(reg, text, len, &v));
  else CHECK_OK(ppb_registry_import(reg, r, text, len, &v));
  free(text);
  CHECK(v != NULL);
  return v;
}

static void proposals(void) {
  ppb_definition* d = load_definition();
  ppb_roll* r = load_roll(d);
  ppb_registry* reg = NULL;
  ppb_proposal_verdicts* v = NULL;
  size_t count = 0, len = 0;
  char* out = NULL;

  CHECK_OK(ppb_registry_new(d, &reg));
  ppb_definition_free(d); /* the registry keeps the definition's data */

  /* The small city's cycle, the same answers as `ppb proposals import`/`review` (tests/cli). */
  v = apply_file(reg, r, "proposals_small_city.json", 0);
  CHECK_OK(ppb_proposal_verdicts_count(v, &count));
  CHECK_INT_EQ(count, 10);
  CHECK_STR_EQ(verdict(v, 0), "KC-01 submitted");
  CHECK_STR_EQ(verdict(v, 2), "KC-03 refused likely_duplicate");
  CHECK_STR_EQ(verdict(v, 5), "KN-03 refused author_underage");
  CHECK_STR_EQ(verdict(v, 9), "KS-03 refused outside_submission_window author_not_active");
  {
    const char* id = NULL;
    CHECK_STATUS(ppb_proposal_verdict_id(v, 10, &id), PPB_ERR_INVALID_ARGUMENT);
  }
  CHECK_LAST_ERROR("[ppb.usage_error.200] verdict index 10 is out of range (10)", 200);
  ppb_proposal_verdicts_free(v);

  v = apply_file(reg, NULL, "reviews_small_city.json", 1);
  CHECK_OK(ppb_proposal_verdicts_count(v, &count));
  CHECK_INT_EQ(count, 19);
  CHECK_STR_EQ(verdict(v, 0), "KC-01 under_review");
  CHECK_STR_EQ(verdict(v, 2), "KC-01 approved");
  CHECK_STR_EQ(verdict(v, 5), "KC-02 returned");
  ppb_proposal_verdicts_free(v);

  /* The list as JSON, the audit trail, the ballot as .pb text read back by the .pb parser. */
  CHECK_OK(ppb_registry_list_json(reg, "kosshy-center", &out, &len));
  CHECK_INT_EQ(strlen(out), len);
  CHECK(out[0] == '[');
  CHECK_CONTAINS(out, "\"id\":\"KC-01\",\"unit\":\"kosshy-center\",\"state\":\"approved\"");
  CHECK(strstr(out, "KN-01") == NULL);
  ppb_free(out);
  CHECK_OK(ppb_registry_list_json(reg, NULL, &out, NULL));
  CHECK_CONTAINS(out, "\"KN-01\"");
  ppb_free(out);
  CHECK_OK(ppb_registry_audit_csv(reg, &out, &len));
  {
    static const char head[] =
        "seq,at,proposal,actor,from,to,reason,comment\n1,2026-02-03T06:15:00Z,KC-01,850314301011,,submitted,,\n";
    CHECK(strncmp(out, head, sizeof head - 1) == 0);
    CHECK_INT_EQ(strlen(out), len);
  }
  ppb_free(out);
  CHECK_OK(ppb_registry_export_pb(reg, "kosshy-center", &out, &len));
  {
    ppb_election* e = NULL;
    const char* id = NULL;
    int64_t cost = 0;
    CHECK_OK(ppb_election_parse(out, len, PPB_LOAD_STRICT, &e));
    CHECK_OK(ppb_election_project_count(e, &count));
    CHECK_INT_EQ(count, 1);
    CHECK_OK(ppb_election_project_id(e, 0, &id));
    CHECK_STR_EQ(id, "KC-01");
    CHECK_OK(ppb_election_project_cost(e, 0, &cost));
    CHECK_INT_EQ(cost, 11500000); /* the lower median of the council's costs */
    ppb_election_free(e);
  }
  ppb_free(out);

  /* The low-level step: a withdrawal dated before the latest transition is refused; then done. */
  CHECK_OK(ppb_registry_transition(reg, "KS-02", PPB_PROPOSAL_WITHDRAWN, "640612401094", "2026-03-01T00:00:00Z", 0,
                                   NULL, &v));
  CHECK_STR_EQ(verdict(v, 0), "KS-02 refused illegal_transition");
  ppb_proposal_verdicts_free(v);
  CHECK_OK(ppb_registry_transition(reg, "KS-02", PPB_PROPOSAL_WITHDRAWN, "640612401094", "2026-04-10T00:00:00Z", 0,
                                   "moved away", &v));
  CHECK_STR_EQ(verdict(v, 0), "KS-02 withdrawn");
  ppb_proposal_verdicts_free(v);
  CHECK_OK(ppb_registry_transition(reg, "KS-02", PPB_PROPOSAL_APPROVED, "official", "2026-04-11T00:00:00Z",
                                   59, "again", &v));
  CHECK_STR_EQ(verdict(v, 0), "KS-02 refused illegal_transition"); /* withdrawn is final */
  ppb_proposal_verdicts_free(v);
  CHECK_OK(ppb_registry_transition(reg, "nope", PPB_PROPOSAL_APPROVED, "official", "2026-04-11T00:00:00Z", 0,
                                   NULL, &v));
  {
    int32_t state = 0;
    CHECK_STR_EQ(verdict(v, 0), "nope refused unknown_proposal");
    CHECK_OK(ppb_proposal_verdict_state(v, 0, &state));
    CHECK_INT_EQ(state, -1);
  }
  ppb_proposal_verdicts_free(v);
  v = (ppb_proposal_verdicts*)&v;
  CHECK_STATUS(ppb_registry_transition(reg, "KC-01", 8, "official", "2026-04-11T00:00:00Z", 0, NULL, &v),
               PPB_ERR_INVALID_ARGUMENT);
  CHECK(v == NULL);
  CHECK_LAST_ERROR("[ppb.usage_error.200] state 8 is not a PPB_PROPOSAL_* state", 200);
  CHECK_STATUS(ppb_registry_transition(reg, "KC-01", PPB_PROPOSAL_WITHDRAWN, "official", "2026-04-11T00:00:00Z",
                                       30, NULL, &v),
               PPB_ERR_INVALID_ARGUMENT);
  CHECK_LAST_ERROR("[ppb.usage_error.200] reason 30 is not a proposal reason code", 200);
  CHECK_STATUS(ppb_registry_transition(reg, "KC-01", PPB_PROPOSAL_WITHDRAWN, "official", "yesterday", 0, NULL, &v),
               PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_registry_transition(reg, NULL, PPB_PROPOSAL_WITHDRAWN, "a", "2026-04-11T00:00:00Z", 0, NULL, &v),
               PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_registry_transition(reg, "KC-01", PPB_PROPOSAL_WITHDRAWN, NULL, "2026-04-11T00:00:00Z", 0, NULL,
                                       &v),
               PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_registry_transition(reg, "KC-01", PPB_PROPOSAL_WITHDRAWN, "a", "2026-04-11T00:00:00Z", 0, NULL,
                                       NULL),
               PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_registry_transition(NULL, "KC-01", PPB_PROPOSAL_WITHDRAWN, "a", "2026-04-11T00:00:00Z", 0, NULL,
                                       &v),
               PPB_ERR_INVALID_ARGUMENT);

  /* Documents that are not such documents: refused as a whole, nothing applied. */
  CHECK_STATUS(ppb_registry_import(reg, r, "{", 1, &v), PPB_ERR_PARSE);
  CHECK(v == NULL);
  CHECK_LAST_ERROR("[ppb.parse_error.120]", 120);
  {
    static const char wrong_format[] = "{\"format\": \"ppb/reviews/v1\", \"proposals\": []}";
    static const char bad_date[] =
        "{\"format\": \"ppb/reviews/v1\", \"reviews\": [{\"proposal\": \"KC-01\", \"reviewer\": \"expert-aliya\", "
        "\"decision\": \"approve\", \"at\": \"2026-02-30T00:00:00Z\"}]}";
    CHECK_STATUS(ppb_registry_import(reg, r, wrong_format, sizeof wrong_format - 1, &v), PPB_ERR_PARSE);
    CHECK_CONTAINS(ppb_last_error(), "/format");
    CHECK_STATUS(ppb_registry_review(reg, bad_date, sizeof bad_date - 1, &v), PPB_ERR_PARSE);
    CHECK_LAST_ERROR("[ppb.parse_error.123]", 123);
    CHECK_STATUS(ppb_registry_review(reg, "[]", 2, &v), PPB_ERR_PARSE);
  }
  CHECK_STATUS(ppb_registry_import(reg, r, NULL, 4, &v), PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_registry_import(reg, r, "{}", 2, NULL), PPB_ERR_INVALID_ARGUMENT);
  CHECK_LAST_ERROR("[ppb.usage_error.200] out_verdicts is NULL", 200);
  CHECK_STATUS(ppb_registry_import(NULL, r, "{}", 2, &v), PPB_ERR_INVALID_ARGUMENT);
  CHECK_LAST_ERROR("[ppb.usage_error.200] registry is NULL", 200);
  CHECK_STATUS(ppb_registry_review(reg, NULL, 4, &v), PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_registry_review(reg, "{}", 2, NULL), PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_registry_review(NULL, "{}", 2, &v), PPB_ERR_INVALID_ARGUMENT);

  /* Export of a unit without a ballot; NULL arguments of the text outputs. */
  out = (char*)&out;
  CHECK_STATUS(ppb_registry_export_pb(reg, "kosshy-north-akzhol", &out, &len), PPB_ERR_INVALID_ARGUMENT);
  CHECK(out == NULL);
  CHECK_CONTAINS(ppb_last_error(), "kosshy-north-akzhol");
  CHECK_STATUS(ppb_registry_export_pb(reg, "atlantis", &out, &len), PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_registry_export_pb(reg, NULL, &out, &len), PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_registry_export_pb(reg, "kosshy", NULL, &len), PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_registry_export_pb(NULL, "kosshy", &out, &len), PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_registry_list_json(reg, NULL, NULL, &len), PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_registry_list_json(NULL, NULL, &out, &len), PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_registry_audit_csv(reg, NULL, &len), PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_registry_audit_csv(NULL, &out, &len), PPB_ERR_INVALID_ARGUMENT);
  {
    ppb_registry* none = (ppb_registry*)&none;
    CHECK_STATUS(ppb_registry_new(NULL, &none), PPB_ERR_INVALID_ARGUMENT);
    CHECK(none == NULL);
    CHECK_LAST_ERROR("[ppb.usage_error.200] definition is NULL", 200);
  }

  /* Verdict accessors' NULLs. */
  CHECK_STATUS(ppb_proposal_verdicts_count(NULL, &count), PPB_ERR_INVALID_ARGUMENT);
  CHECK_LAST_ERROR("[ppb.usage_error.200] verdicts is NULL", 200);
  CHECK_STATUS(ppb_proposal_verdict_id(NULL, 0, (const char**)&out), PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_proposal_verdict_state(NULL, 0, (int32_t*)&count), PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_proposal_verdict_problem_count(NULL, 0, &count), PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_proposal_verdict_problem(NULL, 0, 0, (int32_t*)&count, (const char**)&out),
               PPB_ERR_INVALID_ARGUMENT);
  ppb_proposal_verdicts_free(NULL);
  ppb_registry_free(NULL);
  ppb_registry_free(reg);
  ppb_roll_free(r);
}

static void proposal_names(void) {
  ppb_definition* d = load_definition();
  ppb_registry* reg = NULL;
  ppb_proposal_verdicts* v = NULL;
  const char* s = NULL;
  int32_t i32 = 0;
  size_t count = 0;
  /* One submission, and a second one by the same author (limit 1): a verdict, PPB_OK. */
  static const char one[] =
      "{\"format\": \"ppb/proposals/v1\", \"proposals\": [{\"author\": \"850314301011\", \"unit\": \"kosshy-center\", "
      "\"title\": \"Bench\", \"description\": \"d\", \"address\": \"a\", \"category\": \"improvement\", \"cost\": 2000000, "
      "\"at\": \"2026-02-03T06:15:00Z\"}, {\"author\": \"850314301011\", \"unit\": \"kosshy-center\", "
      "\"title\": \"Tree\", \"description\": \"d\", \"address\": \"b\", \"category\": \"greening\", \"cost\": 99000000, "
      "\"at\": \"2026-02-03T06:15:00Z\"}]}";
  CHECK_OK(ppb_registry_new(d, &reg));
  CHECK_OK(ppb_registry_import(reg, NULL, one, sizeof one - 1, &v));
  CHECK_OK(ppb_proposal_verdicts_count(v, &count));
  CHECK_INT_EQ(count, 2);
  CHECK_STR_EQ(verdict(v, 0), "P0001 submitted"); /* an id is assigned */
  CHECK_STR_EQ(verdict(v, 1), " refused author_limit_reached cost_above_cap");
  CHECK_OK(ppb_proposal_verdict_state(v, 1, &i32));
  CHECK_INT_EQ(i32, -1);
  CHECK_STATUS(ppb_proposal_verdict_id(v, 0, NULL), PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_proposal_verdict_state(v, 0, NULL), PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_proposal_verdict_problem_count(v, 0, NULL), PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_proposal_verdict_problem(v, 1, 0, NULL, &s), PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_proposal_verdict_problem(v, 1, 0, &i32, NULL), PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_proposal_verdicts_count(v, NULL), PPB_ERR_INVALID_ARGUMENT);
  ppb_proposal_verdicts_free(v);
  CHECK_STATUS(ppb_registry_new(d, NULL), PPB_ERR_INVALID_ARGUMENT);
  CHECK_LAST_ERROR("[ppb.usage_error.200] out_registry is NULL", 200);
  ppb_registry_free(reg);
  ppb_definition_free(d);

  CHECK_STR_EQ(ppb_proposal_state_name(PPB_PROPOSAL_SUBMITTED), "submitted");
  CHECK_STR_EQ(ppb_proposal_state_name(PPB_PROPOSAL_UNDER_REVIEW), "under_review");
  CHECK_STR_EQ(ppb_proposal_state_name(PPB_PROPOSAL_APPROVED), "approved");
  CHECK_STR_EQ(ppb_proposal_state_name(PPB_PROPOSAL_RETURNED), "returned");
  CHECK_STR_EQ(ppb_proposal_state_name(PPB_PROPOSAL_RESUBMITTED), "resubmitted");
  CHECK_STR_EQ(ppb_proposal_state_name(PPB_PROPOSAL_REJECTED), "rejected");
  CHECK_STR_EQ(ppb_proposal_state_name(PPB_PROPOSAL_WITHDRAWN), "withdrawn");
  CHECK_STR_EQ(ppb_proposal_state_name(PPB_PROPOSAL_MERGED), "merged");
  CHECK_STR_EQ(ppb_proposal_state_name(8), "unknown");
  CHECK_STR_EQ(ppb_proposal_state_name(-1), "unknown");
  CHECK_STR_EQ(ppb_proposal_reason_name(1), "outside_submission_window");
  CHECK_STR_EQ(ppb_proposal_reason_name(42), "land_unavailable");
  CHECK_STR_EQ(ppb_proposal_reason_name(59), "other");
  CHECK_STR_EQ(ppb_proposal_reason_name(18), "unknown");
  CHECK_STR_EQ(ppb_proposal_reason_name(0), "unknown");
  CHECK(strlen(ppb_proposal_reason_message(42, PPB_LANG_KK)) > 0);
  CHECK(strcmp(ppb_proposal_reason_message(42, PPB_LANG_EN), ppb_proposal_reason_message(42, PPB_LANG_RU)) != 0);
  CHECK_STR_EQ(ppb_proposal_reason_message(42, 3), "");
  CHECK_STR_EQ(ppb_proposal_reason_message(18, PPB_LANG_EN), "");
}

static void misuse(void) {
#ifdef PPB_TEST_API_ARMOR
  /* Handles of another type are refused with PPB_ERR_MISUSE, and freeing one through the wrong
   * _free is a no-op. */
  ppb_tally_options* opts = NULL;
  ppb_definition* d = load_definition();
  ppb_roll* r = load_roll(d);
  ppb_registry* reg = NULL;
  ppb_proposal_verdicts* v = NULL;
  ppb_eligibility_verdict* ev = NULL;
  ppb_definition_problems* p = NULL;
  const char* s = NULL;
  int32_t i32 = 0;
  int64_t i64 = 0;
  uint64_t u64 = 0;
  size_t size = 0;
  char* out = NULL;
  uint8_t id[PPB_HASH_BYTES];
  ppb_definition* wrong_d = NULL;
  ppb_roll* wrong_r = NULL;
  ppb_registry* wrong_reg = NULL;
  ppb_proposal_verdicts* wrong_v = NULL;
  ppb_eligibility_verdict* wrong_ev = NULL;
  ppb_definition_problems* wrong_p = NULL;

  CHECK_OK(ppb_tally_options_new(&opts));
  CHECK_OK(ppb_registry_new(d, &reg));
  wrong_d = (ppb_definition*)(void*)opts;
  wrong_r = (ppb_roll*)(void*)d;
  wrong_reg = (ppb_registry*)(void*)r;
  wrong_v = (ppb_proposal_verdicts*)(void*)reg;
  wrong_ev = (ppb_eligibility_verdict*)(void*)r;
  wrong_p = (ppb_definition_problems*)(void*)d;

  CHECK_STATUS(ppb_definition_id(wrong_d, id), PPB_ERR_MISUSE);
  CHECK_LAST_ERROR("[ppb.usage_error.201] definition is not a live handle of its type", 201);
  CHECK_STATUS(ppb_definition_cycle(wrong_d, &s), PPB_ERR_MISUSE);
  CHECK_STATUS(ppb_definition_money_places(wrong_d, &i32), PPB_ERR_MISUSE);
  CHECK_STATUS(ppb_definition_unit_count(wrong_d, &size), PPB_ERR_MISUSE);
  CHECK_STATUS(ppb_definition_find_unit(wrong_d, "kosshy", &i32, &size), PPB_ERR_MISUSE);
  CHECK_STATUS(ppb_definition_unit_id(wrong_d, 0, &s), PPB_ERR_MISUSE);
  CHECK_STATUS(ppb_definition_unit_name(wrong_d, 0, PPB_LANG_EN, &s), PPB_ERR_MISUSE);
  CHECK_STATUS(ppb_definition_unit_parent(wrong_d, 0, &s), PPB_ERR_MISUSE);
  CHECK_STATUS(ppb_definition_unit_budget(wrong_d, 0, &i32, &i64), PPB_ERR_MISUSE);
  CHECK_STATUS(ppb_definition_problems_count(wrong_p, &size), PPB_ERR_MISUSE);
  CHECK_STATUS(ppb_definition_problem(wrong_p, 0, &s, &s), PPB_ERR_MISUSE);
  {
    ppb_registry* none = (ppb_registry*)&none;
    CHECK_STATUS(ppb_registry_new(wrong_d, &none), PPB_ERR_MISUSE);
    CHECK(none == NULL);
  }
  CHECK_STATUS(ppb_registry_import(wrong_reg, r, "{}", 2, &v), PPB_ERR_MISUSE);
  CHECK_LAST_ERROR("[ppb.usage_error.201] registry is not a live handle of its type", 201);
  CHECK_STATUS(ppb_registry_import(reg, wrong_r, "{}", 2, &v), PPB_ERR_MISUSE);
  CHECK_LAST_ERROR("[ppb.usage_error.201] roll is not a live handle of its type", 201);
  CHECK_STATUS(ppb_registry_review(wrong_reg, "{}", 2, &v), PPB_ERR_MISUSE);
  CHECK_STATUS(ppb_registry_transition(wrong_reg, "a", 0, "a", "2026-04-11T00:00:00Z", 0, NULL, &v),
               PPB_ERR_MISUSE);
  CHECK_STATUS(ppb_registry_list_json(wrong_reg, NULL, &out, &size), PPB_ERR_MISUSE);
  CHECK_STATUS(ppb_registry_audit_csv(wrong_reg, &out, &size), PPB_ERR_MISUSE);
  CHECK_STATUS(ppb_registry_export_pb(wrong_reg, "kosshy", &out, &size), PPB_ERR_MISUSE);
  CHECK_STATUS(ppb_proposal_verdicts_count(wrong_v, &size), PPB_ERR_MISUSE);
  CHECK_STATUS(ppb_proposal_verdict_id(wrong_v, 0, &s), PPB_ERR_MISUSE);
  CHECK_STATUS(ppb_proposal_verdict_state(wrong_v, 0, &i32), PPB_ERR_MISUSE);
  CHECK_STATUS(ppb_proposal_verdict_problem_count(wrong_v, 0, &size), PPB_ERR_MISUSE);
  CHECK_STATUS(ppb_proposal_verdict_problem(wrong_v, 0, 0, &i32, &s), PPB_ERR_MISUSE);
  {
    ppb_roll* none = (ppb_roll*)&none;
    CHECK_STATUS(ppb_roll_parse("iin\n", 4, wrong_d, &none), PPB_ERR_MISUSE);
    CHECK(none == NULL);
    none = (ppb_roll*)&none;
    CHECK_STATUS(ppb_roll_load_file(ROLL_FILE, wrong_d, &none), PPB_ERR_MISUSE);
    CHECK(none == NULL);
  }
  CHECK_STATUS(ppb_roll_voter_count(wrong_r, &size), PPB_ERR_MISUSE);
  CHECK_STATUS(ppb_roll_row_count(wrong_r, &u64), PPB_ERR_MISUSE);
  CHECK_STATUS(ppb_roll_bad_row_count(wrong_r, &u64), PPB_ERR_MISUSE);
  CHECK_STATUS(ppb_roll_error_count(wrong_r, &size), PPB_ERR_MISUSE);
  CHECK_STATUS(ppb_roll_error(wrong_r, 0, &u64, &i32, &s), PPB_ERR_MISUSE);
  CHECK_STATUS(ppb_roll_check(wrong_r, d, "850314301011", "kosshy", "2026-04-20T10:00:00Z", &ev), PPB_ERR_MISUSE);
  CHECK(ev == NULL);
  CHECK_STATUS(ppb_roll_check(r, wrong_d, "850314301011", "kosshy", "2026-04-20T10:00:00Z", &ev), PPB_ERR_MISUSE);
  CHECK_STATUS(ppb_eligibility_verdict_eligible(wrong_ev, &i32), PPB_ERR_MISUSE);
  CHECK_LAST_ERROR("[ppb.usage_error.201] verdict is not a live handle of its type", 201);
  CHECK_STATUS(ppb_eligibility_verdict_failure_count(wrong_ev, &size), PPB_ERR_MISUSE);
  CHECK_STATUS(ppb_eligibility_verdict_failure(wrong_ev, 0, &i32, &s), PPB_ERR_MISUSE);

  /* Freeing through the wrong _free is ignored: every handle is still alive afterwards. */
  ppb_definition_free(wrong_d);
  ppb_roll_free(wrong_r);
  ppb_registry_free(wrong_reg);
  ppb_proposal_verdicts_free(wrong_v);
  ppb_eligibility_verdict_free(wrong_ev);
  ppb_definition_problems_free(wrong_p);
  CHECK_OK(ppb_tally_options_set(opts, "rule", "greedy-cost"));
  CHECK_OK(ppb_definition_unit_count(d, &size));
  CHECK_OK(ppb_roll_voter_count(r, &size));
  CHECK_OK(ppb_registry_list_json(reg, NULL, &out, &size));
  CHECK_STR_EQ(out, "[]");
  ppb_free(out);
  (void)p;
  (void)v;
  ppb_registry_free(reg);
  ppb_roll_free(r);
  ppb_definition_free(d);
  ppb_tally_options_free(opts);
#else
  printf("definition: PPB_API_ARMOR is off; misuse checks skipped\n");
#endif
}

int main(void) {
  definition_inspect();
  definition_parse();
  iin();
  roll();
  check_voters();
  proposals();
  proposal_names();
  misuse();
  CHECK_DONE("definition");
}
