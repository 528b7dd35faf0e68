/* Tallying through the C ABI: options, rules, outcomes, JSON and explanations; every error path. */
#include "check.h"

static const char small[] =
    "META\nkey;value\ndescription;Small test\ncurrency;KZT\nbudget;10\nvote_type;approval\nmax_length;1\n"
    "PROJECTS\nproject_id;cost;name\na;6;Park\nb;5;Library\nc;4;Bench\n"
    "VOTES\nvoter_id;vote\n1;a\n2;a\n3;b\n4;c,b\n";

/* `ppb tally small.pb --json` (the known answer: a and b tie on 2 votes, the cheaper b goes first,
 * then a no longer fits and c does). */
static const char expected_json[] =
    "{\"rule\":\"greedy\",\"satisfaction\":\"points\",\"tie_break\":\"min-cost,max-votes,file-order\","
    "\"money_places\":0,\"budget\":10,\"spent\":9,\"selected\":[\"b\",\"c\"],\"projects\":["
    "{\"id\":\"a\",\"name\":\"Park\",\"votes\":2,\"points\":2,\"support\":\"2\",\"cost\":6,\"status\":\"skipped\","
    "\"reason\":\"does not fit: costs 6, only 5 left\",\"rank\":2},"
    "{\"id\":\"b\",\"name\":\"Library\",\"votes\":2,\"points\":2,\"support\":\"2\",\"cost\":5,\"status\":\"funded\","
    "\"reason\":\"fits: costs 5, 5 left after\",\"rank\":1},"
    "{\"id\":\"c\",\"name\":\"Bench\",\"votes\":1,\"points\":1,\"support\":\"1\",\"cost\":4,\"status\":\"funded\","
    "\"reason\":\"fits: costs 4, 1 left after\",\"rank\":3}],"
    "\"ties\":[{\"projects\":[\"b\",\"a\"],\"support\":\"2\",\"decided_by\":[\"min-cost\"],\"changed_outcome\":true}]}";

static ppb_election* parse_small(void) {
  ppb_election* e = NULL;
  CHECK_OK(ppb_election_parse(small, sizeof small - 1, PPB_LOAD_DEFAULT, &e));
  return e;
}

/* The ids of the funded projects, in selection order, joined by ','. */
static void selected_ids(const ppb_election* e, const ppb_outcome* o, char* buf, size_t size) {
  size_t count = 0, i = 0, p = 0;
  const char* id = NULL;
  buf[0] = '\0';
  CHECK_OK(ppb_outcome_selected_count(o, &count));
  for (i = 0; i < count; ++i) {
    CHECK_OK(ppb_outcome_selected(o, i, &p));
    CHECK_OK(ppb_election_project_id(e, p, &id));
    if (i > 0) strncat(buf, ",", size - strlen(buf) - 1);
    strncat(buf, id, size - strlen(buf) - 1);
  }
}

