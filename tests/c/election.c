/* Loading and inspecting elections through the C ABI: every function, every error path. */
#include "check.h"

/* Voter 4 lists two projects although max_length is 1: kept (and counted as a warning) unless
 * loaded with PPB_LOAD_STRICT. */
static const char small[] =
    "META\nkey;value\ndescription;Small test\ncurrency;KZT\nbudget;10\nvote_type;approval\nmax_length;1\n"
    "PROJECTS\nproject_id;cost;name\na;6;Park\nb;5;Library\nc;4;Bench\n"
    "VOTES\nvoter_id;vote\n1;a\n2;a\n3;b\n4;c,b\n";

static ppb_election* parse_small(void) {
  ppb_election* e = NULL;
  CHECK_OK(ppb_election_parse(small, sizeof small - 1, PPB_LOAD_DEFAULT, &e));
  CHECK(e != NULL);
  return e;
}

static void inspect(void) {
  ppb_election* e = parse_small();
  int64_t budget = 0, cost = 0;
  int32_t places = -1, found = -1;
  uint64_t voters = 0;
  size_t count = 0, index = 99;
  const char* s = NULL;

  CHECK_OK(ppb_election_budget(e, &budget));
  CHECK_INT_EQ(budget, 10);
  CHECK_OK(ppb_election_money_places(e, &places));
  CHECK_INT_EQ(places, 0);
  CHECK_OK(ppb_election_vote_type(e, &s));
  CHECK_STR_EQ(s, "approval");
  CHECK_OK(ppb_election_voter_count(e, &voters));
  CHECK_INT_EQ(voters, 4);
  CHECK_OK(ppb_election_project_count(e, &count));
  CHECK_INT_EQ(count, 3);
  CHECK_OK(ppb_election_warning_count(e, &count));
  CHECK_INT_EQ(count, 1);
  CHECK_OK(ppb_election_meta(e, "description", &s));
  CHECK_STR_EQ(s, "Small test");
  CHECK_OK(ppb_election_meta(e, "no such key", &s));
  CHECK(s == NULL);
  CHECK_OK(ppb_election_project_id(e, 1, &s));
  CHECK_STR_EQ(s, "b");
  CHECK_OK(ppb_election_project_name(e, 1, &s));
  CHECK_STR_EQ(s, "Library");
  CHECK_OK(ppb_election_project_cost(e, 1, &cost));
  CHECK_INT_EQ(cost, 5);
  CHECK_OK(ppb_election_find_project(e, "c", &found, &index));
  CHECK_INT_EQ(found, 1);
  CHECK_INT_EQ(index, 2);
  index = 99;
  CHECK_OK(ppb_election_find_project(e, "zz", &found, &index));
  CHECK_INT_EQ(found, 0);
  CHECK_INT_EQ(index, 99); /* untouched when not found */

  /* Index out of range. */
  CHECK_STATUS(ppb_election_project_id(e, 3, &s), PPB_ERR_INVALID_ARGUMENT);
  CHECK_LAST_ERROR("[ppb.usage_error.200] project index 3 is out of range (3 projects)", 200);
  CHECK_STATUS(ppb_election_project_name(e, 3, &s), PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_election_project_cost(e, (size_t)-1, &cost), PPB_ERR_INVALID_ARGUMENT);

  /* NULL outputs. */
  CHECK_STATUS(ppb_election_budget(e, NULL), PPB_ERR_INVALID_ARGUMENT);
  CHECK_LAST_ERROR("[ppb.usage_error.200] out_budget is NULL", 200);
  CHECK_STATUS(ppb_election_money_places(e, NULL), PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_election_vote_type(e, NULL), PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_election_voter_count(e, NULL), PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_election_project_count(e, NULL), PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_election_warning_count(e, NULL), PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_election_meta(e, "budget", NULL), PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_election_meta(e, NULL, &s), PPB_ERR_INVALID_ARGUMENT);
  CHECK_LAST_ERROR("[ppb.usage_error.200] key is NULL", 200);
  CHECK_STATUS(ppb_election_project_id(e, 0, NULL), PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_election_project_name(e, 0, NULL), PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_election_project_cost(e, 0, NULL), PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_election_find_project(e, NULL, &found, &index), PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_election_find_project(e, "a", NULL, &index), PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_election_find_project(e, "a", &found, NULL), PPB_ERR_INVALID_ARGUMENT);

  /* NULL handle. */
  CHECK_STATUS(ppb_election_budget(NULL, &budget), PPB_ERR_INVALID_ARGUMENT);
  CHECK_LAST_ERROR("[ppb.usage_error.200] election is NULL", 200);
  CHECK_STATUS(ppb_election_money_places(NULL, &places), PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_election_vote_type(NULL, &s), PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_election_voter_count(NULL, &voters), PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_election_project_count(NULL, &count), PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_election_warning_count(NULL, &count), PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_election_meta(NULL, "budget", &s), PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_election_project_id(NULL, 0, &s), PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_election_project_name(NULL, 0, &s), PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_election_project_cost(NULL, 0, &cost), PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_election_find_project(NULL, "a", &found, &index), PPB_ERR_INVALID_ARGUMENT);

  ppb_election_free(e);
}

