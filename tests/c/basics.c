/* The C ABI's library functions: status names, last error (thread-local), version, sizes, init,
 * ppb_free, rule names, project status names. */
#include <threads.h>

#include "check.h"

static void status_names(void) {
  CHECK_STR_EQ(ppb_status_name(PPB_OK), "PPB_OK");
  CHECK_STR_EQ(ppb_status_name(PPB_ERR_INVALID_ARGUMENT), "PPB_ERR_INVALID_ARGUMENT");
  CHECK_STR_EQ(ppb_status_name(PPB_ERR_MISUSE), "PPB_ERR_MISUSE");
  CHECK_STR_EQ(ppb_status_name(PPB_ERR_PARSE), "PPB_ERR_PARSE");
  CHECK_STR_EQ(ppb_status_name(PPB_ERR_IO), "PPB_ERR_IO");
  CHECK_STR_EQ(ppb_status_name(PPB_ERR_NOMEM), "PPB_ERR_NOMEM");
  CHECK_STR_EQ(ppb_status_name(PPB_ERR_CRYPTO_INIT), "PPB_ERR_CRYPTO_INIT");
  CHECK_STR_EQ(ppb_status_name(PPB_ERR_INTERNAL), "PPB_ERR_INTERNAL");
  CHECK_STR_EQ(ppb_status_name(8), "PPB_ERR_UNKNOWN");
  CHECK_STR_EQ(ppb_status_name(-1), "PPB_ERR_UNKNOWN");
  /* Pinned values: a renumbering breaks every caller compiled against an older header. */
  CHECK_INT_EQ(PPB_OK, 0);
  CHECK_INT_EQ(PPB_ERR_INVALID_ARGUMENT, 1);
  CHECK_INT_EQ(PPB_ERR_MISUSE, 2);
  CHECK_INT_EQ(PPB_ERR_PARSE, 3);
  CHECK_INT_EQ(PPB_ERR_IO, 4);
  CHECK_INT_EQ(PPB_ERR_NOMEM, 5);
  CHECK_INT_EQ(PPB_ERR_CRYPTO_INIT, 6);
  CHECK_INT_EQ(PPB_ERR_INTERNAL, 7);
}

static void version_and_sizes(void) {
  CHECK_INT_EQ(ppb_version_number(), PPB_VERSION_NUMBER);
  CHECK_INT_EQ(PPB_VERSION_NUMBER, PPB_VERSION_MAJOR * 10000 + PPB_VERSION_MINOR * 100 + PPB_VERSION_PATCH);
  CHECK_STR_EQ(ppb_version_string(), PPB_VERSION_STRING);
  /* Every size macro equals its function. */
  CHECK_INT_EQ(ppb_money_places_max(), PPB_MONEY_PLACES_MAX);
  CHECK_INT_EQ(ppb_publickey_bytes(), PPB_PUBLICKEY_BYTES);
  CHECK_INT_EQ(ppb_signature_bytes(), PPB_SIGNATURE_BYTES);
  CHECK_INT_EQ(ppb_hash_bytes(), PPB_HASH_BYTES);
  CHECK_INT_EQ(PPB_MONEY_PLACES_MAX, 9);
  CHECK_INT_EQ(PPB_PUBLICKEY_BYTES, 32);
  CHECK_INT_EQ(PPB_SIGNATURE_BYTES, 64);
  CHECK_INT_EQ(PPB_HASH_BYTES, 32);
}

static void init_and_free(void) {
  const int first = ppb_init();
  CHECK(first == 0);
  CHECK_INT_EQ(ppb_init(), 1); /* already done */
  ppb_free(NULL);              /* a no-op */
  ppb_election_free(NULL);
  ppb_tally_options_free(NULL);
  ppb_outcome_free(NULL);
}

static void rule_names(void) {
  const char* name = "x";
  size_t count = 0;
  for (;; ++count) {
    CHECK_OK(ppb_rule_name(count, &name));
    if (name == NULL) break;
    CHECK(name[0] != '\0');
  }
  CHECK(count >= 8);
  CHECK_OK(ppb_rule_name(0, &name));
  CHECK_STR_EQ(name, "greedy");
  CHECK_OK(ppb_rule_name((size_t)-1, &name));
  CHECK(name == NULL);
  CHECK_STATUS(ppb_rule_name(0, NULL), PPB_ERR_INVALID_ARGUMENT);
  CHECK_LAST_ERROR("[ppb.usage_error.200] out_name is NULL", 200);
}

static void project_status_names(void) {
  CHECK_STR_EQ(ppb_project_status_name(PPB_PROJECT_FUNDED), "funded");
  CHECK_STR_EQ(ppb_project_status_name(PPB_PROJECT_SKIPPED), "skipped");
  CHECK_STR_EQ(ppb_project_status_name(PPB_PROJECT_EXCLUDED), "excluded");
  CHECK_STR_EQ(ppb_project_status_name(PPB_PROJECT_NOT_REACHED), "not_reached");
  CHECK_STR_EQ(ppb_project_status_name(4), "unknown");
  CHECK_STR_EQ(ppb_project_status_name(-1), "unknown");
}

/* A failure in one thread does not change another thread's last error. */
static int fail_in_thread(void* arg) {
  ppb_election* e = NULL;
  (void)arg;
  if (strcmp(ppb_last_error(), "") != 0 || ppb_last_error_code() != 0) return 1; /* fresh thread: nothing yet */
  if (ppb_election_parse("nonsense", 8, PPB_LOAD_DEFAULT, &e) != PPB_ERR_PARSE || e != NULL) return 2;
  if (strncmp(ppb_last_error(), "[ppb.parse_error.", 17) != 0) return 3;
  return 0;
}

static void last_error_is_per_thread(void) {
  thrd_t t;
  int result = -1;
  CHECK_STATUS(ppb_rule_name(0, NULL), PPB_ERR_INVALID_ARGUMENT);
  CHECK(thrd_create(&t, fail_in_thread, NULL) == thrd_success);
  CHECK(thrd_join(t, &result) == thrd_success);
  CHECK_INT_EQ(result, 0);
  CHECK_LAST_ERROR("[ppb.usage_error.200] out_name is NULL", 200);
  /* Successful calls do not clear it (errno-style). */
  CHECK_INT_EQ(ppb_version_number(), PPB_VERSION_NUMBER);
  {
    const char* name = NULL;
    CHECK_OK(ppb_rule_name(0, &name));
  }
  CHECK_LAST_ERROR("[ppb.usage_error.200] out_name is NULL", 200);
}

int main(void) {
  /* Before anything failed: an empty message and code 0. */
  CHECK_STR_EQ(ppb_last_error(), "");
  CHECK_INT_EQ(ppb_last_error_code(), 0);
  status_names();
  version_and_sizes();
  init_and_free();
  rule_names();
  project_status_names();
  last_error_is_per_thread();
  CHECK_DONE("basics");
}