static void default_tally(void) {
  ppb_election* e = parse_small();
  ppb_outcome* o = NULL;
  char* json = NULL;
  size_t len = 0, count = 0;
  int64_t spent = 0;
  int32_t status = -1;
  uint64_t votes = 0;
  uint32_t rank = 0;
  const char* s = NULL;
  char ids[64];

  CHECK_OK(ppb_tally_run(e, NULL, &o)); /* NULL options: the defaults */
  CHECK(o != NULL);
  CHECK_OK(ppb_outcome_to_json(o, PPB_JSON_DEFAULT, &json, &len));
  CHECK_STR_EQ(json, expected_json);
  CHECK_INT_EQ(len, strlen(expected_json));
  ppb_free(json);
  CHECK_OK(ppb_outcome_to_json(o, PPB_JSON_TRACE, &json, NULL)); /* out_len may be NULL */
  CHECK_CONTAINS(json, "\"trace\":[{\"round\":1,\"project\":\"b\",\"action\":\"funded\",\"budget_left\":5");
  ppb_free(json);

  CHECK_OK(ppb_outcome_rule(o, &s));
  CHECK_STR_EQ(s, "greedy");
  CHECK_OK(ppb_outcome_spent(o, &spent));
  CHECK_INT_EQ(spent, 9);
  selected_ids(e, o, ids, sizeof ids);
  CHECK_STR_EQ(ids, "b,c");
  CHECK_OK(ppb_outcome_tie_count(o, &count));
  CHECK_INT_EQ(count, 1);

  /* Explanations: project a (index 0) was skipped, b funded first. */
  CHECK_OK(ppb_outcome_project_status(o, 0, &status));
  CHECK_INT_EQ(status, PPB_PROJECT_SKIPPED);
  CHECK_OK(ppb_outcome_project_reason(o, 0, &s));
  CHECK_STR_EQ(s, "does not fit: costs 6, only 5 left");
  CHECK_OK(ppb_outcome_project_votes(o, 0, &votes));
  CHECK_INT_EQ(votes, 2);
  CHECK_OK(ppb_outcome_project_rank(o, 0, &rank));
  CHECK_INT_EQ(rank, 2);
  CHECK_OK(ppb_outcome_project_status(o, 1, &status));
  CHECK_INT_EQ(status, PPB_PROJECT_FUNDED);
  CHECK_OK(ppb_outcome_project_rank(o, 1, &rank));
  CHECK_INT_EQ(rank, 1);

  /* Out of range. */
  CHECK_STATUS(ppb_outcome_selected(o, 2, &count), PPB_ERR_INVALID_ARGUMENT);
  CHECK_LAST_ERROR("[ppb.usage_error.200] selection index 2 is out of range (2 funded)", 200);
  CHECK_STATUS(ppb_outcome_project_status(o, 3, &status), PPB_ERR_INVALID_ARGUMENT);
  CHECK_LAST_ERROR("[ppb.usage_error.200] project index 3 is out of range (3 projects)", 200);
  CHECK_STATUS(ppb_outcome_project_reason(o, 3, &s), PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_outcome_project_votes(o, 3, &votes), PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_outcome_project_rank(o, 3, &rank), PPB_ERR_INVALID_ARGUMENT);

  /* NULL outputs. */
  json = (char*)&json;
  CHECK_STATUS(ppb_outcome_to_json(o, PPB_JSON_DEFAULT, NULL, &len), PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_outcome_to_json(o, 2U, &json, &len), PPB_ERR_INVALID_ARGUMENT);
  CHECK_LAST_ERROR("[ppb.usage_error.200] unknown JSON flags 2", 200);
  CHECK(json == NULL);
  CHECK_STATUS(ppb_outcome_rule(o, NULL), PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_outcome_spent(o, NULL), PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_outcome_selected_count(o, NULL), PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_outcome_selected(o, 0, NULL), PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_outcome_tie_count(o, NULL), PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_outcome_project_status(o, 0, NULL), PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_outcome_project_reason(o, 0, NULL), PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_outcome_project_votes(o, 0, NULL), PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_outcome_project_rank(o, 0, NULL), PPB_ERR_INVALID_ARGUMENT);

  /* NULL handles. */
  CHECK_STATUS(ppb_outcome_to_json(NULL, PPB_JSON_DEFAULT, &json, &len), PPB_ERR_INVALID_ARGUMENT);
  CHECK_LAST_ERROR("[ppb.usage_error.200] outcome is NULL", 200);
  CHECK_STATUS(ppb_outcome_rule(NULL, &s), PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_outcome_spent(NULL, &spent), PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_outcome_selected_count(NULL, &count), PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_outcome_selected(NULL, 0, &count), PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_outcome_tie_count(NULL, &count), PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_outcome_project_status(NULL, 0, &status), PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_outcome_project_reason(NULL, 0, &s), PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_outcome_project_votes(NULL, 0, &votes), PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_outcome_project_rank(NULL, 0, &rank), PPB_ERR_INVALID_ARGUMENT);

  /* The outcome holds its own reference to the election's data: free the election first. */
  ppb_election_free(e);
  CHECK_OK(ppb_outcome_to_json(o, PPB_JSON_DEFAULT, &json, NULL));
  CHECK_STR_EQ(json, expected_json);
  ppb_free(json);
  CHECK_OK(ppb_outcome_project_reason(o, 2, &s));
  CHECK_STR_EQ(s, "fits: costs 4, 1 left after");
  ppb_outcome_free(o);
}

/* Tallies `small` with options set as key/value pairs (NULL-terminated list) and returns the
 * funded ids. */