static void parse_errors(void) {
  ppb_election* e = (ppb_election*)&e; /* must be reset to NULL on failure */
  static const char unknown_project[] =
      "META\nkey;value\nbudget;10\nvote_type;approval\nPROJECTS\nproject_id;cost\na;5\nVOTES\nvoter_id;vote\n1;zz\n";

  CHECK_STATUS(ppb_election_parse(unknown_project, sizeof unknown_project - 1, PPB_LOAD_DEFAULT, &e), PPB_ERR_PARSE);
  CHECK(e == NULL);
  CHECK_STR_EQ(ppb_last_error(),
               "[ppb.parse_error.103] <input>:10: vote names project 'zz', which PROJECTS does not list");
  CHECK_INT_EQ(ppb_last_error_code(), 103);

  e = (ppb_election*)&e;
  CHECK_STATUS(ppb_election_parse("hello", 5, PPB_LOAD_DEFAULT, &e), PPB_ERR_PARSE);
  CHECK(e == NULL);
  CHECK_LAST_ERROR("[ppb.parse_error.101]", 101);

  /* Empty text is a malformed file, not a bad argument; NULL is fine with length 0. */
  CHECK_STATUS(ppb_election_parse(NULL, 0, PPB_LOAD_DEFAULT, &e), PPB_ERR_PARSE);
  CHECK_LAST_ERROR("[ppb.parse_error.101]", 101);

  /* Strict loading refuses voter 4's ballot (two projects, max_length 1) at its line. */
  CHECK_STATUS(ppb_election_parse(small, sizeof small - 1, PPB_LOAD_STRICT, &e), PPB_ERR_PARSE);
  CHECK(e == NULL);
  CHECK_LAST_ERROR("[ppb.parse_error.107] <input>:18:", 107);

  /* Not NUL-terminated: only `len` bytes are read (the text is cut before voter 4). */
  {
    size_t count = 99;
    const size_t cut = (size_t)(strstr(small, "4;c,b") - small);
    CHECK_OK(ppb_election_parse(small, cut, PPB_LOAD_STRICT, &e));
    CHECK_OK(ppb_election_warning_count(e, &count));
    CHECK_INT_EQ(count, 0);
    ppb_election_free(e);
  }

  /* Bad arguments. */
  CHECK_STATUS(ppb_election_parse(NULL, 5, PPB_LOAD_DEFAULT, &e), PPB_ERR_INVALID_ARGUMENT);
  CHECK_LAST_ERROR("[ppb.usage_error.200] text is NULL", 200);
  CHECK_STATUS(ppb_election_parse(small, sizeof small - 1, PPB_LOAD_DEFAULT, NULL), PPB_ERR_INVALID_ARGUMENT);
  CHECK_LAST_ERROR("[ppb.usage_error.200] out_election is NULL", 200);
  CHECK_STATUS(ppb_election_parse(small, sizeof small - 1, 2U, &e), PPB_ERR_INVALID_ARGUMENT);
  CHECK_LAST_ERROR("[ppb.usage_error.200] unknown load flags 2", 200);
  CHECK(e == NULL);
}