static void tally_with(const char* const* kv, char* ids, size_t size) {
  ppb_election* e = parse_small();
  ppb_tally_options* opts = NULL;
  ppb_outcome* o = NULL;
  CHECK_OK(ppb_tally_options_new(&opts));
  for (; kv[0] != NULL; kv += 2) CHECK_OK(ppb_tally_options_set(opts, kv[0], kv[1]));
  CHECK_OK(ppb_tally_run(e, opts, &o));
  selected_ids(e, o, ids, size);
  ppb_outcome_free(o);
  ppb_tally_options_free(opts);
  ppb_election_free(e);
}

static void options(void) {
  char ids[64], other[64];
  {
    const char* const kv[] = {"tie-break", "file-order", NULL};
    tally_with(kv, ids, sizeof ids);
    CHECK_STR_EQ(ids, "a,c");
  }
  {
    const char* const kv[] = {"rule", "greedy-cost", NULL};
    tally_with(kv, ids, sizeof ids);
    CHECK_STR_EQ(ids, "b,c");
  }
  {
    const char* const kv[] = {"rule", "max-welfare", NULL};
    tally_with(kv, ids, sizeof ids);
    CHECK_STR_EQ(ids, "b,c"); /* welfare 3, as {a,c}; the default tie-break prefers the cheaper b */
  }
  {
    const char* const kv[] = {"rule", "phragmen", NULL};
    tally_with(kv, ids, sizeof ids);
    CHECK(ids[0] != '\0');
  }
  {
    const char* const kv[] = {"satisfaction", "cost", "comparison", "false", "completion", "none", NULL};
    tally_with(kv, ids, sizeof ids);
    CHECK_STR_EQ(ids, "b,c");
  }
  {
    /* Method of Equal Shares: each of the 4 voters holds 10/4; only b's two supporters can pay. */
    const char* const kv[] = {"rule", "mes", NULL};
    tally_with(kv, ids, sizeof ids);
    CHECK_STR_EQ(ids, "b");
  }
  {
    const char* const kv[] = {"rule", "mes", "completion", "add1+greedy", "comparison", "1", NULL};
    tally_with(kv, ids, sizeof ids);
    CHECK_STR_EQ(ids, "b,c");
  }
  {
    /* "seed" and "tie-break" may come in either order. */
    const char* const a[] = {"tie-break", "lot", "seed", "7", NULL};
    const char* const b[] = {"seed", "7", "tie-break", "lot", NULL};
    tally_with(a, ids, sizeof ids);
    tally_with(b, other, sizeof other);
    CHECK_STR_EQ(ids, other);
  }
  {
    /* A node limit of 0 means none: max-welfare proves its allocation optimal. */
    const char* const kv[] = {"rule", "max-welfare", "node-limit", "0", NULL};
    tally_with(kv, ids, sizeof ids);
    CHECK_STR_EQ(ids, "b,c");
  }
}

static void option_errors(void) {
  ppb_tally_options* opts = (ppb_tally_options*)&opts;
  ppb_election* e = parse_small();
  ppb_outcome* o = (ppb_outcome*)&o;
  char* json = NULL;

  CHECK_STATUS(ppb_tally_options_new(NULL), PPB_ERR_INVALID_ARGUMENT);
  CHECK_LAST_ERROR("[ppb.usage_error.200] out_options is NULL", 200);
  CHECK_OK(ppb_tally_options_new(&opts));

  CHECK_STATUS(ppb_tally_options_set(opts, "frobnicate", "1"), PPB_ERR_INVALID_ARGUMENT);
  CHECK_LAST_ERROR("[ppb.usage_error.200] unknown tally option 'frobnicate' (known: rule, satisfaction,", 200);
  CHECK_STATUS(ppb_tally_options_set(opts, "rule", "dictator"), PPB_ERR_INVALID_ARGUMENT);
  CHECK_LAST_ERROR("[ppb.usage_error.200] unknown rule 'dictator' (known: greedy, greedy-cost,", 200);
  CHECK_STATUS(ppb_tally_options_set(opts, "satisfaction", "joy"), PPB_ERR_INVALID_ARGUMENT);
  CHECK_LAST_ERROR("[ppb.usage_error.200]", 200);
  CHECK_STATUS(ppb_tally_options_set(opts, "tie-break", "coin"), PPB_ERR_INVALID_ARGUMENT);
  CHECK_LAST_ERROR("[ppb.usage_error.200] unknown tie-break 'coin'", 200);
  CHECK_STATUS(ppb_tally_options_set(opts, "seed", "-1"), PPB_ERR_INVALID_ARGUMENT);
  CHECK_LAST_ERROR("[ppb.usage_error.200] seed '-1' is not a non-negative whole number", 200);
  CHECK_STATUS(ppb_tally_options_set(opts, "seed", ""), PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_tally_options_set(opts, "seed", "12x"), PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_tally_options_set(opts, "seed", "99999999999999999999999"), PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_tally_options_set(opts, "completion", ""), PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_tally_options_set(opts, "comparison", "maybe"), PPB_ERR_INVALID_ARGUMENT);
  CHECK_LAST_ERROR("[ppb.usage_error.200] comparison takes 1, true, 0 or false, not 'maybe'", 200);
  CHECK_STATUS(ppb_tally_options_set(NULL, "rule", "greedy"), PPB_ERR_INVALID_ARGUMENT);
  CHECK_LAST_ERROR("[ppb.usage_error.200] options is NULL", 200);
  CHECK_STATUS(ppb_tally_options_set(opts, NULL, "greedy"), PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_tally_options_set(opts, "rule", NULL), PPB_ERR_INVALID_ARGUMENT);

  /* None of the refused values changed the options: still the defaults. */
  CHECK_OK(ppb_tally_run(e, opts, &o));
  CHECK_OK(ppb_outcome_to_json(o, PPB_JSON_DEFAULT, &json, NULL));
  CHECK_STR_EQ(json, expected_json);
  ppb_free(json);
  ppb_outcome_free(o);

  /* A rule that does not take a given option is refused when it runs. */
  CHECK_OK(ppb_tally_options_set(opts, "rule", "phragmen"));
  CHECK_OK(ppb_tally_options_set(opts, "satisfaction", "cost"));
  o = (ppb_outcome*)&o;
  CHECK_STATUS(ppb_tally_run(e, opts, &o), PPB_ERR_INVALID_ARGUMENT);
  CHECK(o == NULL);
  CHECK_LAST_ERROR("[ppb.usage_error.200] phragmen takes no satisfaction", 200);
  /* Completion and comparison go with MES only; MES checks the completion's name. */
  ppb_tally_options_free(opts);
  CHECK_OK(ppb_tally_options_new(&opts));
  CHECK_OK(ppb_tally_options_set(opts, "completion", "add1"));
  CHECK_STATUS(ppb_tally_run(e, opts, &o), PPB_ERR_INVALID_ARGUMENT);
  CHECK_LAST_ERROR("[ppb.usage_error.200] completion and comparison go with rule mes, not greedy", 200);
  CHECK_OK(ppb_tally_options_set(opts, "rule", "mes"));
  CHECK_OK(ppb_tally_options_set(opts, "completion", "bogus"));
  CHECK_STATUS(ppb_tally_run(e, opts, &o), PPB_ERR_INVALID_ARGUMENT);
  CHECK_LAST_ERROR("[ppb.usage_error.200] unknown completion 'bogus'", 200);
  /* A seed without a lot, or a node limit without max-welfare, would decide nothing: refused. */
  ppb_tally_options_free(opts);
  CHECK_OK(ppb_tally_options_new(&opts));
  CHECK_OK(ppb_tally_options_set(opts, "seed", "7"));
  CHECK_STATUS(ppb_tally_run(e, opts, &o), PPB_ERR_INVALID_ARGUMENT);
  CHECK_LAST_ERROR("[ppb.usage_error.200] seed goes with the tie-break lot; the tie-break min-cost,max-votes,file-order draws no lots", 200);
  CHECK_OK(ppb_tally_options_set(opts, "tie-break", "lot"));
  CHECK_OK(ppb_tally_run(e, opts, &o));
  ppb_outcome_free(o);
  CHECK_OK(ppb_tally_options_set(opts, "node-limit", "1000"));
  CHECK_STATUS(ppb_tally_run(e, opts, &o), PPB_ERR_INVALID_ARGUMENT);
  CHECK_LAST_ERROR("[ppb.usage_error.200] node-limit goes with the rule max-welfare", 200);
  CHECK_STATUS(ppb_tally_options_set(opts, "node-limit", "-3"), PPB_ERR_INVALID_ARGUMENT);
  CHECK_LAST_ERROR("[ppb.usage_error.200] node-limit '-3' is not a non-negative whole number", 200);
  /* `meta` needs a META rule, which this file lacks. */
  ppb_tally_options_free(opts);
  CHECK_OK(ppb_tally_options_new(&opts));
  CHECK_OK(ppb_tally_options_set(opts, "rule", "meta"));
  CHECK_STATUS(ppb_tally_run(e, opts, &o), PPB_ERR_INVALID_ARGUMENT);
  CHECK_LAST_ERROR("[ppb.usage_error.200] the file names no rule", 200);

  CHECK_STATUS(ppb_tally_run(NULL, opts, &o), PPB_ERR_INVALID_ARGUMENT);
  CHECK_LAST_ERROR("[ppb.usage_error.200] election is NULL", 200);
  CHECK_STATUS(ppb_tally_run(e, opts, NULL), PPB_ERR_INVALID_ARGUMENT);
  CHECK_LAST_ERROR("[ppb.usage_error.200] out_outcome is NULL", 200);

#ifdef PPB_TEST_API_ARMOR
  {
    /* Handles of the wrong type are refused and not freed. */
    ppb_outcome* good = NULL;
    size_t count = 0;
    CHECK_OK(ppb_tally_run(e, NULL, &good));
    CHECK_STATUS(ppb_tally_run(e, (const ppb_tally_options*)(const void*)e, &o), PPB_ERR_MISUSE);
    CHECK_LAST_ERROR("[ppb.usage_error.201] options is not a live handle of its type", 201);
    CHECK_STATUS(ppb_tally_run((const ppb_election*)(const void*)good, NULL, &o), PPB_ERR_MISUSE);
    CHECK_STATUS(ppb_tally_options_set((ppb_tally_options*)(void*)good, "rule", "greedy"), PPB_ERR_MISUSE);
    {
      const ppb_outcome* wrong = (const ppb_outcome*)(const void*)opts;
      char* text = NULL;
      const char* s = NULL;
      int64_t i64 = 0;
      int32_t i32 = 0;
      uint64_t u64 = 0;
      uint32_t u32 = 0;
      CHECK_STATUS(ppb_outcome_tie_count(wrong, &count), PPB_ERR_MISUSE);
      CHECK_LAST_ERROR("[ppb.usage_error.201] outcome is not a live handle of its type", 201);
      CHECK_STATUS(ppb_outcome_to_json(wrong, PPB_JSON_DEFAULT, &text, NULL), PPB_ERR_MISUSE);
      CHECK(text == NULL);
      CHECK_STATUS(ppb_outcome_rule(wrong, &s), PPB_ERR_MISUSE);
      CHECK_STATUS(ppb_outcome_spent(wrong, &i64), PPB_ERR_MISUSE);
      CHECK_STATUS(ppb_outcome_selected_count(wrong, &count), PPB_ERR_MISUSE);
      CHECK_STATUS(ppb_outcome_selected(wrong, 0, &count), PPB_ERR_MISUSE);
      CHECK_STATUS(ppb_outcome_project_status(wrong, 0, &i32), PPB_ERR_MISUSE);
      CHECK_STATUS(ppb_outcome_project_reason(wrong, 0, &s), PPB_ERR_MISUSE);
      CHECK_STATUS(ppb_outcome_project_votes(wrong, 0, &u64), PPB_ERR_MISUSE);
      CHECK_STATUS(ppb_outcome_project_rank(wrong, 0, &u32), PPB_ERR_MISUSE);
    }
    ppb_outcome_free((ppb_outcome*)(void*)opts);
    ppb_tally_options_free((ppb_tally_options*)(void*)good);
    CHECK_OK(ppb_outcome_tie_count(good, &count));
    ppb_outcome_free(good);
  }
#endif
  ppb_tally_options_free(opts);
  ppb_election_free(e);
}

/* A real file: the funded projects spend what `ppb tally` says (examples/01_tally_greedy checks
 * the same number through the C++ API). */
static void real_file(void) {
  ppb_election* e = NULL;
  ppb_outcome* o = NULL;
  int64_t spent = 0;
  CHECK_OK(ppb_election_load_file(PPB_TEST_DATA "/czestochowa_2024_bleszno.pb", PPB_LOAD_DEFAULT, &e));
  CHECK_OK(ppb_tally_run(e, NULL, &o));
  CHECK_OK(ppb_outcome_spent(o, &spent));
  CHECK_INT_EQ(spent, 328416);
  ppb_outcome_free(o);
  ppb_election_free(e);
}

int main(void) {
  default_tally();
  options();
  option_errors();
  real_file();
  CHECK_DONE("tally");
}