static void load_file(void) {
  ppb_election* e = NULL;
  uint64_t voters = 0;
  int64_t budget = 0;
  size_t count = 0;
  const char* s = NULL;

  CHECK_OK(ppb_election_load_file(PPB_TEST_DATA "/czestochowa_2024_bleszno.pb", PPB_LOAD_DEFAULT, &e));
  CHECK_OK(ppb_election_voter_count(e, &voters));
  CHECK(voters > 0);
  CHECK_OK(ppb_election_budget(e, &budget));
  CHECK_INT_EQ(budget, 329457);
  CHECK_OK(ppb_election_project_count(e, &count));
  CHECK(count > 0);
  CHECK_OK(ppb_election_meta(e, "currency", &s));
  CHECK_STR_EQ(s, "PLN");
  ppb_election_free(e);

  e = (ppb_election*)&e;
  CHECK_STATUS(ppb_election_load_file("/nonexistent/ppb.pb", PPB_LOAD_DEFAULT, &e), PPB_ERR_IO);
  CHECK(e == NULL);
  CHECK_LAST_ERROR("[ppb.parse_error.100] /nonexistent/ppb.pb: cannot open the file", 100);
  CHECK_STATUS(ppb_election_load_file(NULL, PPB_LOAD_DEFAULT, &e), PPB_ERR_INVALID_ARGUMENT);
  CHECK_LAST_ERROR("[ppb.usage_error.200] path is NULL", 200);
  CHECK_STATUS(ppb_election_load_file(PPB_TEST_DATA "/assen_2024.pb", PPB_LOAD_DEFAULT, NULL),
               PPB_ERR_INVALID_ARGUMENT);
  CHECK_STATUS(ppb_election_load_file(PPB_TEST_DATA "/assen_2024.pb", 4U, &e), PPB_ERR_INVALID_ARGUMENT);
}

static void misuse(void) {
#ifdef PPB_TEST_API_ARMOR
  /* A handle of another type is refused (each handle starts with its own magic word), and
   * freeing it through the wrong _free is a no-op. */
  ppb_tally_options* opts = NULL;
  ppb_election* wrong = NULL;
  int64_t budget = 0;
  CHECK_OK(ppb_tally_options_new(&opts));
  int32_t i32 = 0;
  uint64_t u64 = 0;
  size_t size = 0;
  const char* s = NULL;
  wrong = (ppb_election*)(void*)opts;
  CHECK_STATUS(ppb_election_budget(wrong, &budget), PPB_ERR_MISUSE);
  CHECK_LAST_ERROR("[ppb.usage_error.201] election is not a live handle of its type", 201);
  CHECK_STATUS(ppb_election_money_places(wrong, &i32), PPB_ERR_MISUSE);
  CHECK_STATUS(ppb_election_vote_type(wrong, &s), PPB_ERR_MISUSE);
  CHECK_STATUS(ppb_election_voter_count(wrong, &u64), PPB_ERR_MISUSE);
  CHECK_STATUS(ppb_election_project_count(wrong, &size), PPB_ERR_MISUSE);
  CHECK_STATUS(ppb_election_warning_count(wrong, &size), PPB_ERR_MISUSE);
  CHECK_STATUS(ppb_election_meta(wrong, "budget", &s), PPB_ERR_MISUSE);
  CHECK_STATUS(ppb_election_project_id(wrong, 0, &s), PPB_ERR_MISUSE);
  CHECK_STATUS(ppb_election_project_name(wrong, 0, &s), PPB_ERR_MISUSE);
  CHECK_STATUS(ppb_election_project_cost(wrong, 0, &budget), PPB_ERR_MISUSE);
  CHECK_STATUS(ppb_election_find_project(wrong, "a", &i32, &size), PPB_ERR_MISUSE);
  ppb_election_free(wrong); /* ignored: not an election */
  CHECK_OK(ppb_tally_options_set(opts, "rule", "greedy-cost")); /* still alive */
  ppb_tally_options_free(opts);
#else
  printf("election: PPB_API_ARMOR is off; misuse checks skipped\n");
#endif
}

int main(void) {
  inspect();
  parse_errors();
  load_file();
  misuse();
  CHECK_DONE("election");
}
